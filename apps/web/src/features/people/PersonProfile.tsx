import {
  ageOn,
  CARE_STATUS_LABELS,
  DISABILITY_GRADE_LABELS,
  DISABILITY_TYPE_LABELS,
  ECONOMIC_SOURCE_LABELS,
  ETHNICITY_BY_CODE,
  labelOf,
  LIVING_ARRANGEMENT_LABELS,
  SEX_LABELS,
  todayInShanghai,
} from "@shegong/domain";
import { Card, Descriptions } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { useStation } from "../workspace/station-context.tsx";
import type { PersonDetail } from "./person-form.ts";
import { RevealIdButton } from "./RevealIdButton.tsx";
import { labelOrDash } from "./vocab-options.ts";

/** The person's record as stored, the ID masked (a full number only through the audited reveal). */
export function PersonProfile({ person }: { person: PersonDetail }) {
  const { t, locale } = useI18n();
  const { can } = useStation();
  const dash = (value: string | null) => (value === null || value === "" ? "—" : value);
  const disability =
    person.disabilityType === null
      ? "—"
      : `${labelOrDash(DISABILITY_TYPE_LABELS, person.disabilityType, locale)}${person.disabilityGrade === null ? "" : ` · ${labelOrDash(DISABILITY_GRADE_LABELS, person.disabilityGrade, locale)}`}`;
  return (
    <Card size="small" title={t("person.profile")} data-testid="person-profile">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: "id",
            label: t("person.citizenId"),
            span: 2,
            children: (
              <>
                <span style={{ fontFamily: "monospace" }} data-testid="person-masked-id">
                  {person.citizenIdMasked}
                </span>
                {can("person.id.reveal") && <RevealIdButton personId={person.id} />}
              </>
            ),
          },
          { key: "sex", label: t("person.sex"), children: labelOf(SEX_LABELS, person.sex, locale) },
          { key: "birth", label: t("person.birthDate"), children: `${person.birthDate}（${t("person.ageYears", { age: ageOn(person.birthDate, todayInShanghai()) })}）` },
          { key: "ethnicity", label: t("person.ethnicity"), children: labelOrDash(ETHNICITY_BY_CODE, person.ethnicityCode, locale) },
          { key: "phone", label: t("person.phone"), children: dash(person.phone) },
          { key: "village", label: t("person.village"), children: dash(person.villageName) },
          { key: "address", label: t("person.address"), children: dash(person.address) },
          { key: "living", label: t("person.livingArrangement"), children: labelOrDash(LIVING_ARRANGEMENT_LABELS, person.livingArrangement, locale) },
          { key: "economic", label: t("person.economicSource"), children: labelOrDash(ECONOMIC_SOURCE_LABELS, person.economicSource, locale) },
          { key: "disability", label: t("person.disability"), children: disability },
          { key: "care", label: t("person.careStatus"), children: labelOrDash(CARE_STATUS_LABELS, person.careStatus, locale) },
          { key: "registered", label: t("person.registeredOn"), children: person.registeredOn },
          ...(person.movedOutOn ? [{ key: "movedOut", label: t("person.movedOutOn"), children: person.movedOutOn }] : []),
          ...(person.diedOn ? [{ key: "died", label: t("person.diedOn"), children: person.diedOn }] : []),
          { key: "note", label: t("person.note"), span: 2, children: dash(person.note) },
        ]}
      />
    </Card>
  );
}
