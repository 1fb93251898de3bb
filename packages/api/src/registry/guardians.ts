import type { Tx } from "@shegong/db";
import type { GuardianRelation } from "@shegong/domain";
import { appError } from "../errors.ts";
import type { RegistryContext } from "./registry-context.ts";

export interface GuardianInput {
  /** When the guardian is registered at this station too. */
  guardianPersonId?: string | null;
  name: string;
  relation: GuardianRelation;
  phone?: string | null;
  note?: string;
}

/** Children have guardians (R10), who may live outside the station: then only name, relation and phone. */
export async function addGuardian(tx: Tx, ctx: RegistryContext, childId: string, guardian: GuardianInput) {
  const child = await tx.selectFrom("person").select("adult_on").where("station_id", "=", ctx.stationId).where("id", "=", childId).executeTakeFirst();
  if (!child) throw appError("NOT_FOUND");
  if (guardian.guardianPersonId) {
    const g = await tx.selectFrom("person").select("id").where("station_id", "=", ctx.stationId).where("id", "=", guardian.guardianPersonId).executeTakeFirst();
    if (!g) throw appError("NOT_FOUND");
  }
  const row = await tx
    .insertInto("guardian")
    .values({
      station_id: ctx.stationId,
      child_id: childId,
      guardian_person_id: guardian.guardianPersonId ?? null,
      name: guardian.name,
      relation: guardian.relation,
      phone: guardian.phone ?? null,
      note: guardian.note ?? "",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { guardianId: row.id };
}

export async function removeGuardian(tx: Tx, ctx: RegistryContext, childId: string, guardianId: string) {
  const result = await tx.deleteFrom("guardian").where("station_id", "=", ctx.stationId).where("child_id", "=", childId).where("id", "=", guardianId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw appError("NOT_FOUND");
}
