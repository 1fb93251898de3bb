import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";
import { INDICATOR_IDS, INDICATORS, type IndicatorId } from "../reporting/indicators.ts";
import type { DeliverableKind, TDeliverable } from "./agreements.ts";

/**
 * What a station hands its city/county bureau on a schedule (R13, R18): the quarterly ledger package
 * (季度台账) and the year-end self-check and summary report (年度自查总结). Both follow one workflow:
 * the contractor builds a draft from the data, submits it (the version is frozen and fingerprinted),
 * and the bureau accepts it or returns it with comments; a returned one is rebuilt as a new version.
 */
export const SUBMISSION_KINDS = ["quarterly", "annual"] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_KIND_LABELS: VocabLabels<SubmissionKind> = {
  quarterly: { zh: "季度台账", en: "Quarterly ledger package" },
  annual: { zh: "年度自查总结", en: "Year-end self-check and summary" },
};

export const SUBMISSION_STATUSES = ["draft", "submitted", "accepted", "returned"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: VocabLabels<SubmissionStatus> = {
  draft: { zh: "草稿", en: "Draft" },
  submitted: { zh: "已报送待审核", en: "Submitted for review" },
  accepted: { zh: "已通过", en: "Accepted" },
  returned: { zh: "已退回", en: "Returned with comments" },
};

export type SubmissionAction = "build" | "edit" | "submit" | "accept" | "return";

/**
 * The transitions. `build` acts on the latest version of a period (or none): a draft is rebuilt in
 * place, a returned one gets a new version beside it; anything submitted or accepted stays as it is.
 */
export function submissionActionAllowed(action: SubmissionAction, latest: SubmissionStatus | null): boolean {
  switch (action) {
    case "build":
      return latest === null || latest === "draft" || latest === "returned";
    case "edit":
    case "submit":
      return latest === "draft";
    case "accept":
    case "return":
      return latest === "submitted";
  }
}

export function submissionStatusAfter(action: "submit" | "accept" | "return"): SubmissionStatus {
  return action === "submit" ? "submitted" : action === "accept" ? "accepted" : "returned";
}

/** Whether building makes a new version (none yet, or the bureau returned the last) or redoes the draft. */
export function buildMakesNewVersion(latest: SubmissionStatus | null): boolean {
  return latest === null || latest === "returned";
}

export const ZQuarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, { error: "YYYY-Qn" });
export const ZSubmissionYearSchema = z.number().int().min(2000).max(2100);

/** '2026-Q3' → its first and last days and its three months. */
export function quarterRange(quarter: string): { from: string; to: string; months: string[]; label: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const months = [0, 1, 2].map((i) => `${year}-${String((q - 1) * 3 + 1 + i).padStart(2, "0")}`);
  const lastMonth = (q - 1) * 3 + 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { from: `${months[0]}-01`, to: `${months[2]}-${String(lastDay).padStart(2, "0")}`, months, label: `${year}年第${q}季度` };
}

/**
 * R18: the quarterly package is due on the 10th of the month after the quarter (Q4 on 10 January of
 * the next year) — the bureaus' own ledgers close at the end of that first week.
 */
export const QUARTERLY_DUE_DAY = 10;
export function quarterlyDueOn(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  return q === 4 ? `${year + 1}-01-${QUARTERLY_DUE_DAY}` : `${year}-${String(q * 3 + 1).padStart(2, "0")}-${QUARTERLY_DUE_DAY}`;
}

/** R13: the year-end self-check and summary is due on 15 November of its year, before the evaluation. */
export function annualDueOn(year: number): string {
  return `${year}-11-15`;
}

export function submissionDueOn(kind: SubmissionKind, period: string): string {
  return kind === "quarterly" ? quarterlyDueOn(period) : annualDueOn(Number(period));
}

/** The quarters of a year that have ended by `today` (the ones a bureau can ask for). */
export function endedQuarters(year: number, today: string): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`).filter((q) => quarterRange(q).to < today);
}

/** A period can be built once it has started (a quarter in progress is a preview of the numbers so far). */
export function periodStarted(kind: SubmissionKind, period: string, today: string): boolean {
  return (kind === "quarterly" ? quarterRange(period).from : `${period}-01-01`) <= today;
}

export const SUBMISSION_TIMELINESS = ["on_time", "late", "overdue", "not_due"] as const;
export type SubmissionTimeliness = (typeof SUBMISSION_TIMELINESS)[number];
export const SUBMISSION_TIMELINESS_LABELS: VocabLabels<SubmissionTimeliness> = {
  on_time: { zh: "按时报送", en: "On time" },
  late: { zh: "逾期报送", en: "Submitted late" },
  overdue: { zh: "逾期未报", en: "Overdue, not submitted" },
  not_due: { zh: "未到期", en: "Not yet due" },
};

/**
 * On time or not, by the first submission of any version: a package the bureau returned and the
 * station resubmitted was still handed in when it was first handed in. Dates are Asia/Shanghai days;
 * the due day itself is on time.
 */
export function submissionTimeliness(dueOn: string, firstSubmittedOn: string | null, today: string): SubmissionTimeliness {
  if (firstSubmittedOn !== null) return firstSubmittedOn <= dueOn ? "on_time" : "late";
  return today > dueOn ? "overdue" : "not_due";
}

/** Days past due (0 when on time or not yet due). */
export function daysLate(dueOn: string, firstSubmittedOn: string | null, today: string): number {
  const end = firstSubmittedOn ?? today;
  const diff = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, diff);
}

/**
 * Months of the agreement's service period that fall in the year up to `asOf` (partial months count
 * as whole: a worker stationed on the 15th is expected to visit that month). Targets "a month" are
 * owed for each of them.
 */
export function serviceMonthsInYear(serviceStart: string, serviceEnd: string, year: number, asOf: string): number {
  const from = serviceStart > `${year}-01-01` ? serviceStart : `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  let to = serviceEnd < yearEnd ? serviceEnd : yearEnd;
  if (asOf < to) to = asOf;
  if (to < from) return 0;
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** What the data says each deliverable kind reached in the year; null where no data measures it. */
export type DeliverableActuals = Record<DeliverableKind, number | null>;

export interface DeliverableAttainment {
  kind: DeliverableKind;
  target: number;
  note?: string;
  /** What was owed by `asOf`: a monthly target times the service months, else the target itself. */
  expected: number;
  actual: number | null;
  /** actual / expected, rounded to a tenth of a percent; null when unmeasured. */
  percent: number | null;
  reached: boolean | null;
}

/**
 * R13: the agreement's deliverables against the year's data. A per-month target is owed for each
 * month of service so far; the others are owed for the service period as a whole.
 */
export function deliverableAttainment(deliverables: readonly TDeliverable[], actuals: DeliverableActuals, serviceMonths: number): DeliverableAttainment[] {
  return deliverables.map((d) => {
    const expected = d.kind === "visits_per_month" ? d.target * serviceMonths : d.target;
    const actual = actuals[d.kind];
    const percent = actual === null ? null : expected === 0 ? 100 : Math.round((actual / expected) * 1000) / 10;
    return { kind: d.kind, target: d.target, ...(d.note ? { note: d.note } : {}), expected, actual, percent, reached: actual === null ? null : actual >= expected };
  });
}

/** Staffing against the agreement at year end: reached when at least as many are stationed. */
export function staffingAttainment(required: number, stationed: number) {
  return { required, stationed, reached: stationed >= required };
}

/** The narrative sections of the year-end report (R13), in the order the bureau's template asks. */
export const NARRATIVE_SECTIONS = ["workDone", "highlights", "problems", "nextYearPlan"] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
export const NARRATIVE_SECTION_LABELS: VocabLabels<NarrativeSection> = {
  workDone: { zh: "一、主要工作开展情况", en: "1. Work done" },
  highlights: { zh: "二、工作亮点与特色", en: "2. Highlights" },
  problems: { zh: "三、存在的问题与不足", en: "3. Problems and shortcomings" },
  nextYearPlan: { zh: "四、下一年度工作计划", en: "4. Plan for next year" },
};

const narrativeText = z
  .string()
  .max(20_000)
  .transform((v) => v.replace(/\r\n?/g, "\n").replace(/[\u200B-\u200D\uFEFF]/g, "").trim());
export const ZNarrativeSchema = z.object(Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, narrativeText])) as Record<NarrativeSection, typeof narrativeText>);
export type TNarrative = z.output<typeof ZNarrativeSchema>;

export function emptyNarrative(): TNarrative {
  return { workDone: "", highlights: "", problems: "", nextYearPlan: "" };
}

/** Sections still empty: a report is submitted with every section written. */
export function missingNarrative(narrative: TNarrative): NarrativeSection[] {
  return NARRATIVE_SECTIONS.filter((s) => narrative[s].trim().length === 0);
}

export const ZReturnCommentSchema = z.object({ comment: z.string().trim().min(1).max(2000) });

/** A month's value of one indicator and dimension, as the rollups and computeStationFacts give them. */
export interface MonthFact {
  month: string;
  indicator: IndicatorId;
  dimension: string;
  value: number;
}

export interface PeriodIndicator {
  indicator: IndicatorId;
  /** Per month of the period, in order; the dimensions summed. */
  byMonth: number[];
  /** Over the period: a flow summed, a stock as of the period's last month. */
  total: number;
  dimensions: { dimension: string; byMonth: number[]; total: number }[];
}

/**
 * A period's numbers from its months' facts (R18): flows add up across the months, a stock is read
 * at the end (people on the register at quarter end, not the sum of three month-ends). Every
 * indicator appears, zero where nothing happened, so a summary always has the same rows.
 */
export function periodTotals(facts: readonly MonthFact[], months: readonly string[]): PeriodIndicator[] {
  const at = (values: number[]) => values[values.length - 1] ?? 0;
  return INDICATOR_IDS.map((indicator) => {
    const own = facts.filter((f) => f.indicator === indicator);
    const monthly = (rows: readonly MonthFact[]) => months.map((m) => rows.filter((f) => f.month === m).reduce((s, f) => s + f.value, 0));
    const totalOf = (values: number[]) => (INDICATORS[indicator].measure === "stock" ? at(values) : values.reduce((s, v) => s + v, 0));
    const byMonth = monthly(own);
    const dimensionKeys = [...new Set(own.map((f) => f.dimension).filter((d) => d !== ""))].sort();
    return {
      indicator,
      byMonth,
      total: totalOf(byMonth),
      dimensions: dimensionKeys.map((dimension) => {
        const values = monthly(own.filter((f) => f.dimension === dimension));
        return { dimension, byMonth: values, total: totalOf(values) };
      }),
    };
  });
}
