import type { Tx } from "@shegong/db";
import { checkServiceDate, supervisionMatrix, type TSupervisionInput } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { assertStationMembers, auditAs, type ServiceActor } from "../shared/service-actor.ts";

/** 督导记录 (issue 4 item 7; R7: the supervisor oversees and corrects workers' work). */
export async function recordSupervision(tx: Tx, actor: ServiceActor, session: TSupervisionInput) {
  const dateError = checkServiceDate("heldOn", session.heldOn, actor.today);
  if (dateError) throw appError("VALIDATION", { fieldErrors: { heldOn: [`${dateError.zh} / ${dateError.en}`] } });
  await assertStationMembers(tx, actor.stationId, session.workerUserIds, "workerUserIds");
  if (session.supervisorUserId) await assertStationMembers(tx, actor.stationId, [session.supervisorUserId], "supervisorUserId");
  const row = await tx
    .insertInto("supervision_session")
    .values({
      station_id: actor.stationId,
      format: session.format,
      supervisor_user_id: session.supervisorUserId ?? null,
      supervisor_name: session.supervisorName ?? null,
      held_on: session.heldOn,
      duration_minutes: session.durationMinutes,
      topics: session.topics,
      cases_discussed: JSON.stringify(session.casesDiscussed),
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("supervision_attendee")
    .values(session.workerUserIds.map((userId) => ({ station_id: actor.stationId, session_id: row.id, user_id: userId })))
    .execute();
  await auditAs(tx, actor, "supervision.create", row.id, { format: session.format, workers: session.workerUserIds.length });
  return { sessionId: row.id };
}

async function sessionsInYear(tx: Tx, stationId: string, year: number) {
  return tx
    .selectFrom("supervision_session as s")
    .leftJoin("app_user as u", "u.id", "s.supervisor_user_id")
    .select([
      "s.id",
      "s.format",
      "s.held_on",
      "s.duration_minutes",
      "s.topics",
      "s.cases_discussed",
      "s.supervisor_user_id",
      sql<string>`coalesce(u.display_name, s.supervisor_name)`.as("supervisor"),
      sql<{ userId: string; displayName: string }[]>`(select coalesce(json_agg(json_build_object('userId', a.user_id, 'displayName', w.display_name) order by w.display_name), '[]'::json)
        from supervision_attendee a join app_user w on w.id = a.user_id where a.station_id = s.station_id and a.session_id = s.id)`.as("workers"),
    ])
    .where("s.station_id", "=", stationId)
    .where("s.held_on", ">=", `${year}-01-01`)
    .where("s.held_on", "<=", `${year}-12-31`)
    .orderBy("s.held_on", "desc")
    .execute();
}

export async function listSupervision(tx: Tx, stationId: string, year: number) {
  const rows = await sessionsInYear(tx, stationId, year);
  return rows.map((s) => ({
    id: s.id,
    format: s.format,
    heldOn: s.held_on,
    durationMinutes: s.duration_minutes,
    topics: s.topics,
    casesDiscussed: s.cases_discussed as { caseId?: string; note?: string }[],
    supervisorUserId: s.supervisor_user_id,
    supervisor: s.supervisor,
    workers: s.workers,
  }));
}

/**
 * Supervision per worker and month of `year` so far. The workers are the station's social workers
 * and heads now, plus anyone supervised that year who has since left, so no month goes unseen.
 */
export async function supervisionByWorkerAndMonth(tx: Tx, stationId: string, year: number, today: string) {
  const [sessions, members] = await Promise.all([
    sessionsInYear(tx, stationId, year),
    tx
      .selectFrom("role_grant as g")
      .innerJoin("app_user as u", "u.id", "g.user_id")
      .select(["u.id", "u.display_name"])
      .where("g.station_id", "=", stationId)
      .where("g.role", "in", ["social_worker", "station_admin"])
      .where("u.disabled_at", "is", null)
      .orderBy("u.display_name")
      .execute(),
  ]);
  const workers = new Map(members.map((m) => [m.id, { userId: m.id, name: m.display_name }]));
  for (const s of sessions) for (const w of s.workers) if (!workers.has(w.userId)) workers.set(w.userId, { userId: w.userId, name: w.displayName });
  return supervisionMatrix(
    [...workers.values()],
    sessions.map((s) => ({ heldOn: s.held_on, durationMinutes: s.duration_minutes, workerUserIds: s.workers.map((w) => w.userId) })),
    year,
    today,
  );
}
