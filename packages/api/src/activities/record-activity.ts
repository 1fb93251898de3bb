import type { Tx } from "@shegong/db";
import { checkServiceDate, type TActivityInput } from "@shegong/domain";
import { appError } from "../errors.ts";
import { assertStationMembers, auditAs, missingOwnRows, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Everything named on an activity must be the station's own: attendees on its register, workers
 * holding a role there, volunteers in its registry. A foreign id is NOT_FOUND, as if it did not exist.
 */
async function checkActivity(tx: Tx, actor: ServiceActor, activity: TActivityInput) {
  const dateError = checkServiceDate("heldOn", activity.heldOn, actor.today);
  if (dateError) throw appError("VALIDATION", { fieldErrors: { heldOn: [`${dateError.zh} / ${dateError.en}`] } });
  if ((await missingOwnRows(tx, "person", actor.stationId, activity.attendeePersonIds)).length > 0) throw appError("NOT_FOUND", { field: "attendeePersonIds" });
  const volunteerIds = activity.volunteers.map((v) => v.volunteerId);
  if ((await missingOwnRows(tx, "volunteer", actor.stationId, volunteerIds)).length > 0) throw appError("NOT_FOUND", { field: "volunteers" });
  await assertStationMembers(tx, actor.stationId, activity.workerUserIds, "workerUserIds");
}

function activityColumns(activity: TActivityInput) {
  const s = inputSnapshot(activity);
  return {
    kind: s.kind,
    publicity_topic: s.publicityTopic,
    area: s.area,
    topic: s.topic,
    held_on: s.heldOn,
    start_time: s.startTime,
    duration_minutes: s.durationMinutes,
    place: s.place,
    others_count: s.othersCount,
    summary: s.summary,
  };
}

async function insertParticipants(tx: Tx, stationId: string, activityId: string, activity: TActivityInput) {
  const rows = { station_id: stationId, activity_id: activityId };
  if (activity.attendeePersonIds.length > 0) {
    await tx.insertInto("activity_attendee").values(activity.attendeePersonIds.map((personId) => ({ ...rows, person_id: personId }))).execute();
  }
  await tx.insertInto("activity_worker").values(activity.workerUserIds.map((userId) => ({ ...rows, user_id: userId }))).execute();
  if (activity.volunteers.length > 0) {
    await tx.insertInto("activity_volunteer").values(activity.volunteers.map((v) => ({ ...rows, volunteer_id: v.volunteerId, minutes: v.minutes }))).execute();
  }
}

function attendanceOf(activity: TActivityInput) {
  return { registered: activity.attendeePersonIds.length, others: activity.othersCount, total: activity.attendeePersonIds.length + activity.othersCount };
}

/** Records a group, community or publicity activity with who came, who led it and the volunteers' hours. */
export async function recordActivity(tx: Tx, actor: ServiceActor, activity: TActivityInput) {
  await checkActivity(tx, actor, activity);
  const row = await tx
    .insertInto("activity")
    .values({ station_id: actor.stationId, ...activityColumns(activity), recorded_by: actor.userId, updated_by: null, updated_at: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await insertParticipants(tx, actor.stationId, row.id, activity);
  const attendance = attendanceOf(activity);
  await auditAs(tx, actor, "activity.create", row.id, { kind: activity.kind, attendance });
  return { activityId: row.id, version: 1, attendance };
}

/** The activity as it stands, participants included: what a revision keeps. */
async function snapshotOf(tx: Tx, stationId: string, activityId: string) {
  const [row, attendees, workers, volunteers] = await Promise.all([
    tx.selectFrom("activity").selectAll().where("station_id", "=", stationId).where("id", "=", activityId).executeTakeFirst(),
    tx.selectFrom("activity_attendee").select("person_id").where("station_id", "=", stationId).where("activity_id", "=", activityId).orderBy("person_id").execute(),
    tx.selectFrom("activity_worker").select("user_id").where("station_id", "=", stationId).where("activity_id", "=", activityId).orderBy("user_id").execute(),
    tx.selectFrom("activity_volunteer").select(["volunteer_id", "minutes"]).where("station_id", "=", stationId).where("activity_id", "=", activityId).orderBy("volunteer_id").execute(),
  ]);
  if (!row) return null;
  return {
    row,
    snapshot: {
      kind: row.kind,
      publicityTopic: row.publicity_topic,
      area: row.area,
      topic: row.topic,
      heldOn: row.held_on,
      startTime: row.start_time,
      durationMinutes: row.duration_minutes,
      place: row.place,
      othersCount: row.others_count,
      summary: row.summary,
      attendeePersonIds: attendees.map((a) => a.person_id),
      workerUserIds: workers.map((w) => w.user_id),
      volunteers: volunteers.map((v) => ({ volunteerId: v.volunteer_id, minutes: v.minutes })),
    },
  };
}

/**
 * A correction after the fact (issue 4: editing keeps the earlier version). The activity as it
 * stood is kept whole in activity_revision before the new one replaces it; a stale version is refused.
 */
export async function updateActivity(tx: Tx, actor: ServiceActor, activityId: string, expectedVersion: number, activity: TActivityInput) {
  const current = await snapshotOf(tx, actor.stationId, activityId);
  if (!current) throw appError("NOT_FOUND");
  if (current.row.version !== expectedVersion) throw appError("ACTIVITY_VERSION_CONFLICT", { version: current.row.version });
  await checkActivity(tx, actor, activity);
  const next = inputSnapshot(activity);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(current.snapshot[k]) !== JSON.stringify(next[k]));
  if (changed.length === 0) return { activityId, version: current.row.version, changed, attendance: attendanceOf(activity) };
  await tx
    .insertInto("activity_revision")
    .values({ station_id: actor.stationId, activity_id: activityId, version: current.row.version, snapshot: JSON.stringify(current.snapshot), replaced_by: actor.userId })
    .execute();
  const updated = await tx
    .updateTable("activity")
    .set({ ...activityColumns(activity), version: current.row.version + 1, updated_by: actor.userId, updated_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", activityId)
    .where("version", "=", current.row.version)
    .returning("version")
    .executeTakeFirst();
  if (!updated) throw appError("ACTIVITY_VERSION_CONFLICT");
  for (const table of ["activity_attendee", "activity_worker", "activity_volunteer"] as const) {
    await tx.deleteFrom(table).where("station_id", "=", actor.stationId).where("activity_id", "=", activityId).execute();
  }
  await insertParticipants(tx, actor.stationId, activityId, activity);
  const attendance = attendanceOf(activity);
  await auditAs(tx, actor, "activity.update", activityId, { fields: changed, fromVersion: current.row.version, attendance });
  return { activityId, version: updated.version, changed, attendance };
}

/** The input in the snapshot's shape (sorted id lists), so an unchanged list compares equal. */
function inputSnapshot(activity: TActivityInput) {
  return {
    kind: activity.kind,
    publicityTopic: activity.publicityTopic ?? null,
    area: activity.area,
    topic: activity.topic,
    heldOn: activity.heldOn,
    startTime: activity.startTime ?? null,
    durationMinutes: activity.durationMinutes,
    place: activity.place,
    othersCount: activity.othersCount,
    summary: activity.summary ?? null,
    attendeePersonIds: [...activity.attendeePersonIds].sort(),
    workerUserIds: [...activity.workerUserIds].sort(),
    volunteers: [...activity.volunteers].sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : 1)).map((v) => ({ volunteerId: v.volunteerId, minutes: v.minutes })),
  };
}
