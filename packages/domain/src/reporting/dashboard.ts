import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { INDICATORS, type IndicatorId } from "./indicators.ts";

/** A value as a report shows it: a number, or "<5" for a small count of people above station level. */
export type ShownValue = number | string;
/** indicator → dimension ('' when none) → value, as the reporting procedures return them. */
export type ShownIndicatorValues = Partial<Record<IndicatorId, Record<string, ShownValue>>>;

/**
 * An indicator over all its dimensions. Counts of things (visits by kind, activities by kind) add
 * up; a value without a dimension is returned as it is, "<5" included. A count of people split by
 * dimension (people per category) does not add up (one person holds several categories) and a
 * suppressed cell must not leak through a sum, so it gives null: no single figure exists.
 * No facts at all is zero: the rollup keeps no row for nothing happening.
 */
export function indicatorValue(values: ShownIndicatorValues | undefined, id: IndicatorId): ShownValue | null {
  const byDimension = values?.[id];
  if (!byDimension) return 0;
  const entries = Object.entries(byDimension);
  if (entries.length === 0) return 0;
  if (entries.length === 1 && entries[0]![0] === "") return entries[0]![1];
  if (INDICATORS[id].people) return null;
  let sum = 0;
  for (const [, value] of entries) {
    if (typeof value !== "number") return null;
    sum += value;
  }
  return sum;
}

/** A value for a chart: numbers as they are, "<5" (or nothing) as a gap, never as a made-up number. */
export function chartNumber(value: ShownValue | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The measures a dashboard shows per unit (issue 7 item 3), in the units people read: hours, not
 * minutes; yuan, not fen; the satisfaction mean, not the score total.
 */
export const DASHBOARD_MEASURES = [
  "people.registered",
  "visits.done",
  "visits.overdue",
  "cases.open",
  "cases.open_high_risk",
  "activities.held",
  "volunteers.hours",
  "resources.yuan",
  "supervision.sessions",
  "staff.qualified",
  "staff.vs_required",
  "satisfaction.mean",
  "funds.disbursed.yuan",
  "funds.spent.yuan",
  "payouts.found",
  "payouts.settled",
] as const;
export type DashboardMeasure = (typeof DASHBOARD_MEASURES)[number];

export const DASHBOARD_MEASURE_NAMES: Record<DashboardMeasure, BilingualMessage> = {
  "people.registered": INDICATORS["people.registered"].name,
  "visits.done": INDICATORS["visits.done"].name,
  "visits.overdue": INDICATORS["visits.overdue"].name,
  "cases.open": INDICATORS["cases.open"].name,
  "cases.open_high_risk": INDICATORS["cases.open_high_risk"].name,
  "activities.held": INDICATORS["activities.held"].name,
  "volunteers.hours": { zh: "志愿服务时长（小时）", en: "Volunteer time (hours)" },
  "resources.yuan": { zh: "链接资源价值（元）", en: "Resources linked (yuan)" },
  "supervision.sessions": INDICATORS["supervision.sessions"].name,
  "staff.qualified": { zh: "持证社工 / 驻站社工", en: "Qualified / resident workers" },
  "staff.vs_required": { zh: "在岗驻站 / 协议要求", en: "Stationed / required workers" },
  "satisfaction.mean": { zh: "满意度均分（1–5）", en: "Satisfaction mean (1–5)" },
  "funds.disbursed.yuan": { zh: "拨付资金（元）", en: "Funds disbursed (yuan)" },
  "funds.spent.yuan": { zh: "资金支出（元）", en: "Funds spent (yuan)" },
  "payouts.found": INDICATORS["payouts.found"].name,
  "payouts.settled": INDICATORS["payouts.settled"].name,
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A dashboard measure of one unit's values; strings ("<5", "3 / 4") are shown as they are. */
export function dashboardMeasure(values: ShownIndicatorValues | undefined, measure: DashboardMeasure): ShownValue | null {
  switch (measure) {
    case "volunteers.hours": {
      const minutes = indicatorValue(values, "volunteers.minutes");
      return typeof minutes === "number" ? round(minutes / 60, 1) : minutes;
    }
    case "resources.yuan":
      return inYuan(indicatorValue(values, "resources.value_fen"));
    case "funds.disbursed.yuan":
      return inYuan(indicatorValue(values, "funds.disbursed_fen"));
    case "funds.spent.yuan":
      return inYuan(indicatorValue(values, "funds.spent_fen"));
    case "staff.qualified": {
      const [qualified, total] = [indicatorValue(values, "staff.qualified"), indicatorValue(values, "staff.total")];
      return `${qualified ?? "—"} / ${total ?? "—"}`;
    }
    case "staff.vs_required": {
      const [stationed, required] = [indicatorValue(values, "staff.stationed"), indicatorValue(values, "staff.required")];
      return `${stationed ?? "—"} / ${required ?? "—"}`;
    }
    case "satisfaction.mean":
      return satisfactionMean(values);
    default:
      return indicatorValue(values, measure);
  }
}

/** An amount in fen as yuan for a report (money is kept in fen; people read yuan). */
export function inYuan(fen: ShownValue | null): ShownValue | null {
  return typeof fen === "number" ? round(fen / 100, 2) : fen;
}

/** An indicator's value in the unit a report shows it in: money in yuan, everything else as kept. */
export function inReportUnit(id: IndicatorId, value: ShownValue | null): ShownValue | null {
  return INDICATORS[id].unit === "fen" ? inYuan(value) : value;
}

/** An indicator's name with the report's unit where it is not obvious ("（元）" for money). */
export function reportUnitSuffix(id: IndicatorId): BilingualMessage {
  return INDICATORS[id].unit === "fen" ? { zh: "（元）", en: " (yuan)" } : { zh: "", en: "" };
}

/** Mean follow-up score: score total / responses; null when nobody was asked. */
export function satisfactionMean(values: ShownIndicatorValues | undefined): number | null {
  const [responses, total] = [indicatorValue(values, "satisfaction.responses"), indicatorValue(values, "satisfaction.score_total")];
  if (typeof responses !== "number" || typeof total !== "number" || responses === 0) return null;
  return round(total / responses, 2);
}

/** The tables a dashboard exports (each chart's table, and the per-unit table). */
export const DIVISION_REPORT_VIEWS = ["children", "categories", "visits", "cases", "funds", "staffing", "payouts"] as const;
export const ZDivisionReportViewSchema = z.enum(DIVISION_REPORT_VIEWS);
export type DivisionReportView = z.infer<typeof ZDivisionReportViewSchema>;
export const STATION_REPORT_VIEWS = ["months", "categories", "visits", "cases", "funds", "staffing", "payouts"] as const;
export const ZStationReportViewSchema = z.enum(STATION_REPORT_VIEWS);
export type StationReportView = z.infer<typeof ZStationReportViewSchema>;

export const REPORT_VIEW_TITLES: Record<DivisionReportView | StationReportView, BilingualMessage> = {
  children: { zh: "下级单位主要指标", en: "Main indicators by unit" },
  months: { zh: "逐月主要指标", en: "Main indicators by month" },
  categories: { zh: "分类对象人数", en: "People by category" },
  visits: { zh: "走访与逾期趋势", en: "Visits and overdue trend" },
  cases: { zh: "个案开结趋势", en: "Cases opened and closed" },
  funds: { zh: "资金下达拨付支出", en: "Funds allocated, disbursed and spent" },
  staffing: { zh: "驻站人员与协议要求", en: "Staffing against the agreements" },
  payouts: { zh: "补贴发放核对", en: "Payout verification" },
};

/** The indicators each trend view plots, month by month. */
export const TREND_VIEWS = ["visits", "cases", "funds", "staffing", "payouts"] as const;
export type TrendView = (typeof TREND_VIEWS)[number];
export const TREND_VIEW_INDICATORS: Record<TrendView, IndicatorId[]> = {
  visits: ["visits.done", "visits.overdue"],
  cases: ["cases.opened", "cases.closed"],
  funds: ["funds.allocated_fen", "funds.disbursed_fen", "funds.spent_fen"],
  staffing: ["staff.stationed", "staff.qualified", "staff.required"],
  payouts: ["payouts.found", "payouts.settled"],
};
