import type { Tx } from "@shegong/db";
import { bilingual, checkInspectorGrantExpiry, INSPECTOR_GRANT_MAX_DAYS, type InspectorKind } from "@shegong/domain";
import { appError } from "../errors.ts";
import { createUser } from "../users/manage-users.ts";

/**
 * Inspectors (issue 5 item 8, R18): the county bureau lets a named finance inspector, auditor or
 * evaluator read one station until a set day, at most INSPECTOR_GRANT_MAX_DAYS ahead. Access ends
 * by itself: grants are loaded on every request and an expired one is not loaded
 * (auth/grants.ts). Revoking moves the expiry to now. Each entry into the station is audited by
 * workspace.enter, as for every supervisor.
 */

export interface InspectorGrantInput {
  stationId: string;
  username: string;
  kind: InspectorKind;
  expiresAt: Date;
  reason: string;
  /** For someone without an account yet: the bureau creates it with this name and initial password. */
  newAccount?: { displayName: string; passwordHash: string };
}

async function stationUnder(tx: Tx, divisionCode: string, stationId: string) {
  const station = await tx.selectFrom("station").select(["id", "division_code", "plaque_name"]).where("id", "=", stationId).executeTakeFirst();
  if (!station || !station.division_code.startsWith(divisionCode)) throw appError("NOT_FOUND");
  return station;
}

export async function grantInspector(tx: Tx, grantedBy: string, divisionCode: string, input: InspectorGrantInput, now = new Date()) {
  await stationUnder(tx, divisionCode, input.stationId);
  const problem = checkInspectorGrantExpiry(now, input.expiresAt);
  if (problem) throw appError("INSPECTOR_GRANT_PERIOD", { maxDays: INSPECTOR_GRANT_MAX_DAYS, fieldErrors: { expiresAt: [bilingual(problem)] } });
  let userId: string;
  if (input.newAccount) {
    const created = await createUser(
      tx,
      { username: input.username, displayName: input.newAccount.displayName, passwordHash: input.newAccount.passwordHash, role: "inspector", stationId: input.stationId, expiresAt: input.expiresAt },
      grantedBy,
    );
    userId = created.id;
    await tx
      .updateTable("role_grant")
      .set({ inspector_kind: input.kind, grant_reason: input.reason })
      .where("user_id", "=", userId)
      .where("station_id", "=", input.stationId)
      .where("role", "=", "inspector")
      .execute();
  } else {
    const user = await tx.selectFrom("app_user").select(["id", "disabled_at"]).where("username", "=", input.username).executeTakeFirst();
    if (!user) throw appError("NOT_FOUND", { field: "username" });
    if (user.disabled_at) throw appError("USER_DISABLED");
    userId = user.id;
    await tx
      .insertInto("role_grant")
      .values({ user_id: userId, role: "inspector", station_id: input.stationId, expires_at: input.expiresAt, granted_by: grantedBy, inspector_kind: input.kind, grant_reason: input.reason })
      .execute();
  }
  const grant = await tx
    .selectFrom("role_grant")
    .select("id")
    .where("user_id", "=", userId)
    .where("station_id", "=", input.stationId)
    .where("role", "=", "inspector")
    .orderBy("granted_at", "desc")
    .executeTakeFirstOrThrow();
  return { grantId: grant.id, userId };
}

export async function revokeInspector(tx: Tx, revokedBy: string, divisionCode: string, grantId: string, now = new Date()) {
  const grant = await tx
    .selectFrom("role_grant as g")
    .innerJoin("station as s", "s.id", "g.station_id")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .select(["g.id", "g.station_id", "g.expires_at", "g.revoked_at", "s.division_code", "u.username"])
    .where("g.id", "=", grantId)
    .where("g.role", "=", "inspector")
    .executeTakeFirst();
  if (!grant || !grant.station_id || !grant.division_code.startsWith(divisionCode)) throw appError("NOT_FOUND");
  // Revoking what has already ended changes nothing (and keeps the real end on record).
  if (grant.revoked_at || (grant.expires_at && grant.expires_at <= now)) return { stationId: grant.station_id, username: grant.username, changed: false };
  await tx.updateTable("role_grant").set({ expires_at: now, revoked_at: now, revoked_by: revokedBy }).where("id", "=", grantId).execute();
  return { stationId: grant.station_id, username: grant.username, changed: true };
}

/** Every inspector grant on the stations under the division: active, expired or revoked. */
export async function listInspectorGrants(tx: Tx, divisionCode: string, now = new Date()) {
  const rows = await tx
    .selectFrom("role_grant as g")
    .innerJoin("station as s", "s.id", "g.station_id")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .leftJoin("app_user as by", "by.id", "g.granted_by")
    .select(["g.id", "g.station_id", "s.plaque_name", "u.username", "u.display_name", "g.inspector_kind", "g.grant_reason", "g.granted_at", "g.expires_at", "g.revoked_at", "by.display_name as granted_by_name"])
    .where("g.role", "=", "inspector")
    .where("s.division_code", "like", `${divisionCode}%`)
    .orderBy("g.granted_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id as string,
    stationName: r.plaque_name,
    username: r.username,
    displayName: r.display_name,
    kind: r.inspector_kind as InspectorKind | null,
    reason: r.grant_reason,
    grantedAt: r.granted_at,
    grantedByName: r.granted_by_name,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    state: r.revoked_at ? ("revoked" as const) : r.expires_at && r.expires_at <= now ? ("expired" as const) : ("active" as const),
  }));
}

/**
 * R18: of the inspectors, only evaluators score; a finance inspector or auditor reads. Null-kind
 * inspector grants (made before kinds existed, e.g. the demo's) count as evaluators.
 */
export async function inspectorMayScore(tx: Tx, grantId: string): Promise<boolean> {
  const row = await tx.selectFrom("role_grant").select("inspector_kind").where("id", "=", grantId).executeTakeFirst();
  return row !== undefined && (row.inspector_kind === null || row.inspector_kind === "evaluator");
}
