import { useQuery } from "@tanstack/react-query";
import { Card, Tabs, Typography } from "antd";
import { CoverageExplorer } from "../features/coverage/CoverageExplorer.tsx";
import { DivisionDashboard } from "../features/reporting/DivisionDashboard.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { trpc } from "../trpc.ts";

/**
 * The region department's view: coverage progress (R2) per prefecture, per county on drill-down,
 * and beside it the service indicators (issue 7 item 3), counts only.
 */
export function RegionOverviewPage({ divisionCode }: { divisionCode: string }) {
  const { t } = useI18n();
  const path = useQuery(trpc.divisions.path.queryOptions({ code: divisionCode }));
  const name = path.data?.at(-1)?.name ?? divisionCode;
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("region.title", { name })}
      </Typography.Title>
      <Tabs
        items={[
          { key: "coverage", label: t("region.tab.coverage"), children: <CoverageExplorer rootCode={divisionCode} withChart /> },
          { key: "service", label: <span data-testid="tab-service">{t("region.tab.service")}</span>, children: <DivisionDashboard rootCode={divisionCode} /> },
        ]}
      />
    </Card>
  );
}
