import type { Tx } from "@shegong/db";
import { facilityReadiness, MIN_OFFICE_AREA_M2, officeAreaRefusal, type TEquipment, type TOfficeArea, type TRoom, type TSign } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";
import { loadFacilityFacts } from "./facility-facts.ts";
import { currentHouseRules } from "./house-rules.ts";

/**
 * A station's facilities page (issue 5 item 5, R4, R5, R8): the office area, rooms, equipment,
 * plaque and marks (with how many photos each has), the house rules in force, and the checklist.
 */
export async function facilityOverview(tx: Tx, stationId: string) {
  const [area, rooms, equipment, signs, houseRules, facts] = await Promise.all([
    tx
      .selectFrom("station_facility as f")
      .leftJoin("app_user as u", "u.id", "f.updated_by")
      .select(["f.office_area_m2", "f.area_exception_reason", "f.note", "f.updated_at", "u.display_name as updated_by_name"])
      .where("f.station_id", "=", stationId)
      .executeTakeFirst(),
    tx
      .selectFrom("facility_room")
      .select(["id", "kind", "name", "area_m2", "uses"])
      .where("station_id", "=", stationId)
      .where("removed_at", "is", null)
      .orderBy("created_at")
      .execute(),
    tx
      .selectFrom("facility_equipment")
      .select(["id", "name", "quantity", "provided_by", "note"])
      .where("station_id", "=", stationId)
      .where("removed_at", "is", null)
      .orderBy("created_at")
      .execute(),
    tx
      .selectFrom("station_sign as s")
      .select(["s.id", "s.kind", "s.wording", "s.location", "s.installed_on"])
      .select((eb) =>
        eb
          .selectFrom("attachment as a")
          .select((c) => c.fn.countAll<number>().as("n"))
          .whereRef("a.station_id", "=", "s.station_id")
          .whereRef("a.owner_id", "=", "s.id")
          .where("a.owner_kind", "=", "station_sign")
          .where("a.kind", "=", "photo")
          .where("a.removed_at", "is", null)
          .as("photos"),
      )
      .where("s.station_id", "=", stationId)
      .where("s.removed_at", "is", null)
      .orderBy("s.created_at")
      .execute(),
    currentHouseRules(tx, stationId),
    loadFacilityFacts(tx, [stationId]),
  ]);
  return {
    officeArea: area
      ? { officeAreaM2: Number(area.office_area_m2), exceptionReason: area.area_exception_reason, note: area.note, updatedAt: area.updated_at, updatedByName: area.updated_by_name }
      : null,
    rooms: rooms.map((r) => ({ id: r.id, kind: r.kind, name: r.name, areaM2: r.area_m2 === null ? null : Number(r.area_m2), uses: r.uses })),
    equipment: equipment.map((e) => ({ id: e.id, name: e.name, quantity: e.quantity, providedBy: e.provided_by, note: e.note })),
    signs: signs.map((s) => ({ id: s.id, kind: s.kind, wording: s.wording, location: s.location, installedOn: s.installed_on, photos: Number(s.photos ?? 0) })),
    houseRules,
    readiness: facilityReadiness(facts.get(stationId)!),
  };
}

/** R4: the office area; below 20 m² only with the exception's reason, which stays on the checklist. */
export async function setOfficeArea(tx: Tx, actor: ServiceActor, area: TOfficeArea) {
  const refusal = officeAreaRefusal(area);
  if (refusal) throw appError("FACILITY_AREA_BELOW_MINIMUM", { fieldErrors: { officeAreaM2: [`${refusal.zh} / ${refusal.en}`] } });
  // An exception means something only while the area is below the minimum.
  const exception = area.officeAreaM2 < MIN_OFFICE_AREA_M2 ? (area.exceptionReason ?? null) : null;
  const previous = await tx
    .selectFrom("station_facility")
    .select(["office_area_m2", "area_exception_reason", "note"])
    .where("station_id", "=", actor.stationId)
    .forUpdate()
    .executeTakeFirst();
  const values = { office_area_m2: area.officeAreaM2, area_exception_reason: exception, note: area.note ?? "", updated_by: actor.userId, updated_at: new Date() };
  await tx
    .insertInto("station_facility")
    .values({ station_id: actor.stationId, ...values })
    .onConflict((oc) => oc.column("station_id").doUpdateSet(values))
    .execute();
  await auditAs(tx, actor, exception ? "facilities.area.exception" : "facilities.area.set", actor.stationId, {
    previous: previous ? { officeAreaM2: Number(previous.office_area_m2), exceptionReason: previous.area_exception_reason } : null,
    next: { officeAreaM2: area.officeAreaM2, exceptionReason: exception },
  });
  return { ok: true as const, flagged: exception !== null };
}

/**
 * Rooms, equipment and signs share one shape of record: added, corrected, taken off the list. Each
 * write is audited with what the row said before; a removed row stays (a removed sign keeps its photos).
 */
const LISTED = {
  room: {
    table: "facility_room",
    columns: (r: TRoom) => ({ kind: r.kind, name: r.name, area_m2: r.areaM2, uses: r.uses ?? "" }),
  },
  equipment: {
    table: "facility_equipment",
    columns: (e: TEquipment) => ({ name: e.name, quantity: e.quantity, provided_by: e.providedBy, note: e.note ?? "" }),
  },
  sign: {
    table: "station_sign",
    columns: (s: TSign) => ({ kind: s.kind, wording: s.wording, location: s.location ?? "", installed_on: s.installedOn }),
  },
} as const;
type ListedKind = keyof typeof LISTED;
type ListedInput = { room: TRoom; equipment: TEquipment; sign: TSign };

export async function addListed<K extends ListedKind>(tx: Tx, actor: ServiceActor, kind: K, input: ListedInput[K]) {
  const spec = LISTED[kind];
  const columns = (spec.columns as (v: ListedInput[K]) => Record<string, unknown>)(input);
  const row = await tx
    .insertInto(spec.table)
    .values({ station_id: actor.stationId, created_by: actor.userId, ...columns } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, `facilities.${kind}.added`, row.id, columns);
  return { id: row.id };
}

export async function updateListed<K extends ListedKind>(tx: Tx, actor: ServiceActor, kind: K, id: string, input: ListedInput[K]) {
  const spec = LISTED[kind];
  const columns = (spec.columns as (v: ListedInput[K]) => Record<string, unknown>)(input);
  const previous = await tx
    .selectFrom(spec.table)
    .selectAll()
    .where("station_id", "=", actor.stationId)
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!previous) throw appError("NOT_FOUND");
  await tx
    .updateTable(spec.table)
    .set(columns as never)
    .where("station_id", "=", actor.stationId)
    .where("id", "=", id)
    .execute();
  const before = Object.fromEntries(Object.keys(columns).map((c) => [c, (previous as Record<string, unknown>)[c]]));
  await auditAs(tx, actor, `facilities.${kind}.updated`, id, { previous: before, next: columns });
  return { ok: true as const };
}

export async function removeListed(tx: Tx, actor: ServiceActor, kind: ListedKind, id: string) {
  const row = await tx
    .updateTable(LISTED[kind].table)
    .set({ removed_at: new Date(), removed_by: actor.userId })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  await auditAs(tx, actor, `facilities.${kind}.removed`, id);
  return { ok: true as const };
}
