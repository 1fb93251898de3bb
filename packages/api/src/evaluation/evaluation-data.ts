import type { Tx } from "@shegong/db";
import { EVALUATION_DATA_SOURCES, monthsEndingWith, type EvaluationDataSource, type TDeliverable } from "@shegong/domain";
import { computeStationFacts, type Fact } from "../reporting/station-facts.ts";
import { satisfactionForYear } from "../satisfaction/followups.ts";
import { staffOverview } from "../staff/staff-compliance.ts";

/** The number behind one indicator: what the records say, the target where the agreement sets one, and the share. */
export interface IndicatorEvidence {
  source: EvaluationDataSource;
  value: number | null;
  target: number | null;
  /** value ÷ target (or the ratio the source is), in percent with one decimal; null when there is no denominator. */
  percent: number | null;
  unit: "count" | "people" | "score" | "fen";
}

const percentOf = (value: number, of: number) => (of > 0 ? Math.round((value / of) * 1000) / 10 : null);

/** The months of `year` that have begun by `today` (all twelve for a past year). */
export function evaluatedMonths(year: number, today: string): string[] {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return [];
  const last = year < thisYear ? `${year}-12` : today.slice(0, 7);
  return monthsEndingWith(last, Number(last.slice(5, 7)));
}

/**
 * The data behind every kind of indicator for a station's year (R15: evaluators score against the
 * records). Reads the same facts the reports are built from, the agreement's deliverables, the
 * staff-compliance panel and the satisfaction follow-ups: no second definition of any number.
 */
export async function evaluationEvidence(tx: Tx, stationId: string, year: number, today: string): Promise<Record<EvaluationDataSource, IndicatorEvidence>> {
  const months = evaluatedMonths(year, today);
  const yearEnd = `${year}-12-31`;
  const asOf = today < yearEnd ? today : yearEnd;
  const [facts, agreement, staff, satisfaction] = await Promise.all([
    computeStationFacts(tx, stationId, months, today),
    tx
      .selectFrom("service_agreement")
      .select(["deliverables", "staffing_required"])
      .where("station_id", "=", stationId)
      .where("service_start", "<=", yearEnd)
      .where("service_end", ">=", `${year}-01-01`)
      .orderBy((eb) => eb.case().when("status", "=", "acknowledged").then(0).else(1).end())
      .orderBy("service_end", "desc")
      .executeTakeFirst(),
    staffOverview(tx, stationId, asOf),
    satisfactionForYear(tx, stationId, year),
  ]);
  const sum = (indicator: Fact["indicator"], dimensions?: readonly string[]) =>
    facts.filter((f) => f.indicator === indicator && (!dimensions || dimensions.includes(f.dimension))).reduce((s, f) => s + f.value, 0);
  const lastMonth = months[months.length - 1];
  const atEnd = (indicator: Fact["indicator"]) => facts.filter((f) => f.indicator === indicator && f.month === lastMonth).reduce((s, f) => s + f.value, 0);
  const deliverables = (agreement?.deliverables ?? []) as TDeliverable[];
  const target = (kinds: readonly TDeliverable["kind"][], perMonth = false) => {
    const found = deliverables.filter((d) => kinds.includes(d.kind));
    if (found.length === 0) return null;
    const total = found.reduce((s, d) => s + d.target, 0);
    return perMonth ? total * months.length : total;
  };
  const against = (source: EvaluationDataSource, value: number, goal: number | null, unit: IndicatorEvidence["unit"] = "count"): IndicatorEvidence => ({
    source,
    value,
    target: goal,
    percent: goal === null ? null : percentOf(value, goal),
    unit,
  });
  const stationed = staff.staff.filter((s) => s.stationed).length;
  const staffTotal = atEnd("staff.total");
  const allocated = sum("funds.allocated_fen");
  const evidence: Record<EvaluationDataSource, IndicatorEvidence> = {
    none: { source: "none", value: null, target: null, percent: null, unit: "count" },
    visits_vs_target: against("visits_vs_target", sum("visits.done"), target(["visits_per_month"], true)),
    cases_closed: against("cases_closed", sum("cases.closed"), target(["cases"])),
    activities_held: against("activities_held", sum("activities.held", ["group", "community"]), target(["group_activities", "community_activities"])),
    publicity_activities: against("publicity_activities", sum("activities.held", ["publicity"]), null),
    satisfaction_score: { source: "satisfaction_score", value: satisfaction.overall.meanScore, target: 5, percent: satisfaction.overall.satisfiedPercent, unit: "score" },
    qualified_staff_ratio: { source: "qualified_staff_ratio", value: atEnd("staff.qualified"), target: staffTotal, percent: percentOf(atEnd("staff.qualified"), staffTotal), unit: "people" },
    staffing_vs_agreement: against("staffing_vs_agreement", stationed, agreement?.staffing_required ?? null, "people"),
    funds_spent_ratio: { source: "funds_spent_ratio", value: sum("funds.spent_fen"), target: allocated, percent: percentOf(sum("funds.spent_fen"), allocated), unit: "fen" },
  };
  // Every source answered: a new one added to the domain without a reader fails here, not silently.
  for (const s of EVALUATION_DATA_SOURCES) if (!evidence[s]) throw new Error(`no reader for ${s}`);
  return evidence;
}
