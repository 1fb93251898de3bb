import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQuery } from "@tanstack/react-query";
import { DASHBOARD_MEASURES, DASHBOARD_MEASURE_NAMES, dashboardMeasure, indicatorValue, todayInShanghai, TREND_VIEW_INDICATORS, TREND_VIEWS, type IndicatorId, type StationReportView } from "@shegong/domain";
import { Alert, Button, Card, Col, Row, Space, Spin } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n } from "../../i18n/locale.tsx";
import { trpc } from "../../trpc.ts";
import { categoryPanel, MeasureCards, MonthPicker, TREND_PANEL_TITLES, trendPanel } from "./dashboard-parts.tsx";
import { formatShown } from "./report-format.ts";
import { ReportPanel, ReportTable, useReportDownloaded } from "./ReportPanel.tsx";

const TREND_MONTHS = 12;
const LIVE_REFRESH_MS = 10_000;

/**
 * A station's own dashboard: its 12-month trends, unsuppressed (its own people). Months with
 * writes not yet counted (the rollup refresh runs every few seconds) are named as "updating".
 */
export function StationDashboard({ stationId }: { stationId: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const thisMonth = todayInShanghai().slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const report = useQuery({ ...trpc.reporting.station.queryOptions({ stationId, month, months: TREND_MONTHS }), refetchInterval: LIVE_REFRESH_MS });
  const downloaded = useReportDownloaded();
  const exportStation = useMutation(trpc.reporting.exportStation.mutationOptions({ onSuccess: downloaded }));
  const exporter = (view: StationReportView) => ({
    run: () => exportStation.mutate({ stationId, month, view }),
    isPending: exportStation.isPending && exportStation.variables?.view === view,
  });

  const data = report.data;
  const months = data?.months.map((m) => m.month) ?? [];
  const line = (indicator: IndicatorId) => ({ indicator, values: (data?.months ?? []).map((m) => indicatorValue(m.values, indicator)) });
  const latest = data?.months.at(-1)?.values;

  return (
    <div data-testid="station-dashboard">
      <Space wrap style={{ marginBottom: 12 }}>
        <MonthPicker value={month} max={thisMonth} onChange={setMonth} label={t("report.month")} />
      </Space>
      <ErrorAlert error={report.error ?? exportStation.error} />
      {data && data.pendingMonths.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t("report.updating", { months: data.pendingMonths.join("、") })} data-testid="report-updating" />
      )}
      {!data ? (
        <Spin />
      ) : (
        <>
          <MeasureCards values={latest} pick={pick} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <ReportPanel title={t("report.panel.categories")} testId="report-categories" exporter={exporter("categories")} {...categoryPanel(latest, i18n)} />
            </Col>
            {TREND_VIEWS.map((view) => (
              <Col xs={24} xl={12} key={view}>
                <ReportPanel title={t(TREND_PANEL_TITLES[view])} testId={`report-${view}`} exporter={exporter(view)} {...trendPanel(months, TREND_VIEW_INDICATORS[view].map(line), i18n)} />
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={t("report.panel.months")}
            extra={
              <Button size="small" icon={<DownloadOutlined />} loading={exporter("months").isPending} onClick={exporter("months").run} data-testid="report-months-export">
                {t("report.export")}
              </Button>
            }
          >
            <ReportTable
              testId="report-months"
              table={{
                columns: [{ key: "month", title: t("report.month") }, ...DASHBOARD_MEASURES.map((m) => ({ key: m, title: pick(DASHBOARD_MEASURE_NAMES[m]), align: "right" as const }))],
                rows: [...data.months].reverse().map((m) => ({ key: m.month, month: m.month, ...Object.fromEntries(DASHBOARD_MEASURES.map((measure) => [measure, formatShown(dashboardMeasure(m.values, measure))])) })),
              }}
            />
          </Card>
        </>
      )}
    </div>
  );
}
