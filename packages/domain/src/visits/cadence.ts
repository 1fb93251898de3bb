import { z } from "zod";
import { bilingual, type Locale } from "../errors.ts";
import { CATEGORIES, CATEGORY_KEYS, ZCategoryKeySchema, type CategoryKey } from "../registry/categories.ts";
import type { LivingArrangement, VocabLabels } from "../registry/vocab.ts";
import { civilToDays, daysInMonth, daysToIsoDate, isoDateToDays } from "../time.ts";
import type { DueStatus } from "./vocab.ts";

/**
 * Visit cadence (issue 4 item 1): how often a person in a category must be visited. Rules come with
 * defaults here, are set per region and overridden per station; a person in several categories is
 * visited at the strictest of them. All dates are 'YYYY-MM-DD' calendar dates (Beijing dates from
 * todayInShanghai), computed in UTC so the server's zone never shifts a due date.
 */

export const CADENCE_UNITS = ["week", "month", "quarter", "year"] as const;
export type CadenceUnit = (typeof CADENCE_UNITS)[number];
export const CADENCE_UNIT_LABELS: VocabLabels<CadenceUnit> = {
  week: { zh: "周", en: "week" },
  month: { zh: "月", en: "month" },
  quarter: { zh: "季度", en: "quarter" },
  year: { zh: "年", en: "year" },
};

// Beyond these a rule is a typo (every 30 months), not a cadence any bureau sets.
const MAX_EVERY: Record<CadenceUnit, number> = { week: 52, month: 24, quarter: 8, year: 3 };

export const ZCadenceSchema = z
  .object({
    unit: z.enum(CADENCE_UNITS),
    every: z.number().int({ error: "间隔须为整数 / The interval must be a whole number" }).min(1, {
      error: "间隔至少为1 / The interval must be at least 1",
    }),
  })
  .refine((cadence) => cadence.every <= MAX_EVERY[cadence.unit], {
    error: bilingual({ zh: "巡访间隔过长，最长为3年", en: "The visit interval is too long; at most 3 years" }),
    path: ["every"],
  });
export type Cadence = z.output<typeof ZCadenceSchema>;

/**
 * A region's or station's rules, by category. `null` means "no scheduled rounds for this
 * category" (a region may, say, only verify 高龄 subsidies without visiting); an absent key keeps
 * the rule from the level below.
 */
export const ZCadenceOverridesSchema = z.partialRecord(ZCategoryKeySchema, ZCadenceSchema.nullable());
export type CadenceOverrides = z.output<typeof ZCadenceOverridesSchema>;

// Frozen because resolveCadence hands these very objects to callers.
const monthly: Cadence = Object.freeze({ unit: "month", every: 1 });
const quarterly: Cadence = Object.freeze({ unit: "quarter", every: 1 });
const yearly: Cadence = Object.freeze({ unit: "year", every: 1 });

/**
 * Defaults from common township practice. R9: 特困, left-behind and hard-up elderly get monthly
 * home rounds; 高龄 alone (mostly subsidy verification) quarterly. R10: every child category is
 * followed up monthly (children's directors visit monthly in most provinces). R11: 低保 households
 * at the annual review (入户调查), 特困供养 quarterly (their living conditions are checked more
 * often than 低保 eligibility), 临时救助 quarterly while the person stays registered. R12: people
 * prone to wander monthly. 失能半失能低保老人 stay monthly: no national rule sets a shorter round,
 * and regions that want fortnightly set it as an override.
 */
export const DEFAULT_CADENCE: Readonly<Record<CategoryKey, Cadence>> = Object.freeze({
  elderly_tekun: monthly,
  elderly_left_behind: monthly,
  elderly_disabled_poor: monthly,
  elderly_disabled_dibao: monthly,
  elderly_advanced_age: quarterly,
  child_left_behind: monthly,
  child_in_difficulty: monthly,
  child_orphan: monthly,
  child_unsupported: monthly,
  assist_dibao: yearly,
  assist_tekun: quarterly,
  assist_temporary: quarterly,
  affairs_vagrant: monthly,
});

const APPROX_DAYS: Record<CadenceUnit, number> = { week: 7, month: 365.25 / 12, quarter: 365.25 / 4, year: 365.25 };

/** Approximate length in days, only for choosing the strictest rule; due dates use calendar arithmetic. */
export function cadenceLengthDays(cadence: Cadence): number {
  return APPROX_DAYS[cadence.unit] * cadence.every;
}

/** Negative when `a` is the shorter (stricter) interval, 0 when equally long (3 months = 1 quarter). */
export function compareCadence(a: Cadence, b: Cadence): number {
  return cadenceLengthDays(a) - cadenceLengthDays(b);
}

/** "每月一次", "每2周一次" / "Monthly", "Every 2 weeks", for settings pages and the ledger header. */
export function describeCadence(cadence: Cadence, locale: Locale): string {
  const unit = CADENCE_UNIT_LABELS[cadence.unit];
  if (locale === "en") {
    if (cadence.every === 1) return { week: "Weekly", month: "Monthly", quarter: "Quarterly", year: "Yearly" }[cadence.unit];
    return `Every ${cadence.every} ${unit.en}s`;
  }
  // 周 and 季度 take no measure word after a number; 月 takes 个 (每2个月); 年 none (每2年).
  const measure = cadence.unit === "month" && cadence.every > 1 ? "个" : "";
  return cadence.every === 1 ? `每${unit.zh}一次` : `每${cadence.every}${measure}${unit.zh}一次`;
}

export interface ResolveCadenceOptions {
  livingArrangement?: LivingArrangement | null;
  regionOverrides?: CadenceOverrides | null;
  stationOverrides?: CadenceOverrides | null;
}

export interface ResolvedCadence {
  cadence: Cadence;
  /** The category whose rule won, for "due because: 特困老人" on the due list. */
  fromCategory: CategoryKey;
  /** True when living alone tightened the winning rule (the due list can say why). */
  livingAlone: boolean;
}

/** The rule in force for one category, before the living-alone rule: station over region over default. */
export function cadenceRuleFor(category: CategoryKey, options: ResolveCadenceOptions): Cadence | null {
  // default < region < station: the most local level that says anything about the category wins.
  const station = options.stationOverrides?.[category];
  if (station !== undefined) return station;
  const region = options.regionOverrides?.[category];
  if (region !== undefined) return region;
  return DEFAULT_CADENCE[category];
}

/**
 * The cadence a person is visited at: the strictest over their current categories (issue 4 item 1)
 * after overrides. An elderly person living alone is visited at least monthly whatever the rule
 * (R9: left-behind and hard-up elderly living alone are the ones whose falls and illnesses go
 * unnoticed); a category whose rounds are switched off (null) is not tightened back on. Ties go to
 * the category listed first in CATEGORY_KEYS, so the answer does not depend on input order. Null
 * when no category calls for visits.
 */
export function resolveCadence(categories: readonly CategoryKey[], options: ResolveCadenceOptions = {}): ResolvedCadence | null {
  const held = new Set(categories);
  let best: ResolvedCadence | null = null;
  for (const category of CATEGORY_KEYS) {
    if (!held.has(category)) continue;
    let cadence = cadenceRuleFor(category, options);
    if (cadence === null) continue;
    let livingAlone = false;
    if (options.livingArrangement === "alone" && CATEGORIES[category].group === "elderly" && compareCadence(cadence, monthly) > 0) {
      cadence = monthly;
      livingAlone = true;
    }
    if (best === null || compareCadence(cadence, best.cadence) < 0) best = { cadence, fromCategory: category, livingAlone };
  }
  return best;
}

// ---- calendar arithmetic on 'YYYY-MM-DD' ----

function toDays(value: string, what: string): number {
  const days = isoDateToDays(value);
  if (days === null) throw new RangeError(`${what} must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  return days;
}

/** `date` plus a number of calendar months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
function addMonths(date: string, months: number): string {
  toDays(date, "date");
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const target = year * 12 + (month - 1) + months;
  const [ty, tm] = [Math.floor(target / 12), (target % 12) + 1];
  return daysToIsoDate(civilToDays(ty, tm, Math.min(day, daysInMonth(ty, tm))));
}

/** One interval after `date`: weeks are 7 days, quarters 3 calendar months, years 12. */
export function addCadence(date: string, cadence: Cadence): string {
  switch (cadence.unit) {
    case "week":
      return daysToIsoDate(toDays(date, "date") + 7 * cadence.every);
    case "month":
      return addMonths(date, cadence.every);
    case "quarter":
      return addMonths(date, 3 * cadence.every);
    case "year":
      return addMonths(date, 12 * cadence.every);
  }
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDays(to, "to") - toDays(from, "from");
}

/**
 * When the next visit is due. Someone never visited is due at once, on `firstDueFrom` (the date
 * their current rounds began: category start or registration). Otherwise one interval after the
 * last visit — but never before `firstDueFrom`, so a visit made long before the person entered
 * the category does not make them overdue before their rounds even started.
 */
export function nextDueDate(lastVisitDate: string | null, cadence: Cadence, options: { firstDueFrom: string }): string {
  toDays(options.firstDueFrom, "firstDueFrom");
  if (lastVisitDate === null) return options.firstDueFrom;
  const due = addCadence(lastVisitDate, cadence);
  return due < options.firstDueFrom ? options.firstDueFrom : due;
}

/** Days a visit is late; 0 when it is due today or later. */
export function daysOverdue(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(dueDate, today));
}

/** Where a due date sits relative to today; `soonDays` is the look-ahead of the "due soon" list. */
export function dueStatus(dueDate: string, today: string, options: { soonDays?: number } = {}): DueStatus {
  const soonDays = options.soonDays ?? 7;
  const ahead = daysBetween(today, dueDate);
  if (ahead < 0) return "overdue";
  if (ahead === 0) return "due_today";
  return ahead <= soonDays ? "due_soon" : "later";
}
