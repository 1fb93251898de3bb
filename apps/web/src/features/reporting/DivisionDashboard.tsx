import { DownloadOutlined } from "@ant-design/icons";
import { useMutation, useQueries, useQuery } from "@tanstack/react-query";
import { DASHBOARD_MEASURES, DASHBOARD_MEASURE_NAMES, dashboardMeasure, monthsEndingWith, todayInShanghai, TREND_VIEW_INDICATORS, TREND_VIEWS, type DivisionReportView, type IndicatorId } from "@shegong/domain";
import { Breadcrumb, Button, Card, Col, Row, Segmented, Space, Spin, Typography } from "antd";
import { useState } from "react";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { useI18n, type I18n, type MessageKey } from "../../i18n/locale.tsx";
import { trpc, type RouterOutputs } from "../../trpc.ts";
import { categoryPanel, MeasureCards, MonthPicker, TREND_PANEL_TITLES, trendPanel } from "./dashboard-parts.tsx";
import { formatShown } from "./report-format.ts";
import { ReportPanel, ReportTable, useReportDownloaded, type ReportTableSpec } from "./ReportPanel.tsx";
import { SnapshotComparison } from "./SnapshotComparison.tsx";

const TREND_MONTHS = 12;
// Rollups are refreshed every few seconds from the stations' writes; the current month keeps moving.
const LIVE_REFRESH_MS = 10_000;

/** What the units one level down are called, by the length of the division code shown. */
const CHILD_LEVEL: Record<number, MessageKey> = { 2: "report.children.prefecture", 4: "report.children.county", 6: "report.children.township" };

/**
 * The indicator dashboard of a region, prefecture or county (issue 7 item 3): a month's totals,
 * people by category, the visit and case trends, and a row per unit one level down; a row drills
 * down (prefecture → county → the county's stations), the breadcrumb goes back up. Above station
 * level the server sends small counts of people as "<5": shown as they came, gaps in the charts.
 */
export function DivisionDashboard({ rootCode }: { rootCode: string }) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const thisMonth = todayInShanghai().slice(0, 7);
  const [current, setCurrent] = useState(rootCode);
  const [month, setMonth] = useState(thisMonth);
  const [wantSnapshot, setWantSnapshot] = useState(false);
  const snapshots = useQuery(trpc.reporting.snapshots.queryOptions({ divisionCode: rootCode }));
  const frozen = (snapshots.data ?? []).some((s) => s.month === month);
  // A month frozen at its end can be read as reported then, or as the rollups stand now.
  const source = frozen && wantSnapshot ? ("snapshot" as const) : ("live" as const);
  const live = { refetchInterval: month === thisMonth ? LIVE_REFRESH_MS : (false as const) };
  const report = useQuery({ ...trpc.reporting.division.queryOptions({ divisionCode: current, month, source }), ...live });
  const path = useQuery(trpc.divisions.path.queryOptions({ code: current }));
  const trend = (indicator: IndicatorId) => ({ ...trpc.reporting.trend.queryOptions({ divisionCode: current, indicator, month, months: TREND_MONTHS, source }), ...live });
  // One query per indicator a trend panel draws, in the fixed order of TREND_VIEW_INDICATORS.
  const trendIndicators = TREND_VIEWS.flatMap((view) => TREND_VIEW_INDICATORS[view]);
  const trends = useQueries({ queries: trendIndicators.map(trend) });
  const downloaded = useReportDownloaded();
  const exportDivision = useMutation(trpc.reporting.exportDivision.mutationOptions({ onSuccess: downloaded }));
  const exporter = (view: DivisionReportView) => ({
    run: () => exportDivision.mutate({ divisionCode: current, month, view, source }),
    isPending: exportDivision.isPending && exportDivision.variables?.view === view,
  });

  const crumbs = (path.data ?? []).filter((d) => d.code.length >= rootCode.length);
  const months = monthsEndingWith(month, TREND_MONTHS);
  const pointsOf = (indicator: IndicatorId) => {
    const points = trends[trendIndicators.indexOf(indicator)]?.data?.points;
    return months.map((m) => points?.find((p) => p.month === m)?.value ?? null);
  };
  const error = report.error ?? trends.find((q) => q.error)?.error;

  return (
    <div data-testid="division-dashboard">
      <Space wrap style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Breadcrumb
          data-testid="report-breadcrumb"
          items={crumbs.map((d) => ({ key: d.code, title: d.code === current ? d.name : <a onClick={() => setCurrent(d.code)}>{d.name}</a> }))}
        />
        <Space wrap>
          {frozen && (
            <Segmented
              data-testid="report-source"
              value={source}
              onChange={(value) => setWantSnapshot(value === "snapshot")}
              options={[
                { value: "live", label: t("report.source.live") },
                { value: "snapshot", label: t("report.source.snapshot") },
              ]}
            />
          )}
          <MonthPicker value={month} max={thisMonth} onChange={setMonth} label={t("report.month")} />
        </Space>
      </Space>
      <ErrorAlert error={error ?? exportDivision.error} />
      {!report.data ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="report-note">
            {t("report.note", { month: report.data.month })}
          </Typography.Paragraph>
          {source === "snapshot" && <SnapshotComparison divisionCode={current} month={month} />}
          <MeasureCards values={report.data.total} pick={pick} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={12}>
              <ReportPanel title={t("report.panel.categories")} testId="report-categories" exporter={exporter("categories")} {...categoryPanel(report.data.total, i18n)} />
            </Col>
            {TREND_VIEWS.map((view) => (
              <Col xs={24} xl={12} key={view}>
                <ReportPanel
                  title={t(TREND_PANEL_TITLES[view])}
                  testId={`report-${view}`}
                  exporter={exporter(view)}
                  {...trendPanel(months, TREND_VIEW_INDICATORS[view].map((indicator) => ({ indicator, values: pointsOf(indicator) })), i18n)}
                />
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={t(CHILD_LEVEL[current.length] ?? "report.children.township")}
            extra={
              <Button size="small" icon={<DownloadOutlined />} loading={exporter("children").isPending} onClick={exporter("children").run} data-testid="report-children-export">
                {t("report.export")}
              </Button>
            }
          >
            <ReportTable table={childrenTable(report.data, (code) => setCurrent(code), i18n)} testId="report-children" />
          </Card>
        </>
      )}
    </div>
  );
}

type DivisionReport = RouterOutputs["reporting"]["division"];

/** One row per unit one level down, the total last; a prefecture or county name drills down. */
function childrenTable(report: DivisionReport, onDrill: (code: string) => void, { t, pick }: I18n): ReportTableSpec {
  const measureColumns = DASHBOARD_MEASURES.map((m) => ({ key: m, title: pick(DASHBOARD_MEASURE_NAMES[m]), align: "right" as const }));
  const measures = (values: Parameters<typeof dashboardMeasure>[0]) => Object.fromEntries(DASHBOARD_MEASURES.map((m) => [m, formatShown(dashboardMeasure(values, m))]));
  return {
    columns: [
      { key: "name", title: t("coverage.name") },
      { key: "code", title: t("workspace.divisionCode") },
      { key: "stations", title: t("report.stationsReporting"), align: "right" },
      ...measureColumns,
    ],
    rows: [
      ...report.children.map((c) => ({
        key: c.code,
        name:
          c.code.length <= 6 ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(c.code)} title={t("coverage.drill")} data-testid={`report-drill-${c.code}`}>
              {c.name}
            </Button>
          ) : (
            c.name
          ),
        code: c.code,
        stations: c.stationsReporting,
        ...measures(c.values),
      })),
      {
        key: "total",
        name: <Typography.Text strong>{t("common.total")}</Typography.Text>,
        code: report.division.code,
        stations: report.children.reduce((n, c) => n + c.stationsReporting, 0),
        ...measures(report.total),
      },
    ],
  };
}
