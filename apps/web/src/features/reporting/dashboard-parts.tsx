import {
  CATEGORIES,
  CATEGORY_KEYS,
  chartNumber,
  DASHBOARD_MEASURES,
  DASHBOARD_MEASURE_NAMES,
  dashboardMeasure,
  INDICATORS,
  inReportUnit,
  reportUnitSuffix,
  type IndicatorId,
  type ShownIndicatorValues,
  type ShownValue,
  type TrendView,
} from "@shegong/domain";
import { Card, Col, Input, Row, Statistic } from "antd";
import type { I18n, MessageKey } from "../../i18n/locale.tsx";
import { formatShown, type ChartSpec } from "./report-format.ts";
import type { ReportTableSpec } from "./ReportPanel.tsx";

/** The month picker every dashboard has: any month up to this one. */
/** Each trend panel's title (TREND_VIEW_INDICATORS says what it draws). */
export const TREND_PANEL_TITLES: Record<TrendView, MessageKey> = {
  visits: "report.panel.visits",
  cases: "report.panel.cases",
  funds: "report.panel.funds",
  staffing: "report.panel.staffing",
  payouts: "report.panel.payouts",
};

export function MonthPicker({ value, max, onChange, label }: { value: string; max: string; onChange: (month: string) => void; label: string }) {
  return (
    <Input
      type="month"
      aria-label={label}
      addonBefore={label}
      value={value}
      max={max}
      onChange={(e) => onChange(e.target.value && e.target.value <= max ? e.target.value : max)}
      style={{ width: 240 }}
      data-testid="report-month"
    />
  );
}

/** One card per dashboard measure, for a unit's month (totals, "<5" shown as it came). */
export function MeasureCards({ values, pick }: { values: ShownIndicatorValues | undefined; pick: I18n["pick"] }) {
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="report-cards">
      {DASHBOARD_MEASURES.map((m) => (
        <Col key={m} xs={12} sm={8} md={6} xl={4}>
          <Card size="small" data-testid={`report-card-${m}`}>
            <Statistic title={pick(DASHBOARD_MEASURE_NAMES[m])} value={formatShown(dashboardMeasure(values, m))} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** People by category on the month's last day: bar chart and its table. */
export function categoryPanel(values: ShownIndicatorValues | undefined, i18n: I18n): { chart: ChartSpec; table: ReportTableSpec } {
  const byCategory = values?.["people.category"] ?? {};
  const value = (key: string): ShownValue => byCategory[key] ?? 0;
  const name = i18n.pick(INDICATORS["people.category"].name);
  return {
    chart: { kind: "bar", horizontal: true, categories: CATEGORY_KEYS.map((k) => i18n.pick(CATEGORIES[k])), series: [{ name, data: CATEGORY_KEYS.map((k) => chartNumber(value(k))) }] },
    table: {
      columns: [
        { key: "category", title: i18n.t("report.category") },
        { key: "value", title: name, align: "right" },
      ],
      rows: CATEGORY_KEYS.map((k) => ({ key: k, category: i18n.pick(CATEGORIES[k]), value: formatShown(value(k)) })),
    },
  };
}

/** Two indicators month by month (visits and overdue; cases opened and closed): line chart and table. */
export function trendPanel(
  months: string[],
  lines: { indicator: IndicatorId; values: (ShownValue | null)[] }[],
  i18n: I18n,
): { chart: ChartSpec; table: ReportTableSpec } {
  // Money is kept in fen and read in yuan.
  const nameOf = (id: IndicatorId) => i18n.pick(INDICATORS[id].name) + i18n.pick(reportUnitSuffix(id));
  return {
    chart: { kind: "line", categories: months, series: lines.map((l) => ({ name: nameOf(l.indicator), data: l.values.map((v) => chartNumber(inReportUnit(l.indicator, v))) })) },
    table: {
      columns: [{ key: "month", title: i18n.t("report.month") }, ...lines.map((l) => ({ key: l.indicator, title: nameOf(l.indicator), align: "right" as const }))],
      rows: months.map((month, i) => ({ key: month, month, ...Object.fromEntries(lines.map((l) => [l.indicator, formatShown(inReportUnit(l.indicator, l.values[i] ?? null))])) })),
    },
  };
}
