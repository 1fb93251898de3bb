import type { Tx } from "@shegong/db";
import { workerServiceHours, type WorkerServiceRecord } from "@shegong/domain";
import { yearRange } from "../activities/list-activities.ts";

/**
 * Each worker's service time in a year from every record that carries a duration: visits and
 * activities they are named on, follow-ups they recorded (issue 4 item 7).
 */
export async function serviceHoursByWorker(tx: Tx, stationId: string, year: number) {
  const { from, to } = yearRange(year);
  const [visits, activities, followups] = await Promise.all([
    tx
      .selectFrom("visit_worker as w")
      .innerJoin("visit as v", (j) => j.onRef("v.station_id", "=", "w.station_id").onRef("v.id", "=", "w.visit_id"))
      .select(["w.user_id", "v.visited_on as on", "v.duration_minutes as minutes"])
      .where("w.station_id", "=", stationId)
      .where("v.visited_on", ">=", from)
      .where("v.visited_on", "<=", to)
      .execute(),
    tx
      .selectFrom("activity_worker as w")
      .innerJoin("activity as a", (j) => j.onRef("a.station_id", "=", "w.station_id").onRef("a.id", "=", "w.activity_id"))
      .select(["w.user_id", "a.held_on as on", "a.duration_minutes as minutes"])
      .where("w.station_id", "=", stationId)
      .where("a.held_on", ">=", from)
      .where("a.held_on", "<=", to)
      .execute(),
    tx
      .selectFrom("satisfaction_followup")
      .select(["recorded_by as user_id", "followed_up_on as on", "duration_minutes as minutes"])
      .where("station_id", "=", stationId)
      .where("recorded_by", "is not", null)
      .where("followed_up_on", ">=", from)
      .where("followed_up_on", "<=", to)
      .execute(),
  ]);
  const records: WorkerServiceRecord[] = [
    ...visits.map((r) => ({ userId: r.user_id, kind: "visit" as const, on: r.on, minutes: r.minutes })),
    ...activities.map((r) => ({ userId: r.user_id, kind: "activity" as const, on: r.on, minutes: r.minutes })),
    ...followups.map((r) => ({ userId: r.user_id as string, kind: "followup" as const, on: r.on, minutes: r.minutes })),
  ];
  const hours = workerServiceHours(records, year);
  const names = hours.length === 0 ? [] : await tx.selectFrom("app_user").select(["id", "display_name"]).where("id", "in", hours.map((h) => h.userId)).execute();
  const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
  return hours.map((h) => ({ ...h, name: nameOf.get(h.userId) ?? "—" })).sort((a, b) => b.minutes - a.minutes);
}
