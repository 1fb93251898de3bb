import { useQuery } from "@tanstack/react-query";
import { Card, Typography } from "antd";
import { CoverageExplorer } from "../features/coverage/CoverageExplorer.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc } from "../trpc.ts";

/** The region department's view (R2): stations by status and coverage per prefecture, per county on drill-down. */
export function RegionOverviewPage({ divisionCode }: { divisionCode: string }) {
  const { t } = useI18n();
  const path = useQuery(trpc.divisions.path.queryOptions({ code: divisionCode }));
  const name = path.data?.at(-1)?.name ?? divisionCode;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("region.title", { name })}
      </Typography.Title>
      <CoverageExplorer rootCode={divisionCode} withChart />
    </Card>
  );
}
