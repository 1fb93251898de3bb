import type { Tx } from "@shegong/db";
import { HOUSE_RULES, type FacilityFacts, type HouseRule, type RoomKind } from "@shegong/domain";

/**
 * What the readiness checklist (R4, R5, R8) reads for each station, in a handful of queries however
 * many stations are asked for: the station page asks for one, the bureau's panel for all of its own.
 */
export async function loadFacilityFacts(tx: Tx, stationIds: readonly string[]): Promise<Map<string, FacilityFacts>> {
  const facts = new Map<string, FacilityFacts>(
    stationIds.map((id) => [id, { officeAreaM2: null, areaExceptionReason: null, roomKinds: [], equipmentItems: 0, plaquePhotos: [], houseRules: {} }]),
  );
  if (stationIds.length === 0) return facts;
  const ids = [...stationIds];
  const [areas, rooms, equipment, plaques, rules] = await Promise.all([
    tx.selectFrom("station_facility").select(["station_id", "office_area_m2", "area_exception_reason"]).where("station_id", "in", ids).execute(),
    tx.selectFrom("facility_room").select(["station_id", "kind"]).where("station_id", "in", ids).where("removed_at", "is", null).execute(),
    tx
      .selectFrom("facility_equipment")
      .select(["station_id", (eb) => eb.fn.countAll<number>().as("items")])
      .where("station_id", "in", ids)
      .where("removed_at", "is", null)
      .groupBy("station_id")
      .execute(),
    tx
      .selectFrom("station_sign as s")
      .leftJoin("attachment as a", (join) =>
        join
          .onRef("a.station_id", "=", "s.station_id")
          .onRef("a.owner_id", "=", "s.id")
          .on("a.owner_kind", "=", "station_sign")
          .on("a.kind", "=", "photo")
          .on("a.removed_at", "is", null),
      )
      .select(["s.station_id", "s.id", (eb) => eb.fn.count<number>("a.id").as("photos")])
      .where("s.station_id", "in", ids)
      .where("s.kind", "=", "plaque")
      .where("s.removed_at", "is", null)
      .groupBy(["s.station_id", "s.id"])
      .execute(),
    // The current revision of each rule is its highest.
    tx
      .selectFrom("house_rule_revision")
      .select(["station_id", "rule", "revision", "effective_on"])
      .distinctOn(["station_id", "rule"])
      .where("station_id", "in", ids)
      .orderBy("station_id")
      .orderBy("rule")
      .orderBy("revision", "desc")
      .execute(),
  ]);
  for (const a of areas) {
    const f = facts.get(a.station_id)!;
    f.officeAreaM2 = Number(a.office_area_m2);
    f.areaExceptionReason = a.area_exception_reason;
  }
  for (const r of rooms) (facts.get(r.station_id)!.roomKinds as RoomKind[]).push(r.kind as RoomKind);
  for (const e of equipment) facts.get(e.station_id)!.equipmentItems = Number(e.items);
  for (const p of plaques) (facts.get(p.station_id)!.plaquePhotos as number[]).push(Number(p.photos));
  for (const r of rules) {
    if (!(HOUSE_RULES as readonly string[]).includes(r.rule)) continue;
    facts.get(r.station_id)!.houseRules[r.rule as HouseRule] = { revision: r.revision, effectiveOn: r.effective_on };
  }
  return facts;
}
