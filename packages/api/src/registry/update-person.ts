import type { Tx } from "@shegong/db";
import { adulthoodDate, type TPersonUpdate } from "@shegong/domain";
import { appError } from "../errors.ts";
import { recordPersonEvent } from "./person-events.ts";
import { assertOwnVillage, profileColumns, readIdentity } from "./register-person.ts";
import type { RegistryContext } from "./registry-context.ts";
import { sealCitizenId } from "./sealed-id.ts";

const TRACKED = ["name", "ethnicity_code", "phone", "village_code", "address", "living_arrangement", "economic_source", "disability_type", "disability_grade", "care_status", "note"] as const;

/**
 * A correction to a person's record, refused if someone saved in between (version check). The
 * timeline keeps which fields changed (not their personal values); a changed ID number is re-sealed.
 */
export async function updatePerson(tx: Tx, ctx: RegistryContext, personId: string, input: TPersonUpdate, expectedVersion: number | null) {
  const current = await tx.selectFrom("person").selectAll().where("station_id", "=", ctx.stationId).where("id", "=", personId).executeTakeFirst();
  if (!current) throw appError("NOT_FOUND");
  if (expectedVersion !== null && current.version !== expectedVersion) throw appError("PERSON_VERSION_CONFLICT", { version: current.version });
  // Without an ID number the stored one stands; sex and birth date typed beside it must still agree.
  const identity = input.citizenId ? readIdentity({ ...input, citizenId: input.citizenId }, ctx.today) : null;
  if (!identity && ((input.sex && input.sex !== current.sex) || (input.birthDate && input.birthDate !== current.birth_date))) {
    throw appError("VALIDATION", { fieldErrors: { [input.sex && input.sex !== current.sex ? "sex" : "birthDate"]: ["与身份证号不符 / does not match the ID number"] } });
  }
  await assertOwnVillage(tx, ctx.stationId, input.villageCode);
  const next = profileColumns(input);
  const changed: string[] = TRACKED.filter((k) => (current[k] ?? null) !== (next[k] ?? null));
  const blind = identity ? ctx.cipher.blindIndex(identity.normalized) : current.id_blind;
  const idChanged = identity !== null && !Buffer.from(blind).equals(Buffer.from(current.id_blind));
  if (idChanged) {
    const clash = await tx.selectFrom("person").select("id").where("station_id", "=", ctx.stationId).where("id_blind", "=", blind).executeTakeFirst();
    if (clash) throw appError("PERSON_ALREADY_REGISTERED", { personId: clash.id });
    changed.push("citizen_id");
  }
  if (changed.length === 0) return { personId, changed, version: current.version };
  const updated = await tx
    .updateTable("person")
    .set({
      ...next,
      ...(idChanged && identity ? { ...sealCitizenId(ctx.cipher, identity.normalized), sex: identity.sex, birth_date: identity.birthDate, adult_on: adulthoodDate(identity.birthDate, ctx.rules) } : {}),
      version: current.version + 1,
      updated_at: new Date(),
    })
    .where("station_id", "=", ctx.stationId)
    .where("id", "=", personId)
    .where("version", "=", current.version)
    .returning("version")
    .executeTakeFirst();
  if (!updated) throw appError("PERSON_VERSION_CONFLICT");
  await recordPersonEvent(tx, { stationId: ctx.stationId, personId, kind: "corrected", effectiveDate: ctx.today, actorUserId: ctx.actorUserId, detail: { fields: changed } });
  return { personId, changed, version: updated.version };
}
