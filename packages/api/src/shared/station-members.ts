import type { Tx } from "@shegong/db";
import { appError } from "../errors.ts";

/** Everyone named as having done the work (a visit, a case service) must hold a role at the station. */
export async function requireStationMembers(tx: Tx, stationId: string, userIds: readonly string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const members = await tx.selectFrom("role_grant").select("user_id").where("station_id", "=", stationId).where("user_id", "in", [...userIds]).execute();
  const unknown = userIds.filter((id) => !members.some((m) => m.user_id === id));
  if (unknown.length > 0) throw appError("VALIDATION", { fieldErrors: { [field]: ["不是本站人员 / not a member of this station"] }, userIds: unknown });
}
