import type { SatisfactionSummary } from "@shegong/domain";
import { Typography } from "antd";
import { useI18n } from "../../i18n/locale.tsx";

/** "4 responses, mean 3.75, 75% satisfied", or that there are none yet. */
export function SatisfactionLine({ summary }: { summary: SatisfactionSummary }) {
  const { t } = useI18n();
  if (summary.responses === 0 || summary.meanScore === null) return <Typography.Text type="secondary">{t("satisfaction.none")}</Typography.Text>;
  return (
    <Typography.Text data-testid="satisfaction-line">
      {t("satisfaction.summary", { n: summary.responses, mean: summary.meanScore.toFixed(2), percent: `${summary.satisfiedPercent ?? 0}%` })}
    </Typography.Text>
  );
}
