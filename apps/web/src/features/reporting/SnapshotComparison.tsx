import { useQuery } from "@tanstack/react-query";
import { DASHBOARD_MEASURES, DASHBOARD_MEASURE_NAMES, dashboardMeasure } from "@shegong/domain";
import { Card, Spin, Typography } from "antd";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { formatShown } from "./report-format.ts";
import { ReportTable } from "./ReportPanel.tsx";

/**
 * A month as frozen at its end beside the month before as frozen (issue 7 item 4): the change
 * between two monthly reports as they were reported, with the snapshot's time and fingerprint.
 */
export function SnapshotComparison({ divisionCode, month }: { divisionCode: string; month: string }) {
  const { t, pick } = useI18n();
  const snapshot = useQuery(trpc.reporting.snapshot.queryOptions({ divisionCode, month }));
  if (snapshot.isError) return <ErrorAlert error={snapshot.error} />;
  if (!snapshot.data) return <Spin />;
  const { report, previous, frozenAt, fingerprint } = snapshot.data;
  const rows = DASHBOARD_MEASURES.map((m) => {
    const now = dashboardMeasure(report.total, m);
    const before = previous ? dashboardMeasure(previous.total, m) : null;
    const change = typeof now === "number" && typeof before === "number" ? Math.round((now - before) * 10) / 10 : null;
    return {
      key: m,
      measure: pick(DASHBOARD_MEASURE_NAMES[m]),
      now: formatShown(now),
      before: previous ? formatShown(before) : "—",
      change: change === null ? "—" : change > 0 ? `+${change}` : String(change),
    };
  });
  return (
    <Card size="small" title={t("report.snapshot.compare")} style={{ marginBottom: 16 }} data-testid="snapshot-comparison">
      <Typography.Paragraph type="secondary" data-testid="snapshot-meta">
        {t("report.snapshot.meta", { month, at: new Date(frozenAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" }), fingerprint: fingerprint.slice(0, 16) })}
      </Typography.Paragraph>
      <ReportTable
        testId="snapshot-table"
        table={{
          columns: [
            { key: "measure", title: t("report.snapshot.measure") },
            { key: "now", title: month, align: "right" },
            { key: "before", title: previous?.month ?? t("report.snapshot.noPrevious"), align: "right" },
            { key: "change", title: t("report.snapshot.change"), align: "right" },
          ],
          rows,
        }}
      />
    </Card>
  );
}
