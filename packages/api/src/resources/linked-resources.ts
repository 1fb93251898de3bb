import type { Tx } from "@shegong/db";
import { checkServiceDate, resourceTotals, type TLinkedResourceInput } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { auditAs, missingOwnRows, type ServiceActor } from "../shared/service-actor.ts";

/** 链接资源 (issue 4 item 6): goods, money or services brought in from outside for one beneficiary. */
export async function recordResource(tx: Tx, actor: ServiceActor, resource: TLinkedResourceInput) {
  const dateError = checkServiceDate("receivedOn", resource.receivedOn, actor.today);
  if (dateError) throw appError("VALIDATION", { fieldErrors: { receivedOn: [`${dateError.zh} / ${dateError.en}`] } });
  const b = resource.beneficiary;
  const [table, id] = "personId" in b ? (["person", b.personId] as const) : "householdId" in b ? (["household", b.householdId] as const) : (["activity", b.activityId] as const);
  if ((await missingOwnRows(tx, table, actor.stationId, [id])).length > 0) throw appError("NOT_FOUND", { field: "beneficiary" });
  const row = await tx
    .insertInto("linked_resource")
    .values({
      station_id: actor.stationId,
      kind: resource.kind,
      source: resource.source,
      description: resource.description,
      value_fen: resource.valueFen,
      received_on: resource.receivedOn,
      person_id: table === "person" ? id : null,
      household_id: table === "household" ? id : null,
      activity_id: table === "activity" ? id : null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "resource.create", row.id, { kind: resource.kind, valueFen: resource.valueFen });
  return { resourceId: row.id };
}

function resourcesBase(tx: Tx, stationId: string) {
  return tx
    .selectFrom("linked_resource as r")
    .leftJoin("person as p", (j) => j.onRef("p.station_id", "=", "r.station_id").onRef("p.id", "=", "r.person_id"))
    .leftJoin("person as h", (j) => j.onRef("h.station_id", "=", "r.station_id").onRef("h.household_id", "=", "r.household_id").on("h.relation_to_head", "=", "head"))
    .leftJoin("activity as a", (j) => j.onRef("a.station_id", "=", "r.station_id").onRef("a.id", "=", "r.activity_id"))
    .select([
      "r.id",
      "r.kind",
      "r.source",
      "r.description",
      "r.value_fen",
      "r.received_on",
      "r.person_id",
      "r.household_id",
      "r.activity_id",
      sql<string | null>`coalesce(p.name, h.name || '户', a.topic)`.as("beneficiary_name"),
    ])
    .where("r.station_id", "=", stationId);
}

type ResourceRow = Awaited<ReturnType<ReturnType<typeof resourcesBase>["execute"]>>[number];

function resourceDto(r: ResourceRow) {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    description: r.description,
    valueFen: r.value_fen,
    receivedOn: r.received_on,
    personId: r.person_id,
    householdId: r.household_id,
    activityId: r.activity_id,
    beneficiaryName: r.beneficiary_name,
  };
}

/** Resources received in a year and what they add up to, per kind, in fen (bureaus count them). */
export async function listResources(tx: Tx, stationId: string, year: number) {
  const rows = await resourcesBase(tx, stationId).where("r.received_on", ">=", `${year}-01-01`).where("r.received_on", "<=", `${year}-12-31`).orderBy("r.received_on", "desc").execute();
  const items = rows.map(resourceDto);
  return { items, totals: resourceTotals(items) };
}

/** The resources brought in for one activity. */
export async function resourcesFor(tx: Tx, stationId: string, beneficiary: { activityId: string }) {
  const rows = await resourcesBase(tx, stationId).where("r.activity_id", "=", beneficiary.activityId).orderBy("r.received_on").execute();
  return rows.map(resourceDto);
}
