import type { Tx } from "@shegong/db";
import { satisfactionSummary, type ActivityKind } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { followupsFor } from "../satisfaction/followups.ts";
import { resourcesFor } from "../resources/linked-resources.ts";

export function yearRange(year: number) {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A station's activities between two dates, newest first, with their attendance and volunteer time. */
export async function activitiesInRange(tx: Tx, stationId: string, from: string, to: string, kind?: ActivityKind) {
  let query = tx
    .selectFrom("activity as a")
    .select([
      "a.id",
      "a.kind",
      "a.publicity_topic",
      "a.area",
      "a.topic",
      "a.held_on",
      "a.start_time",
      "a.duration_minutes",
      "a.place",
      "a.others_count",
      "a.summary",
      "a.version",
      sql<number>`(select count(*)::int from activity_attendee x where x.station_id = a.station_id and x.activity_id = a.id)`.as("registered_count"),
      sql<number>`(select count(*)::int from activity_volunteer x where x.station_id = a.station_id and x.activity_id = a.id)`.as("volunteer_count"),
      sql<number>`(select coalesce(sum(x.minutes), 0)::int from activity_volunteer x where x.station_id = a.station_id and x.activity_id = a.id)`.as("volunteer_minutes"),
      sql<string | null>`(select string_agg(u.display_name, '、' order by u.display_name) from activity_worker w join app_user u on u.id = w.user_id
        where w.station_id = a.station_id and w.activity_id = a.id)`.as("workers"),
    ])
    .where("a.station_id", "=", stationId)
    .where("a.held_on", ">=", from)
    .where("a.held_on", "<=", to);
  if (kind) query = query.where("a.kind", "=", kind);
  const rows = await query.orderBy("a.held_on", "desc").orderBy("a.recorded_at", "desc").execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    publicityTopic: r.publicity_topic,
    area: r.area,
    topic: r.topic,
    heldOn: r.held_on,
    startTime: r.start_time,
    durationMinutes: r.duration_minutes,
    place: r.place,
    summary: r.summary,
    version: r.version,
    workers: r.workers,
    attendance: { registered: r.registered_count, others: r.others_count, total: r.registered_count + r.others_count },
    volunteers: r.volunteer_count,
    volunteerMinutes: r.volunteer_minutes,
  }));
}

export function listActivities(tx: Tx, stationId: string, year: number, kind?: ActivityKind) {
  const { from, to } = yearRange(year);
  return activitiesInRange(tx, stationId, from, to, kind);
}

/** One activity with everything hung on it: people, workers, volunteers, resources, follow-ups and earlier versions. */
export async function getActivity(tx: Tx, stationId: string, activityId: string) {
  const a = await tx.selectFrom("activity").selectAll().where("station_id", "=", stationId).where("id", "=", activityId).executeTakeFirst();
  if (!a) throw appError("NOT_FOUND");
  const [attendees, workers, volunteers, revisions, resources, followups] = await Promise.all([
    tx
      .selectFrom("activity_attendee as x")
      .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "x.station_id").onRef("p.id", "=", "x.person_id"))
      .select(["p.id", "p.name", "p.id_masked"])
      .where("x.station_id", "=", stationId)
      .where("x.activity_id", "=", activityId)
      .orderBy("p.name_pinyin")
      .execute(),
    tx
      .selectFrom("activity_worker as x")
      .innerJoin("app_user as u", "u.id", "x.user_id")
      .select(["u.id", "u.display_name"])
      .where("x.station_id", "=", stationId)
      .where("x.activity_id", "=", activityId)
      .orderBy("u.display_name")
      .execute(),
    tx
      .selectFrom("activity_volunteer as x")
      .innerJoin("volunteer as v", (j) => j.onRef("v.station_id", "=", "x.station_id").onRef("v.id", "=", "x.volunteer_id"))
      .select(["v.id", "v.name", "x.minutes"])
      .where("x.station_id", "=", stationId)
      .where("x.activity_id", "=", activityId)
      .orderBy("v.name")
      .execute(),
    tx
      .selectFrom("activity_revision as r")
      .leftJoin("app_user as u", "u.id", "r.replaced_by")
      .select(["r.version", "r.snapshot", "r.replaced_at", "u.display_name"])
      .where("r.station_id", "=", stationId)
      .where("r.activity_id", "=", activityId)
      .orderBy("r.version", "desc")
      .execute(),
    resourcesFor(tx, stationId, { activityId }),
    followupsFor(tx, stationId, "activity", activityId),
  ]);
  return {
    id: a.id,
    kind: a.kind,
    publicityTopic: a.publicity_topic,
    area: a.area,
    topic: a.topic,
    heldOn: a.held_on,
    startTime: a.start_time,
    durationMinutes: a.duration_minutes,
    place: a.place,
    othersCount: a.others_count,
    summary: a.summary,
    version: a.version,
    recordedAt: a.recorded_at,
    updatedAt: a.updated_at,
    // No attachment storage yet: photos are not kept, and the page says so.
    photos: [] as never[],
    attendance: { registered: attendees.length, others: a.others_count, total: attendees.length + a.others_count },
    attendees: attendees.map((p) => ({ personId: p.id, name: p.name, citizenIdMasked: p.id_masked })),
    workers: workers.map((w) => ({ userId: w.id, displayName: w.display_name })),
    volunteers: volunteers.map((v) => ({ volunteerId: v.id, name: v.name, minutes: v.minutes })),
    volunteerMinutes: volunteers.reduce((n, v) => n + v.minutes, 0),
    resources,
    followups,
    satisfaction: satisfactionSummary(followups.map((f) => f.score)),
    revisions: revisions.map((r) => ({ version: r.version, replacedAt: r.replaced_at, replacedBy: r.display_name, snapshot: r.snapshot as Record<string, unknown> })),
  };
}
