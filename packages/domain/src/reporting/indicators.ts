import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { daysInMonth } from "../time.ts";

/**
 * Region-scale indicators (issue 7), defined once: a stable id, names in both languages, what it
 * counts in words, and how a month's values combine upward. Stations write facts; a refresh keeps
 * one row per station × month × indicator (× dimension, such as a category) in the rollup table,
 * and every report above a station reads only those rows.
 *
 * `measure` says how a value is read over time: a `stock` is a count on the month's last day (or
 * today, for the current month) and is not summed across months; a `flow` happened within the
 * month and sums across months. `people` says whether the value counts people, which is what the
 * small-cell rule protects above station level.
 */
export interface IndicatorDefinition {
  id: IndicatorId;
  name: BilingualMessage;
  definition: BilingualMessage;
  unit: "people" | "count" | "minutes" | "fen" | "ratio";
  measure: "stock" | "flow";
  /** What the dimension column holds, if anything (e.g. the category key). */
  dimension?: "category" | "visit_kind" | "activity_kind" | "resource_kind" | "funding_source" | "spending_category" | "payout_rule";
  people: boolean;
}

export const INDICATOR_IDS = [
  "people.registered",
  "people.category",
  "visits.done",
  "visits.minutes",
  "visits.people_reached",
  "visits.risks_raised",
  "visits.overdue",
  "cases.opened",
  "cases.closed",
  "cases.open",
  "cases.open_high_risk",
  "cases.service_minutes",
  "staff.total",
  "staff.qualified",
  "staff.stationed",
  "staff.required",
  "activities.held",
  "activities.attendance",
  "volunteers.minutes",
  "resources.value_fen",
  "supervision.sessions",
  "supervision.minutes",
  "satisfaction.responses",
  "satisfaction.score_total",
  "funds.allocated_fen",
  "funds.disbursed_fen",
  "funds.spent_fen",
  "payouts.found",
  "payouts.settled",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];
export const ZIndicatorIdSchema = z.enum(INDICATOR_IDS);

const def = (d: Omit<IndicatorDefinition, "id">) => d;

export const INDICATORS: Record<IndicatorId, IndicatorDefinition> = Object.fromEntries(
  (
    [
      ["people.registered", def({ name: { zh: "在册服务对象", en: "People on the register" }, definition: { zh: "月末在本站登记、未死亡未迁出的人数", en: "People registered at the station on the month's last day, neither dead nor moved out" }, unit: "people", measure: "stock", people: true })],
      ["people.category", def({ name: { zh: "分类对象人数", en: "People per category" }, definition: { zh: "月末持有该类别（特困、低保、留守儿童等）的人数，按类别统计", en: "People holding each category (特困, 低保, left-behind children …) on the month's last day" }, unit: "people", measure: "stock", dimension: "category", people: true })],
      ["visits.done", def({ name: { zh: "走访次数", en: "Visits made" }, definition: { zh: "当月记录的走访（巡访、随访、入户调查）次数，按走访类型统计", en: "Visits made in the month (patrol, follow-up, household survey), by kind" }, unit: "count", measure: "flow", dimension: "visit_kind", people: false })],
      ["visits.minutes", def({ name: { zh: "走访服务时长", en: "Visit service time" }, definition: { zh: "当月走访记录的服务时长合计（分钟）", en: "Total duration of the month's visits, in minutes" }, unit: "minutes", measure: "flow", people: false })],
      ["visits.people_reached", def({ name: { zh: "走访覆盖人数", en: "People visited" }, definition: { zh: "当月至少被走访一次的服务对象人数（按户走访计入户主）", en: "People visited at least once in the month (a household visit counts its head)" }, unit: "people", measure: "flow", people: true })],
      ["visits.risks_raised", def({ name: { zh: "走访发现风险", en: "Risks raised on visits" }, definition: { zh: "当月走访中标记为中、高风险的次数", en: "Visits in the month that raised a medium or high risk" }, unit: "count", measure: "flow", people: false })],
      ["visits.overdue", def({ name: { zh: "逾期未访人数", en: "People overdue for a visit" }, definition: { zh: "月末按走访频次规则已逾期未走访的人数", en: "People whose visit, by the cadence rules, was overdue on the month's last day" }, unit: "people", measure: "stock", people: true })],
      ["cases.opened", def({ name: { zh: "新开个案", en: "Cases opened" }, definition: { zh: "当月接案的个案数", en: "Cases taken in during the month" }, unit: "count", measure: "flow", people: false })],
      ["cases.closed", def({ name: { zh: "结案个案", en: "Cases closed" }, definition: { zh: "当月结案的个案数", en: "Cases closed during the month" }, unit: "count", measure: "flow", people: false })],
      ["cases.open", def({ name: { zh: "在案个案", en: "Open cases" }, definition: { zh: "月末尚未结案的个案数", en: "Cases open on the month's last day" }, unit: "count", measure: "stock", people: false })],
      ["cases.open_high_risk", def({ name: { zh: "高风险在案个案", en: "Open high-risk cases" }, definition: { zh: "月末尚未结案且风险等级为高或危急的个案数（按当前风险等级）", en: "Cases open on the month's last day at high or critical risk (as currently assessed)" }, unit: "count", measure: "stock", people: false })],
      ["cases.service_minutes", def({ name: { zh: "个案服务时长", en: "Case service time" }, definition: { zh: "当月个案服务记录的时长合计（分钟）", en: "Total duration of the month's case service records, in minutes" }, unit: "minutes", measure: "flow", people: false })],
      ["staff.total", def({ name: { zh: "驻站社工人数", en: "Resident workers" }, definition: { zh: "本站登记的驻站人员数", en: "Staff registered at the station" }, unit: "count", measure: "stock", people: false })],
      ["staff.qualified", def({ name: { zh: "持证社工人数", en: "Qualified workers" }, definition: { zh: "持有社会工作者职业资格证书且在有效期内的驻站人员数", en: "Staff holding a social-work qualification that has not expired" }, unit: "count", measure: "stock", people: false })],
      ["staff.stationed", def({ name: { zh: "在岗驻站社工", en: "Workers stationed" }, definition: { zh: "月末已驻站且未离岗的人员数（人员合规的驻站口径）", en: "Staff stationed and not yet left on the month's last day (the staff panel's rule)" }, unit: "count", measure: "stock", people: false })],
      ["staff.required", def({ name: { zh: "协议要求驻站人数", en: "Staffing required" }, definition: { zh: "月末有效的购买服务协议要求的驻站社工人数（已备案的协议优先）", en: "Resident workers the purchase agreement in force on the month's last day requires (a filed agreement first)" }, unit: "count", measure: "stock", people: false })],
      ["activities.held", def({ name: { zh: "开展活动", en: "Activities held" }, definition: { zh: "当月开展的小组、社区和宣传教育活动场次，按活动类型统计", en: "Group, community and publicity activities held in the month, by kind" }, unit: "count", measure: "flow", dimension: "activity_kind", people: false })],
      ["activities.attendance", def({ name: { zh: "活动参与人次", en: "Activity attendance" }, definition: { zh: "当月活动的参与人次（登记对象加其他参与者人数）", en: "Attendances at the month's activities (registered people plus others counted)" }, unit: "count", measure: "flow", people: false })],
      ["volunteers.minutes", def({ name: { zh: "志愿服务时长", en: "Volunteer time" }, definition: { zh: "当月活动中志愿者服务时长合计（分钟）", en: "Volunteer time at the month's activities, in minutes" }, unit: "minutes", measure: "flow", people: false })],
      ["resources.value_fen", def({ name: { zh: "链接资源价值", en: "Resources linked" }, definition: { zh: "当月链接的物资、资金和服务折合价值（分），按资源类型统计", en: "Value of goods, money and services brought in during the month, in fen, by kind" }, unit: "fen", measure: "flow", dimension: "resource_kind", people: false })],
      ["supervision.sessions", def({ name: { zh: "督导次数", en: "Supervision sessions" }, definition: { zh: "当月开展的个别和团体督导次数", en: "Individual and group supervision sessions held in the month" }, unit: "count", measure: "flow", people: false })],
      ["supervision.minutes", def({ name: { zh: "督导时长", en: "Supervision time" }, definition: { zh: "当月督导时长合计（分钟）", en: "Total supervision time in the month, in minutes" }, unit: "minutes", measure: "flow", people: false })],
      ["satisfaction.responses", def({ name: { zh: "满意度回访数", en: "Satisfaction follow-ups" }, definition: { zh: "当月完成的满意度回访次数", en: "Satisfaction follow-ups made in the month" }, unit: "count", measure: "flow", people: false })],
      ["satisfaction.score_total", def({ name: { zh: "满意度评分合计", en: "Satisfaction score total" }, definition: { zh: "当月回访评分（1–5 分）之和；除以回访数即平均分", en: "Sum of the month's follow-up scores (1–5); divided by the follow-ups it gives the mean" }, unit: "count", measure: "flow", people: false })],
      ["funds.allocated_fen", def({ name: { zh: "下达资金", en: "Funds allocated" }, definition: { zh: "当月按购买服务协议下达的资金（分），按资金来源统计（R14）", en: "Funds allocated under the station's purchase agreements in the month, in fen, by source (R14)" }, unit: "fen", measure: "flow", dimension: "funding_source", people: false })],
      ["funds.disbursed_fen", def({ name: { zh: "拨付资金", en: "Funds disbursed" }, definition: { zh: "当月乡镇（街道）向承接机构拨付的资金（分）", en: "Funds the township paid to the contractor in the month, in fen" }, unit: "fen", measure: "flow", people: false })],
      ["funds.spent_fen", def({ name: { zh: "资金支出", en: "Funds spent" }, definition: { zh: "当月承接机构的项目支出（分），按支出类别统计", en: "The contractor's project spending in the month, in fen, by category" }, unit: "fen", measure: "flow", dimension: "spending_category", people: false })],
      ["payouts.found", def({ name: { zh: "补贴核对发现问题", en: "Payout discrepancies found" }, definition: { zh: "当月核对补贴发放名册发现的问题条数，按核对规则统计", en: "Discrepancies found in the month by checking payout rosters against the register, by rule" }, unit: "count", measure: "flow", dimension: "payout_rule", people: false })],
      ["payouts.settled", def({ name: { zh: "补贴核对问题办结", en: "Payout discrepancies settled" }, definition: { zh: "当月办结的补贴核对问题条数", en: "Payout discrepancies settled in the month" }, unit: "count", measure: "flow", people: false })],
    ] as [IndicatorId, Omit<IndicatorDefinition, "id">][]
  ).map(([id, d]) => [id, { id, ...d }]),
) as Record<IndicatorId, IndicatorDefinition>;

/** 'YYYY-MM' of a date, and the first day of a month as the rollup key. */
export const ZMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "月份须为 YYYY-MM / Month must be YYYY-MM" });

export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The date a stock indicator is read on: the month's last day, or `today` while the month runs. */
export function monthAsOf(month: string, today: string): string {
  const end = `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, "0")}`;
  return end < today ? end : today;
}

/** The `count` months ending with `month`, oldest first (a trend's x axis). */
export function monthsEndingWith(month: string, count: number): string[] {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/**
 * A value as a report above station level may show it: counts of people from 1 to 4 become "<5"
 * (formatSmallCount); everything else is shown as it is. Null: the value may be shown.
 */
export function suppressedAbove(indicator: IndicatorId, value: number, threshold = 5): string | null {
  return INDICATORS[indicator].people && value > 0 && value < threshold ? `<${threshold}` : null;
}
