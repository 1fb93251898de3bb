import type { Tx } from "@shegong/db";
import { INDICATORS, monthStart, monthsEndingWith, suppressedAbove, type IndicatorId } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { STATIONS_REPORTING } from "./refresh-rollups.ts";

/** A value above station level: a number, or "<5" for a small count of people (never the number itself). */
export type ShownValue = number | string;

/**
 * Where a division's numbers come from: the live rollups, or a month's frozen snapshot (the month
 * as reported at its end, see report-snapshots.ts).
 */
export type FactSource = "live" | "snapshot";

/** indicator → dimension ('' when none) → value */
export type IndicatorValues = Partial<Record<IndicatorId, Record<string, ShownValue>>>;

function shown(values: { indicator: string; dimension: string; value: number }[], suppress: boolean): IndicatorValues {
  const out: IndicatorValues = {};
  for (const v of values) {
    const id = v.indicator as IndicatorId;
    if (!(id in INDICATORS)) continue;
    const value = Number(v.value);
    const byDim = (out[id] ??= {});
    byDim[v.dimension] = (suppress && suppressedAbove(id, value)) || value;
  }
  return out;
}

/**
 * A month's indicators for each unit directly under a division (prefectures under the region,
 * counties under a prefecture, stations under a county), summed from the station × month rollup.
 * Above station level, so small counts of people leave the server as "<5", never as numbers.
 */
export async function divisionReport(tx: Tx, divisionCode: string, month: string, source: FactSource = "live") {
  const unit = await divisionWithChildren(tx, divisionCode);
  if (!unit) throw appError("NOT_FOUND");
  const { parent, children } = unit;
  const childLength = children[0]?.code.length ?? divisionCode.length;
  const ownKept = KEPT_LEVELS.has(divisionCode.length);
  // Both levels in one read where both are kept (or frozen); a county's townships are summed from
  // the stations, so its own total is a second read.
  const together = ownKept && childLength !== divisionCode.length && (source === "snapshot" || KEPT_LEVELS.has(childLength));
  const facts = await factsUnder(tx, divisionCode, together ? [childLength, divisionCode.length] : [childLength], [monthStart(month)], { source });
  const rows = together ? facts.filter((r) => r.code.length === childLength) : facts;
  const ownTotals = together ? facts.filter((r) => r.code.length === divisionCode.length) : ownKept ? await factsUnder(tx, divisionCode, [divisionCode.length], [monthStart(month)], { source }) : null;
  const byChild = new Map<string, FactRow[]>();
  for (const r of rows) {
    const list = byChild.get(r.code);
    if (list) list.push(r);
    else byChild.set(r.code, [r]);
  }
  const totals = new Map<string, { indicator: string; dimension: string; value: number }>();
  for (const r of ownTotals ?? rows) {
    const k = `${r.indicator}|${r.dimension}`;
    const t = totals.get(k) ?? { indicator: r.indicator, dimension: r.dimension, value: 0 };
    t.value += Number(r.value);
    totals.set(k, t);
  }
  const reporting = (code: string) => Number((byChild.get(code) ?? []).find((r) => r.indicator === STATIONS_REPORTING)?.value ?? 0);
  return {
    month,
    source,
    division: { code: parent.code, name: parent.name, level: parent.level },
    total: shown([...totals.values()], true),
    children: children.map((c) => ({ code: c.code, name: c.name, stationsReporting: reporting(c.code), values: shown(byChild.get(c.code) ?? [], true) })),
  };
}

interface DivisionUnit {
  parent: { code: string; name: string; level: number };
  children: { code: string; name: string }[];
}

/** A dashboard's unit and the units directly under it, in one read. */
async function divisionWithChildren(tx: Tx, divisionCode: string): Promise<DivisionUnit | null> {
  const rows = await tx
    .selectFrom("division")
    .select(["code", "name", "level"])
    .where((eb) => eb.or([eb("code", "=", divisionCode), eb.and([eb("parent_code", "=", divisionCode), eb("level", "<", 5)])]))
    .orderBy("code")
    .execute();
  const parent = rows.find((r) => r.code === divisionCode);
  return parent ? { parent, children: rows.filter((r) => r !== parent).map((r) => ({ code: r.code, name: r.name })) } : null;
}

/** Division codes of these lengths (region, prefecture, county) keep their own monthly totals. */
const KEPT_LEVELS = new Set([2, 4, 6]);

interface FactRow {
  month: string;
  code: string;
  indicator: string;
  dimension: string;
  value: number;
}

/**
 * Kept totals (alias `f`) of the units of `length` under a division: the level and a range of codes
 * in leakproof comparisons, so the level index applies under row-level security; left() rechecks.
 */
function underDivision(divisionCode: string, lengths: number[]) {
  const last = divisionCode.padEnd(12, "9");
  return sql`f.code_length = any(${lengths}::int2[]) and f.division_code >= ${divisionCode} and f.division_code <= ${last} and left(f.division_code, ${divisionCode.length}) = ${divisionCode}`;
}

/**
 * The facts of every unit of the given lengths under a division for some months: from the kept division
 * totals where they exist (a few hundred rows for the whole region), otherwise summed from the
 * stations (a county's dozen townships), with `stations.reporting` counted the same way. A
 * snapshot holds every level, stations included, as it was frozen.
 */
async function factsUnder(tx: Tx, divisionCode: string, lengths: number[], months: string[], options: { indicator?: string; source?: FactSource } = {}): Promise<FactRow[]> {
  const indicator = options.indicator;
  if (options.source === "snapshot" || lengths.every((l) => KEPT_LEVELS.has(l))) {
    // Each unit's facts come as one JSON array: a region report is ~500 facts, which node-postgres
    // would otherwise decode field by field (most of the request's time) where JSON.parse is one
    // native call.
    const table = options.source === "snapshot" ? sql`report_snapshot_fact` : sql`division_month_fact`;
    const units = await sql<{ code: string; facts: [string, string, string, number][] }>`
      select f.division_code as code, json_agg(json_build_array(f.month::text, f.indicator, f.dimension, f.value)) as facts
      from ${table} f
      where f.month = any(${months}::date[]) and ${underDivision(divisionCode, lengths)}
        ${indicator ? sql`and f.indicator = ${indicator}` : sql``}
      group by f.division_code`.execute(tx);
    return units.rows.flatMap(({ code, facts }) => facts.map(([month, indicator, dimension, value]) => ({ month, code, indicator, dimension, value })));
  }
  if (lengths.length !== 1) throw new Error("station rollups are summed to one level at a time");
  const length = lengths[0]!;
  const rows = await sql<FactRow>`
    select f.month::text as month, left(s.division_code, ${length}) as code, f.indicator, f.dimension, sum(f.value)::int8 as value
    from station_month_fact f join station s on s.id = f.station_id
    where f.month = any(${months}::date[]) and left(s.division_code, ${divisionCode.length}) = ${divisionCode}
      ${indicator ? sql`and f.indicator = ${indicator}` : sql``}
    group by 1, 2, 3, 4
    union all
    select f.month::text, left(s.division_code, ${length}), ${STATIONS_REPORTING}, '', count(*)::int8
    from station_month_fact f join station s on s.id = f.station_id
    where f.month = any(${months}::date[]) and left(s.division_code, ${divisionCode.length}) = ${divisionCode} and f.indicator = 'people.registered'
    group by 1, 2`.execute(tx);
  return rows.rows;
}

/** One indicator month by month under a division (a trend line), summed over its dimensions unless one is named. */
export async function divisionTrend(tx: Tx, divisionCode: string, indicator: IndicatorId, lastMonth: string, count: number, options: { dimension?: string; source?: FactSource } = {}) {
  const dimension = options.dimension;
  const months = monthsEndingWith(lastMonth, count);
  const rows = (await factsUnder(tx, divisionCode, [divisionCode.length], months.map(monthStart), { indicator, source: options.source })).filter((r) => r.indicator === indicator && (dimension === undefined || r.dimension === dimension));
  const byMonth = new Map<string, number>();
  for (const r of rows) byMonth.set(r.month.slice(0, 7), (byMonth.get(r.month.slice(0, 7)) ?? 0) + Number(r.value));
  return {
    indicator,
    points: months.map((m) => {
      const value = byMonth.get(m) ?? 0;
      return { month: m, value: suppressedAbove(indicator, value) ?? value };
    }),
  };
}

/** A station's own indicators for the last `count` months: its own numbers, unsuppressed. */
export async function stationReport(tx: Tx, stationId: string, lastMonth: string, count: number) {
  const months = monthsEndingWith(lastMonth, count);
  const rows = await tx
    .selectFrom("station_month_fact")
    .select(["month", "indicator", "dimension", "value"])
    .where("station_id", "=", stationId)
    .where("month", "in", months.map(monthStart))
    .execute();
  const pending = await tx.selectFrom("rollup_dirty").select("month").where("station_id", "=", stationId).execute();
  return {
    months: months.map((m) => ({ month: m, values: shown(rows.filter((r) => r.month.startsWith(m)), false) })),
    /** Months with changes not yet counted (the refresh runs every few seconds). */
    pendingMonths: pending.map((p) => p.month.slice(0, 7)).sort(),
  };
}
