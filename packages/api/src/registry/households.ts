import type { Tx } from "@shegong/db";
import { todayInShanghai, type HouseholdRelation } from "@shegong/domain";
import { appError } from "../errors.ts";
import { householdMembers } from "./get-person.ts";
import { assertOwnVillage } from "./register-person.ts";
import type { RegistryContext } from "./registry-context.ts";

/** A household (户) with its head: the head is its first member. */
export async function createHousehold(tx: Tx, ctx: RegistryContext, input: { headPersonId: string; villageCode?: string | null; address?: string; note?: string }) {
  await assertOwnVillage(tx, ctx.stationId, input.villageCode);
  const head = await tx.selectFrom("person").select(["household_id", "village_code", "address"]).where("station_id", "=", ctx.stationId).where("id", "=", input.headPersonId).executeTakeFirst();
  if (!head) throw appError("NOT_FOUND");
  if (head.household_id) throw appError("HOUSEHOLD_MEMBER_ELSEWHERE");
  const household = await tx
    .insertInto("household")
    .values({
      station_id: ctx.stationId,
      village_code: input.villageCode ?? head.village_code,
      address: input.address ?? head.address,
      head_person_id: input.headPersonId,
      note: input.note ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.updateTable("person").set({ household_id: household.id, relation_to_head: "head" }).where("station_id", "=", ctx.stationId).where("id", "=", input.headPersonId).execute();
  return { householdId: household.id };
}

export async function addHouseholdMember(tx: Tx, ctx: RegistryContext, householdId: string, personId: string, relation: Exclude<HouseholdRelation, "head">) {
  const household = await tx.selectFrom("household").select("id").where("station_id", "=", ctx.stationId).where("id", "=", householdId).executeTakeFirst();
  if (!household) throw appError("NOT_FOUND");
  const person = await tx.selectFrom("person").select("household_id").where("station_id", "=", ctx.stationId).where("id", "=", personId).executeTakeFirst();
  if (!person) throw appError("NOT_FOUND");
  if (person.household_id && person.household_id !== householdId) throw appError("HOUSEHOLD_MEMBER_ELSEWHERE");
  await tx.updateTable("person").set({ household_id: householdId, relation_to_head: relation }).where("station_id", "=", ctx.stationId).where("id", "=", personId).execute();
}

export async function removeHouseholdMember(tx: Tx, ctx: RegistryContext, householdId: string, personId: string) {
  const household = await tx.selectFrom("household").select("head_person_id").where("station_id", "=", ctx.stationId).where("id", "=", householdId).executeTakeFirst();
  if (!household) throw appError("NOT_FOUND");
  if (household.head_person_id === personId) throw appError("VALIDATION", { field: "personId", reason: "head" });
  const result = await tx
    .updateTable("person")
    .set({ household_id: null, relation_to_head: null })
    .where("station_id", "=", ctx.stationId)
    .where("id", "=", personId)
    .where("household_id", "=", householdId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw appError("NOT_FOUND");
}

export async function getHousehold(tx: Tx, stationId: string, householdId: string) {
  const household = await householdMembers(tx, stationId, householdId, todayInShanghai());
  if (!household) throw appError("NOT_FOUND");
  return household;
}
