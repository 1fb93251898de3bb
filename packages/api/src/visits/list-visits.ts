import type { Tx } from "@shegong/db";
import { sql } from "kysely";
import { appError } from "../errors.ts";

function visitsBase(tx: Tx, stationId: string) {
  return tx
    .selectFrom("visit as v")
    .leftJoin("person as p", (j) => j.onRef("p.station_id", "=", "v.station_id").onRef("p.id", "=", "v.person_id"))
    .leftJoin("person as h", (j) => j.onRef("h.station_id", "=", "v.station_id").onRef("h.household_id", "=", "v.household_id").on("h.relation_to_head", "=", "head"))
    .select([
      "v.id",
      "v.visited_on",
      "v.kind",
      "v.mode",
      "v.duration_minutes",
      "v.person_id",
      "v.household_id",
      "v.area",
      "v.risk",
      "v.risk_note",
      "v.risk_acknowledged_at",
      "v.summary",
      "v.recorded_at",
      sql<string>`coalesce(p.name, h.name || '户')`.as("subject_name"),
      sql<string>`(select string_agg(u.display_name, '、' order by u.display_name) from visit_worker w join app_user u on u.id = w.user_id
        where w.station_id = v.station_id and w.visit_id = v.id)`.as("workers"),
      sql<number>`(select count(*) from attachment a where a.station_id = v.station_id and a.owner_kind = 'visit' and a.owner_id = v.id and a.removed_at is null)::int`.as("attachment_count"),
    ])
    .where("v.station_id", "=", stationId);
}

type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsBase>["execute"]>>[number];

/** A visit as every procedure returns it. */
function visitDto(v: VisitRow) {
  return {
    id: v.id,
    visitedOn: v.visited_on,
    kind: v.kind,
    mode: v.mode,
    durationMinutes: v.duration_minutes,
    personId: v.person_id,
    householdId: v.household_id,
    subjectName: v.subject_name,
    area: v.area,
    risk: v.risk,
    riskNote: v.risk_note,
    riskAcknowledgedAt: v.risk_acknowledged_at,
    summary: v.summary,
    workers: v.workers,
    attachmentCount: v.attachment_count,
    recordedAt: v.recorded_at,
  };
}

/** A person's visit history: their own visits and their household's, newest first. */
export async function visitsForPerson(tx: Tx, stationId: string, personId: string, limit = 100) {
  const person = await tx.selectFrom("person").select("household_id").where("station_id", "=", stationId).where("id", "=", personId).executeTakeFirst();
  if (!person) throw appError("NOT_FOUND");
  const rows = await visitsBase(tx, stationId)
    .where((eb) => eb.or([eb("v.person_id", "=", personId), ...(person.household_id ? [eb("v.household_id", "=", person.household_id)] : [])]))
    .orderBy("v.visited_on", "desc")
    .orderBy("v.recorded_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(visitDto);
}

/** Visits in a period (a month or quarter of the visit ledger), oldest first. */
export async function visitsInPeriod(tx: Tx, stationId: string, from: string, to: string) {
  const rows = await visitsBase(tx, stationId).where("v.visited_on", ">=", from).where("v.visited_on", "<=", to).orderBy("v.visited_on").orderBy("v.recorded_at").execute();
  return rows.map(visitDto);
}

/** Medium and high risks nobody has acknowledged yet: the supervisor's queue. */
export async function openRisks(tx: Tx, stationId: string) {
  const rows = await visitsBase(tx, stationId).where("v.risk", "in", ["medium", "high"]).where("v.risk_acknowledged_at", "is", null).orderBy("v.visited_on", "desc").execute();
  return rows.map(visitDto);
}

export async function getVisit(tx: Tx, stationId: string, visitId: string) {
  const visit = await visitsBase(tx, stationId).select(["v.findings"]).where("v.id", "=", visitId).executeTakeFirst();
  if (!visit) throw appError("NOT_FOUND");
  return { ...visitDto(visit), findings: visit.findings as Record<string, unknown> };
}

/** The station's active members who can be named on a visit (everyone with a role at the station). */
export async function stationMembers(tx: Tx, stationId: string) {
  const rows = await tx
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .select(["u.id", "u.display_name", "g.role"])
    .where("g.station_id", "=", stationId)
    .where("u.disabled_at", "is", null)
    .where("g.role", "in", ["station_admin", "social_worker", "supervisor"])
    .orderBy("u.display_name")
    .execute();
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name, role: r.role }));
}
