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
  return months;
}

async function writeFacts(tx: Tx, stationId: string, months: string[], facts: Fact[]) {
  await tx.deleteFrom("station_month_fact").where("station_id", "=", stationId).where("month", "in", months.map(monthStart)).execute();
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
