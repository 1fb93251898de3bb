import { labelOf, parseCitizenId, SEX_LABELS, todayInShanghai, ageOn } from "@shegong/domain";
import { Form, Input, Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

/** What the ID number itself says (sex, birth date, age), shown as it is typed; the server checks it again. */
function DerivedIdentity({ value }: { value: string | undefined }) {
  const { t, locale, pick } = useI18n();
  const typed = (value ?? "").trim();
  if (typed === "") return <Typography.Text type="secondary">{t("person.citizenId.hint")}</Typography.Text>;
  const today = todayInShanghai();
  const parsed = parseCitizenId(typed, today);
  if (parsed.ok) {
    const { sex, birthDate } = parsed.value;
    return (
      <Typography.Text type="success" data-testid="citizen-id-derived">
        {t("person.citizenId.derived", { sex: labelOf(SEX_LABELS, sex, locale), birthDate, age: ageOn(birthDate, today) })}
      </Typography.Text>
    );
  }
  // While the number is still being typed, say nothing alarming.
  if (typed.replace(/\s/g, "").length < 18 && parsed.error.code === "ID_LENGTH") return null;
  return <Typography.Text type="danger">{pick(parsed.error)}</Typography.Text>;
}

/** `optional`: on an edit the stored number stands unless a corrected one is typed. */
export function CitizenIdField({ extraHint, optional = false }: { extraHint?: string; optional?: boolean }) {
  const { t, pick } = useI18n();
  const value = Form.useWatch<string | undefined>("citizenId");
  return (
    <Form.Item
      name="citizenId"
      label={t("person.citizenId")}
      validateTrigger="onBlur"
      extra={
        <>
          {extraHint && <div>{extraHint}</div>}
          <DerivedIdentity value={value} />
        </>
      }
      rules={[
        { required: !optional, message: t("person.citizenId.required") },
        {
          validator: (_, raw: string | undefined) => {
            if (!raw) return Promise.resolve();
            const parsed = parseCitizenId(raw, todayInShanghai());
            return parsed.ok ? Promise.resolve() : Promise.reject(new Error(pick(parsed.error)));
          },
        },
      ]}
    >
      <Input maxLength={24} autoComplete="off" style={{ fontFamily: "monospace" }} />
    </Form.Item>
  );
}
