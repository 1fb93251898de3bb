import type { Tx } from "@shegong/db";
import { canTransition, todayInShanghai, type StationStatus } from "@shegong/domain";
import { appError } from "../errors.ts";

export interface StatusChange {
  stationId: string;
  to: StationStatus;
  effectiveDate: string;
  note: string;
  actorUserId: string;
}

/** Moves a station along its lifecycle (planned → onboarding → active → suspended → closed), dated. */
export async function changeStationStatus(tx: Tx, change: StatusChange) {
  const station = await tx
    .selectFrom("station")
    .select(["status", "status_since"])
    .where("id", "=", change.stationId)
    .executeTakeFirst();
  if (!station) throw appError("NOT_FOUND");
  const from = station.status as StationStatus;
  if (!canTransition(from, change.to)) throw appError("STATUS_TRANSITION", { from, to: change.to });
  // History stays in date order: a change cannot predate the current status or lie in the future.
  if (change.effectiveDate < station.status_since || change.effectiveDate > todayInShanghai()) {
    throw appError("VALIDATION", { field: "effectiveDate", min: station.status_since, max: todayInShanghai() });
  }
  await tx
    .insertInto("station_status_event")
    .values({
      station_id: change.stationId,
      from_status: from,
      to_status: change.to,
      effective_date: change.effectiveDate,
      note: change.note,
      actor_user_id: change.actorUserId,
    })
    .execute();
  await tx
    .updateTable("station")
    .set({ status: change.to, status_since: change.effectiveDate })
    .where("id", "=", change.stationId)
    .execute();
  return { from, to: change.to, effectiveDate: change.effectiveDate };
}

export function listStatusHistory(tx: Tx, stationId: string) {
  return tx
    .selectFrom("station_status_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.from_status", "e.to_status", "e.effective_date", "e.note", "e.recorded_at", "u.display_name as actor_name"])
    .where("e.station_id", "=", stationId)
    .orderBy("e.recorded_at", "desc")
    .execute();
}
