import { useQuery } from "@tanstack/react-query";
import { Breadcrumb, Card, Spin, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { formatPercent } from "../../lib/dates.ts";
import { trpc } from "../../trpc.ts";
import { CoverageTable } from "./CoverageTable.tsx";

// ECharts is the largest dependency and only overview pages draw charts, so it loads on demand.
const CoverageChart = lazy(() => import("./CoverageChart.tsx").then((m) => ({ default: m.CoverageChart })));

/** Coverage under a division, drilling down prefecture → county → township (R2); every chart has its table. */
export function CoverageExplorer({ rootCode, withChart }: { rootCode: string; withChart: boolean }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState(rootCode);
  const coverage = useQuery(trpc.coverage.byDivision.queryOptions({ divisionCode: current }));
  const path = useQuery(trpc.divisions.path.queryOptions({ code: current }));
  const crumbs = (path.data ?? []).filter((d) => d.code.length >= rootCode.length);

  if (coverage.isError) return <ErrorAlert error={coverage.error} />;
  if (!coverage.data) return <Spin />;
  const data = coverage.data;

  return (
    <div data-testid="coverage-explorer">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={crumbs.map((d) => ({
          key: d.code,
          title: d.code === current ? d.name : <a onClick={() => setCurrent(d.code)}>{d.name}</a>,
        }))}
      />
      <Typography.Paragraph data-testid="coverage-summary">
        {t("region.summary", {
          townships: data.total.townships,
          active: data.total.stations.active,
          coverage: formatPercent(data.total.coverage),
        })}
      </Typography.Paragraph>
      {withChart && data.children.length > 0 && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Suspense fallback={<Spin />}>
            <CoverageChart coverage={data} />
          </Suspense>
        </Card>
      )}
      <CoverageTable coverage={data} onDrill={(row) => setCurrent(row.code)} />
    </div>
  );
}
