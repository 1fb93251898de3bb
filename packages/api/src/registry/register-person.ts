import { recordAuditMany, type Tx } from "@shegong/db";
import { adulthoodDate, checkIdConsistency, nameSearchKeys, parseCitizenId, type TPersonInput } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { recordPersonEvent } from "./person-events.ts";
import type { RegistryContext } from "./registry-context.ts";
import { sealCitizenId } from "./sealed-id.ts";

/** Parses the ID and checks it against the sex and birth date typed beside it. */
export function readIdentity(input: TPersonInput, today: string) {
  const parsed = parseCitizenId(input.citizenId, today);
  if (!parsed.ok) throw appError("VALIDATION", { fieldErrors: { citizenId: [parsed.error.zh] }, reason: parsed.error });
  const mismatch = checkIdConsistency(parsed.value, { sex: input.sex, birthDate: input.birthDate });
  if (mismatch.length > 0) throw appError("VALIDATION", { fieldErrors: Object.fromEntries(mismatch.map((m) => [m.field, [m.zh]])) });
  return parsed.value;
}

/** Villages must be the station's own (R1: a station serves the villages of its township). */
export async function assertOwnVillage(tx: Tx, stationId: string, villageCode: string | null | undefined) {
  if (!villageCode) return;
  const found = await tx
    .selectFrom("division as v")
    .innerJoin("station as s", "s.division_code", "v.parent_code")
    .select("v.code")
    .where("s.id", "=", stationId)
    .where("v.code", "=", villageCode)
    .executeTakeFirst();
  if (!found) throw appError("VILLAGE_NOT_IN_STATION", { villageCode });
}

/** The person's columns that come from the form or a ledger row (everything but identity and status). */
export function profileColumns(input: Omit<TPersonInput, "citizenId">) {
  const keys = nameSearchKeys(input.name);
  return {
    name: input.name,
    name_pinyin: keys.pinyin,
    name_initials: keys.initials,
    ethnicity_code: input.ethnicityCode ?? null,
    phone: input.phone ?? null,
    village_code: input.villageCode ?? null,
    address: input.address ?? "",
    living_arrangement: input.livingArrangement ?? null,
    economic_source: input.economicSource ?? null,
    disability_type: input.disabilityType ?? null,
    disability_grade: input.disabilityGrade ? Number(input.disabilityGrade) : null,
    care_status: input.careStatus ?? null,
    note: input.note ?? "",
  };
}

/**
 * IDs already registered at other stations are flagged in both stations (and so to their county
 * bureaus), naming only the other station; nothing else crosses over. Returns, per person, the
 * other stations' plaque names.
 */
export async function flagDuplicatesElsewhere(tx: Tx, ctx: RegistryContext, personIds: string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (personIds.length === 0) return found;
  const { rows } = await sql<{ person_id: string; other_station_id: string }>`
    select person_id, other_station_id from flag_cross_station_duplicates(${ctx.stationId}::uuid, ${personIds}::uuid[])`.execute(tx);
  if (rows.length === 0) return found;
  const stations = await tx.selectFrom("station").select(["id", "plaque_name"]).where("id", "in", [...new Set(rows.map((r) => r.other_station_id))]).execute();
  const plaque = new Map(stations.map((s) => [s.id, s.plaque_name]));
  for (const row of rows) {
    const name = plaque.get(row.other_station_id) ?? row.other_station_id;
    found.set(row.person_id, [...(found.get(row.person_id) ?? []), name]);
  }
  await recordAuditMany(
    tx,
    rows.map((row) => ({
      stationId: ctx.stationId,
      actorUserId: ctx.actorUserId,
      action: "person.duplicate_elsewhere",
      target: row.person_id,
      outcome: "success" as const,
      detail: { otherStation: plaque.get(row.other_station_id) ?? row.other_station_id },
    })),
  );
  return found;
}

/** Registers a person at the station; the same ID twice in one station is refused. */
export async function registerPerson(tx: Tx, ctx: RegistryContext, input: TPersonInput, registeredOn = ctx.today) {
  const identity = readIdentity(input, ctx.today);
  await assertOwnVillage(tx, ctx.stationId, input.villageCode);
  const sealed = sealCitizenId(ctx.cipher, identity.normalized);
  const existing = await tx
    .selectFrom("person")
    .select("id")
    .where("station_id", "=", ctx.stationId)
    .where("id_blind", "=", sealed.id_blind)
    .executeTakeFirst();
  if (existing) throw appError("PERSON_ALREADY_REGISTERED", { personId: existing.id });
  const person = await tx
    .insertInto("person")
    .values({
      station_id: ctx.stationId,
      ...sealed,
      ...profileColumns(input),
      sex: identity.sex,
      birth_date: identity.birthDate,
      adult_on: adulthoodDate(identity.birthDate, ctx.rules),
      registered_on: registeredOn,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordPersonEvent(tx, { stationId: ctx.stationId, personId: person.id, kind: "registered", effectiveDate: registeredOn, actorUserId: ctx.actorUserId });
  const duplicateElsewhere = (await flagDuplicatesElsewhere(tx, ctx, [person.id])).get(person.id) ?? [];
  return { personId: person.id, duplicateElsewhere };
}
