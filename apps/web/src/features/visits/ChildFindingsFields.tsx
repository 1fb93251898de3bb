import { GUARDIANSHIP_STATE_LABELS, GUARDIANSHIP_STATES, SCHOOLING_STATE_LABELS, SCHOOLING_STATES } from "@shegong/domain";
import { Card, Form, Radio } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { vocabOptions } from "../people/vocab-options.ts";
import { GrowingTextArea } from "../../components/GrowingTextArea.tsx";

/** A child's follow-up (R10): whether the guardian looks after them, schooling, safety. */
export function ChildFindingsFields() {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={t("visit.children")} style={{ marginBottom: 16 }} data-testid="child-findings">
      <Form.Item name={["findings", "children", "guardianship"]} label={t("visit.children.guardianship")}>
        <Radio.Group orientation="vertical" options={vocabOptions(GUARDIANSHIP_STATE_LABELS, GUARDIANSHIP_STATES, locale)} />
      </Form.Item>
      <Form.Item name={["findings", "children", "schooling"]} label={t("visit.children.schooling")}>
        <Radio.Group orientation="vertical" options={vocabOptions(SCHOOLING_STATE_LABELS, SCHOOLING_STATES, locale)} />
      </Form.Item>
      <Form.Item name={["findings", "children", "safety"]} label={t("visit.children.safety")}>
        <GrowingTextArea minRows={2} />
      </Form.Item>
    </Card>
  );
}
