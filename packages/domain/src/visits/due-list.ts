import { CATEGORY_KEYS, type CategoryKey } from "../registry/categories.ts";
import { daysToIsoDate, isoDateToDays } from "../time.ts";
import { cadenceRuleFor, type CadenceOverrides } from "./cadence.ts";
import { DUE_STATUSES, type DueStatus } from "./vocab.ts";

/**
 * Bumped whenever resolveCadence, nextDueDate or the living-alone rule change meaning, so due
 * dates kept as rows (the server's due table) are recomputed after such a release.
 */
export const DUE_RULES_VERSION = 1;

/**
 * What a station's due dates were computed under: the rule in force for every category after
 * region and station overrides, and the rules' version. Two equal fingerprints give equal due dates.
 */
export function cadenceRulesFingerprint(overrides: { region: CadenceOverrides; station: CadenceOverrides }): string {
  const rules = CATEGORY_KEYS.map((category: CategoryKey) => {
    const rule = cadenceRuleFor(category, { regionOverrides: overrides.region, stationOverrides: overrides.station });
    return rule ? `${category}:${rule.every}${rule.unit}` : `${category}:none`;
  });
  return `${dueRulesVersionTag()}${rules.join(",")}`;
}

/** How a fingerprint starts: rows computed under an older version of the rules are not current. */
export function dueRulesVersionTag(): string {
  return `v${DUE_RULES_VERSION};`;
}

/**
 * The due dates that fall under a status on `today`, as a half-open range [from, before) (either
 * end open), so a database can filter and count by status with the same cut-offs as dueStatus.
 */
export function dueStatusRange(status: DueStatus, today: string, options: { soonDays?: number } = {}): { from?: string; before?: string } {
  const day = isoDateToDays(today);
  if (day === null) throw new RangeError(`today must be a real YYYY-MM-DD date, got ${JSON.stringify(today)}`);
  const soonDays = options.soonDays ?? 7;
  switch (status) {
    case "overdue":
      return { before: today };
    case "due_today":
      return { from: today, before: daysToIsoDate(day + 1) };
    case "due_soon":
      return { from: daysToIsoDate(day + 1), before: daysToIsoDate(day + soonDays + 1) };
    case "later":
      return { from: daysToIsoDate(day + soonDays + 1) };
  }
}

/** The due list's order: soonest due first, then by name in pinyin order, then by id so pages never overlap. */
export function compareDueOrder(a: { dueOn: string; namePinyin: string; personId: string }, b: { dueOn: string; namePinyin: string; personId: string }): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  if (a.namePinyin !== b.namePinyin) return a.namePinyin < b.namePinyin ? -1 : 1;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

export type DueCounts = Record<DueStatus, number>;

export function emptyDueCounts(): DueCounts {
  return Object.fromEntries(DUE_STATUSES.map((s) => [s, 0])) as DueCounts;
}
