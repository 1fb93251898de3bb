import { formatFen, INCOME_SOURCE_LABELS, INCOME_SOURCES, labelOf } from "@shegong/domain";
import { Card, Form, Input, InputNumber, Statistic } from "antd";
import { useI18n } from "../../i18n/locale.tsx";
import { livePerCapitaFen } from "./visit-form.ts";
import { GrowingTextArea } from "../../components/GrowingTextArea.tsx";

const SURVEY = ["findings", "assistance", "economicSurvey"] as const;

/** The household economic survey (R11 入户调查): members and monthly incomes in 元, per-capita as typed. */
export function EconomicSurveyFields() {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance();
  const survey = Form.useWatch([...SURVEY], form) as Parameters<typeof livePerCapitaFen>[0];
  const perCapita = livePerCapitaFen(survey);
  return (
    <Card size="small" title={t("visit.survey")} style={{ marginBottom: 16 }} data-testid="economic-survey">
      <Form.Item name={[...SURVEY, "members"]} label={t("visit.survey.members")}>
        <InputNumber min={1} max={30} precision={0} inputMode="numeric" style={{ width: "100%" }} size="large" />
      </Form.Item>
      {INCOME_SOURCES.map((source) => (
        <Form.Item key={source} name={[...SURVEY, "monthlyIncomeYuan", source]} label={labelOf(INCOME_SOURCE_LABELS, source, locale)}>
          <Input inputMode="decimal" suffix={t("visit.survey.yuanPerMonth")} size="large" data-testid={`income-${source}`} />
        </Form.Item>
      ))}
      <Statistic
        title={t("visit.survey.perCapita")}
        value={perCapita === null ? "—" : formatFen(perCapita)}
        style={{ marginBottom: 16 }}
        data-testid="per-capita"
      />
      <Form.Item name={[...SURVEY, "assetsNote"]} label={t("visit.survey.assets")}>
        <GrowingTextArea minRows={2} />
      </Form.Item>
    </Card>
  );
}
