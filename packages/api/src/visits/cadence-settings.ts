import type { Tx } from "@shegong/db";
import { CATEGORY_KEYS, DEFAULT_CADENCE, type Cadence, type CadenceOverrides, type CadenceUnit, type CategoryKey } from "@shegong/domain";
import { sql } from "kysely";

function toCadence(row: { unit: string | null; every: number | null }): Cadence | null {
  return row.unit && row.every ? { unit: row.unit as CadenceUnit, every: row.every } : null;
}

/**
 * The overrides in force for a station: the nearest region rule above it for each category
 * (prefecture over region), then the station's own (issue 4 item 1).
 */
export async function loadCadenceOverrides(tx: Tx, stationId: string): Promise<{ region: CadenceOverrides; station: CadenceOverrides }> {
  const [regionRows, stationRows] = await Promise.all([
    tx
      .selectFrom("region_cadence as r")
      .innerJoin("station as s", (j) => j.on(sql<boolean>`s.division_code like r.division_code || '%'`))
      .select(["r.category", "r.unit", "r.every", sql<number>`length(r.division_code)`.as("depth")])
      .where("s.id", "=", stationId)
      .orderBy("depth")
      .execute(),
    tx.selectFrom("station_cadence").select(["category", "unit", "every"]).where("station_id", "=", stationId).execute(),
  ]);
  const region: CadenceOverrides = {};
  for (const row of regionRows) region[row.category as CategoryKey] = toCadence(row);
  const station: CadenceOverrides = {};
  for (const row of stationRows) station[row.category as CategoryKey] = toCadence(row);
  return { region, station };
}

/** Every category's rule as it applies at the station, and where it comes from. */
export async function cadenceTable(tx: Tx, stationId: string) {
  const { region, station } = await loadCadenceOverrides(tx, stationId);
  return CATEGORY_KEYS.map((category) => {
    const source = category in station ? "station" : category in region ? "region" : "default";
    const cadence = source === "station" ? station[category] : source === "region" ? region[category] : DEFAULT_CADENCE[category];
    return { category, cadence: cadence ?? null, source, defaultCadence: DEFAULT_CADENCE[category] };
  });
}

/** A station's own rule for a category: a cadence, `null` (no rounds), or `"inherit"` to drop the override. */
export async function setStationCadence(tx: Tx, stationId: string, category: CategoryKey, rule: Cadence | null | "inherit", actorUserId: string) {
  if (rule === "inherit") {
    await tx.deleteFrom("station_cadence").where("station_id", "=", stationId).where("category", "=", category).execute();
    return;
  }
  const values = { unit: rule?.unit ?? null, every: rule?.every ?? null, updated_by: actorUserId, updated_at: new Date() };
  await tx
    .insertInto("station_cadence")
    .values({ station_id: stationId, category, ...values })
    .onConflict((oc) => oc.columns(["station_id", "category"]).doUpdateSet(values))
    .execute();
}
