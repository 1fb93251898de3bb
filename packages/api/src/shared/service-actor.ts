import { recordAudit, type Tx } from "@shegong/db";
import { todayInShanghai } from "@shegong/domain";
import { appError } from "../errors.ts";
import type { AuthedContext } from "../trpc.ts";

/** Who records a service (visit, activity, supervision, follow-up), from where, and the Beijing date. */
export interface ServiceActor {
  stationId: string;
  userId: string;
  username: string;
  ip: string;
  today: string;
}

export function actorOf(ctx: AuthedContext, stationId: string): ServiceActor {
  return { stationId, userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip, today: todayInShanghai() };
}

/** A successful write in the station's audit chain, in the actor's name. */
export function auditAs(tx: Tx, actor: ServiceActor, action: string, target: string | null, detail?: Record<string, unknown>) {
  return recordAudit(tx, { stationId: actor.stationId, actorUserId: actor.userId, actorName: actor.username, ip: actor.ip, action, target, outcome: "success", detail });
}

/**
 * Every user named on a service record must hold a role at the station: a name from another
 * station would put its worker's hours into this one's totals.
 */
export async function assertStationMembers(tx: Tx, stationId: string, userIds: readonly string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const members = await tx.selectFrom("role_grant").select("user_id").where("station_id", "=", stationId).where("user_id", "in", [...userIds]).execute();
  const unknown = userIds.filter((id) => !members.some((m) => m.user_id === id));
  if (unknown.length > 0) throw appError("VALIDATION", { fieldErrors: { [field]: ["不是本站人员 / not a member of this station"] }, userIds: unknown });
}

/** Ids that are not rows of `table` at this station; the caller answers NOT_FOUND for any. */
export async function missingOwnRows(tx: Tx, table: "person" | "household" | "activity" | "volunteer" | "visit" | "service_agreement" | "social_case" | "station_sign" | "rectification_item", stationId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = await tx.selectFrom(table).select("id").where("station_id", "=", stationId).where("id", "in", [...ids]).execute();
  const present = new Set(found.map((r) => r.id));
  return ids.filter((id) => !present.has(id));
}
