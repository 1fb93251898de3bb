import { bulkInsert, withPlatform, withStation, type Database, type Tx } from "@shegong/db";
import { monthStart } from "@shegong/domain";
import { sql, type Kysely } from "kysely";
import { computeStationFacts, type Fact } from "./station-facts.ts";

const FACT_COLUMNS = { station_id: "uuid", month: "date", indicator: "text", dimension: "text", value: "int8" } as const;

/**
 * Recomputes the months the triggers marked for one station, in one station transaction: the
 * marks are taken (deleted) first, so a write that commits meanwhile marks its month again and is
 * picked up by the next round rather than lost.
 */
export async function refreshStation(tx: Tx, stationId: string, today: string): Promise<string[]> {
  const taken = await tx.deleteFrom("rollup_dirty").where("station_id", "=", stationId).returning("month").execute();
  const months = [...new Set(taken.map((t) => t.month.slice(0, 7)))].sort();
  if (months.length === 0) return [];
  await writeFacts(tx, stationId, months, await computeStationFacts(tx, stationId, months, today));
  // When each month was last computed: the daily calendar mark skips what is already as of today.
  await tx
    .insertInto("rollup_refreshed")
    .values(months.map((m) => ({ station_id: stationId, month: monthStart(m) })))
    .onConflict((oc) => oc.columns(["station_id", "month"]).doUpdateSet({ refreshed_at: sql`now()` }))
    .execute();
  return months;
}

/** Counts the stations behind a division's month: one per station with a computed month. */
export const STATIONS_REPORTING = "stations.reporting";

async function writeFacts(tx: Tx, stationId: string, months: string[], facts: Fact[]) {
  const old = await tx
    .deleteFrom("station_month_fact")
    .where("station_id", "=", stationId)
    .where("month", "in", months.map(monthStart))
    .returning(["month", "indicator", "dimension", "value"])
    .execute();
  // What changed, applied to the region, prefecture and county totals in the same transaction.
  const delta = new Map<string, { month: string; indicator: string; dimension: string; delta: number }>();
  const add = (month: string, indicator: string, dimension: string, value: number) => {
    const k = `${month}|${indicator}|${dimension}`;
    const d = delta.get(k) ?? { month, indicator, dimension, delta: 0 };
    d.delta += value;
    delta.set(k, d);
  };
  for (const o of old) {
    add(o.month.slice(0, 10), o.indicator, o.dimension, -Number(o.value));
    if (o.indicator === "people.registered") add(o.month.slice(0, 10), STATIONS_REPORTING, "", -1);
  }
  for (const f of facts) {
    add(monthStart(f.month), f.indicator, f.dimension, f.value);
    if (f.indicator === "people.registered") add(monthStart(f.month), STATIONS_REPORTING, "", 1);
  }
  const changes = [...delta.values()].filter((d) => d.delta !== 0);
  if (changes.length > 0) await sql`select apply_division_deltas(${stationId}::uuid, ${JSON.stringify(changes)}::jsonb)`.execute(tx);
  await bulkInsert(
    tx,
    "station_month_fact",
    FACT_COLUMNS,
    facts.map((f) => ({ station_id: stationId, month: monthStart(f.month), indicator: f.indicator, dimension: f.dimension, value: f.value })),
  );
}

/** One round of the refresh loop: up to `stations` stations with marks, oldest marks first. */
export async function refreshDirtyRollups(db: Kysely<Database>, options: { today: string; stations?: number }): Promise<{ stations: number; months: number }> {
  const pending = await withPlatform(db, (tx) => sql<{ id: string }>`select stations_with_dirty_rollups(${options.stations ?? 50}) as id`.execute(tx));
  let months = 0;
  for (const { id } of pending.rows) months += (await withStation(db, id, (tx) => refreshStation(tx, id, options.today))).length;
  return { stations: pending.rows.length, months };
}

/** Marks every station's current month (stocks move with the calendar); once a day is enough. */
export async function markCurrentMonths(db: Kysely<Database>): Promise<void> {
  await withPlatform(db, (tx) => sql`select mark_current_month_dirty()`.execute(tx));
}

export interface RollupMismatch {
  stationId: string;
  month: string;
  indicator: string;
  dimension: string;
  stored: number;
  recomputed: number;
}

/**
 * The consistency check (issue 7): recomputes stations' months from the raw facts and compares
 * them with the stored rollup. Months still marked for refresh are skipped: they are known stale.
 */
export async function checkStationRollups(tx: Tx, stationId: string, months: string[], today: string): Promise<RollupMismatch[]> {
  const marked = new Set((await tx.selectFrom("rollup_dirty").select("month").where("station_id", "=", stationId).execute()).map((r) => r.month.slice(0, 7)));
  const settled = months.filter((m) => !marked.has(m));
  if (settled.length === 0) return [];
  const stored = await tx
    .selectFrom("station_month_fact")
    .select(["month", "indicator", "dimension", "value"])
    .where("station_id", "=", stationId)
    .where("month", "in", settled.map(monthStart))
    .execute();
  const key = (m: string, i: string, d: string) => `${m}|${i}|${d}`;
  const storedBy = new Map(stored.map((r) => [key(r.month.slice(0, 7), r.indicator, r.dimension), Number(r.value)]));
  const recomputed = await computeStationFacts(tx, stationId, settled, today);
  const recomputedBy = new Map(recomputed.map((f) => [key(f.month, f.indicator, f.dimension), f.value]));
  const mismatches: RollupMismatch[] = [];
  for (const k of new Set([...storedBy.keys(), ...recomputedBy.keys()])) {
    const a = storedBy.get(k) ?? 0;
    const b = recomputedBy.get(k) ?? 0;
    if (a !== b) {
      const [month, indicator, dimension] = k.split("|") as [string, string, string];
      mismatches.push({ stationId, month, indicator, dimension, stored: a, recomputed: b });
    }
  }
  return mismatches;
}

/**
 * The division totals against a fresh sum of their stations' rollups, for some months (the CLI
 * check and the tests; run as the owner, who sees every division). Empty when they agree.
 */
export async function divisionRollupMismatches(db: Kysely<Database> | Tx, months: string[]) {
  const rows = await sql<{ division_code: string; month: string; indicator: string; dimension: string; kept: number | null; summed: number | null }>`
    with summed as (
      select left(s.division_code, l) as division_code, f.month, f.indicator, f.dimension, sum(f.value) as value
      from station_month_fact f join station s on s.id = f.station_id cross join unnest(array[2, 4, 6]) l
      where f.month = any(${months.map(monthStart)}::date[])
      group by 1, 2, 3, 4
      union all
      select left(s.division_code, l), f.month, ${STATIONS_REPORTING}, '', count(*)
      from station_month_fact f join station s on s.id = f.station_id cross join unnest(array[2, 4, 6]) l
      where f.month = any(${months.map(monthStart)}::date[]) and f.indicator = 'people.registered'
      group by 1, 2
    ), kept as (
      select division_code, month, indicator, dimension, value from division_month_fact where month = any(${months.map(monthStart)}::date[]) and value <> 0
    )
    select coalesce(k.division_code, s.division_code) as division_code, coalesce(k.month, s.month)::text as month,
      coalesce(k.indicator, s.indicator) as indicator, coalesce(k.dimension, s.dimension) as dimension, k.value::int8 as kept, s.value::int8 as summed
    from kept k full join summed s using (division_code, month, indicator, dimension)
    where k.value is distinct from s.value`.execute(db);
  return rows.rows.map((r) => ({ divisionCode: r.division_code, month: r.month.slice(0, 7), indicator: r.indicator, dimension: r.dimension, kept: Number(r.kept ?? 0), summed: Number(r.summed ?? 0) }));
}
