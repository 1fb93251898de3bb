import type { Tx } from "@shegong/db";
import { volunteerYearTotals, type TVolunteerInput } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Volunteers are not service recipients, but their phones are still personal: station staff see
 * them, people supervising from outside (and anything exported upward) see them masked.
 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  return phone.length <= 7 ? "****" : `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

function volunteerColumns(v: TVolunteerInput) {
  return { name: v.name, phone: v.phone ?? null, skills: v.skills ?? null, joined_on: v.joinedOn, left_on: v.leftOn ?? null, note: v.note ?? null };
}

/** The volunteer registry (R5). */
export async function registerVolunteer(tx: Tx, actor: ServiceActor, volunteer: TVolunteerInput) {
  const row = await tx
    .insertInto("volunteer")
    .values({ station_id: actor.stationId, ...volunteerColumns(volunteer), created_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "volunteer.create", row.id);
  return { volunteerId: row.id };
}

/** A correction; the audit keeps which fields changed (not a phone's value), like the person register. */
export async function updateVolunteer(tx: Tx, actor: ServiceActor, volunteerId: string, expectedVersion: number, volunteer: TVolunteerInput) {
  const current = await tx.selectFrom("volunteer").selectAll().where("station_id", "=", actor.stationId).where("id", "=", volunteerId).executeTakeFirst();
  if (!current) throw appError("NOT_FOUND");
  if (current.version !== expectedVersion) throw appError("PERSON_VERSION_CONFLICT", { version: current.version });
  const next = volunteerColumns(volunteer);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => (current[k] ?? null) !== next[k]);
  if (changed.length === 0) return { volunteerId, version: current.version, changed };
  const updated = await tx
    .updateTable("volunteer")
    .set({ ...next, version: current.version + 1 })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", volunteerId)
    .where("version", "=", current.version)
    .returning("version")
    .executeTakeFirst();
  if (!updated) throw appError("PERSON_VERSION_CONFLICT");
  await auditAs(tx, actor, "volunteer.update", volunteerId, { fields: changed, fromVersion: current.version });
  return { volunteerId, version: updated.version, changed };
}

/** Every volunteer with their minutes and activities in `year` (R5: hours per volunteer and year). */
export async function listVolunteers(tx: Tx, stationId: string, year: number, options: { maskPhones: boolean }) {
  const [volunteers, records] = await Promise.all([
    tx.selectFrom("volunteer").selectAll().where("station_id", "=", stationId).orderBy("name").execute(),
    tx
      .selectFrom("activity_volunteer as x")
      .innerJoin("activity as a", (j) => j.onRef("a.station_id", "=", "x.station_id").onRef("a.id", "=", "x.activity_id"))
      .select(["x.volunteer_id", "a.held_on", "x.minutes"])
      .where("x.station_id", "=", stationId)
      .where("a.held_on", ">=", `${year}-01-01`)
      .where("a.held_on", "<=", `${year}-12-31`)
      .execute(),
  ]);
  const totals = new Map(volunteerYearTotals(records.map((r) => ({ volunteerId: r.volunteer_id, heldOn: r.held_on, minutes: r.minutes }))).map((t) => [t.volunteerId, t]));
  const items = volunteers.map((v) => ({
    id: v.id,
    name: v.name,
    phone: options.maskPhones ? maskPhone(v.phone) : v.phone,
    skills: v.skills,
    joinedOn: v.joined_on,
    leftOn: v.left_on,
    note: v.note,
    version: v.version,
    year,
    minutes: totals.get(v.id)?.minutes ?? 0,
    activities: totals.get(v.id)?.activities ?? 0,
  }));
  return { items, year, totalMinutes: items.reduce((n, v) => n + v.minutes, 0) };
}
