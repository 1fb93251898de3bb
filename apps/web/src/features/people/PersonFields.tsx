import {
  CARE_STATUS_LABELS,
  CARE_STATUSES,
  DISABILITY_GRADE_LABELS,
  DISABILITY_GRADES,
  DISABILITY_TYPE_LABELS,
  DISABILITY_TYPES,
  ECONOMIC_SOURCE_LABELS,
  ECONOMIC_SOURCES,
  LIVING_ARRANGEMENT_LABELS,
  LIVING_ARRANGEMENTS,
} from "@shegong/domain";
import { Col, Form, Input, Row, Select } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { CitizenIdField } from "./CitizenIdField.tsx";
import { useStationVillages } from "./use-villages.ts";
import { ethnicityOptions, vocabOptions } from "./vocab-options.ts";

/** The profile fields of a person (issue 3 item 1), shared by registering and editing. */
export function PersonFields({ citizenIdHint, citizenIdOptional = false }: { citizenIdHint?: string; citizenIdOptional?: boolean }) {
  const { t, locale } = useI18n();
  const villages = useStationVillages();
  const select = (options: { value: string; label: string }[], testId: string) => (
    <Select allowClear options={options} data-testid={testId} showSearch={{ optionFilterProp: "label" }} />
  );
  return (
    <>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="name" label={t("person.name")} rules={[{ required: true, whitespace: true, message: t("person.name.required") }]}>
            <Input maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <CitizenIdField extraHint={citizenIdHint} optional={citizenIdOptional} />
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="ethnicityCode" label={t("person.ethnicity")}>
            {select(ethnicityOptions(locale), "field-ethnicity")}
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="phone" label={t("person.phone")}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item name="villageCode" label={t("person.village")}>
            <Select allowClear loading={villages.loading} options={villages.options} data-testid="field-village" showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="address" label={t("person.address")}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="livingArrangement" label={t("person.livingArrangement")}>
            {select(vocabOptions(LIVING_ARRANGEMENT_LABELS, LIVING_ARRANGEMENTS, locale), "field-living")}
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="economicSource" label={t("person.economicSource")}>
            {select(vocabOptions(ECONOMIC_SOURCE_LABELS, ECONOMIC_SOURCES, locale), "field-economic")}
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="disabilityType" label={t("person.disabilityType")}>
            {select(vocabOptions(DISABILITY_TYPE_LABELS, DISABILITY_TYPES, locale), "field-disability-type")}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="disabilityGrade" label={t("person.disabilityGrade")}>
            {select(vocabOptions(DISABILITY_GRADE_LABELS, DISABILITY_GRADES, locale), "field-disability-grade")}
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="careStatus" label={t("person.careStatus")}>
            {select(vocabOptions(CARE_STATUS_LABELS, CARE_STATUSES, locale), "field-care")}
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t("person.note")}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </>
  );
}

/** Labels of the profile fields, for naming a field in an error message. */
export function usePersonFieldLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    name: t("person.name"),
    citizenId: t("person.citizenId"),
    sex: t("person.sex"),
    birthDate: t("person.birthDate"),
    ethnicityCode: t("person.ethnicity"),
    phone: t("person.phone"),
    villageCode: t("person.village"),
    address: t("person.address"),
    livingArrangement: t("person.livingArrangement"),
    economicSource: t("person.economicSource"),
    disabilityType: t("person.disabilityType"),
    disabilityGrade: t("person.disabilityGrade"),
    careStatus: t("person.careStatus"),
    note: t("person.note"),
    person: t("person.profile"),
    categories: t("person.categories"),
  };
}
