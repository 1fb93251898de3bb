import { hashPassword } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import { checkGrantScope, checkPassword, ROLE_LABELS, roleRequiresExpiry, type Role } from "@shegong/domain";
import { appError } from "../errors.ts";
import { grantInScope, userIsInScope, type UserScope } from "./user-scope.ts";

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  divisionCode?: string;
  stationId?: string;
  contractorId?: string;
  expiresAt?: Date;
}

/**
 * Creates an account with one grant. The password is hashed before the transaction opens (argon2
 * is slow; the embedded database is single-connection), so callers pass `passwordHash`.
 */
export async function createUser(tx: Tx, user: Omit<NewUser, "password"> & { passwordHash: string }, actorUserId: string | null) {
  const scopeError = checkGrantScope(user.role, {
    divisionCode: user.divisionCode,
    stationId: user.stationId,
    contractorId: user.contractorId,
  });
  if (scopeError) throw appError("VALIDATION", { field: "role", zh: scopeError.zh, en: scopeError.en });
  // Inspectors' access is time-limited (R18: inspections by finance, audit and evaluators).
  if (roleRequiresExpiry(user.role) && !user.expiresAt) throw appError("VALIDATION", { field: "expiresAt" });
  if (user.divisionCode) {
    const division = await tx.selectFrom("division").select("code").where("code", "=", user.divisionCode).executeTakeFirst();
    if (!division) throw appError("DIVISION_UNKNOWN", { codes: [user.divisionCode] });
  }
  const exists = await tx.selectFrom("app_user").select("id").where("username", "=", user.username).executeTakeFirst();
  if (exists) throw appError("USER_EXISTS", { username: user.username });
  const created = await tx
    .insertInto("app_user")
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      must_change_password: actorUserId !== null,
    })
    .returning(["id", "username", "display_name"])
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("role_grant")
    .values({
      user_id: created.id,
      role: user.role,
      division_code: user.divisionCode ?? null,
      station_id: user.stationId ?? null,
      contractor_id: user.contractorId ?? null,
      expires_at: user.expiresAt ?? null,
      granted_by: actorUserId,
    })
    .execute();
  return { id: created.id, username: created.username, displayName: created.display_name, role: user.role, roleLabel: ROLE_LABELS[user.role] };
}

/** Refuses a weak password with the policy's own code (ASVS 5: length and a common-password list). */
export async function hashAcceptablePassword(password: string, username: string): Promise<string> {
  const verdict = checkPassword(password, { username });
  if (!verdict.ok) throw appError(verdict.code);
  return hashPassword(password);
}

export async function listUsers(tx: Tx, scope: UserScope) {
  const rows = await tx
    .selectFrom("role_grant")
    .innerJoin("app_user as u", "u.id", "role_grant.user_id")
    .leftJoin("station as s", "s.id", "role_grant.station_id")
    .leftJoin("division as d", "d.code", "role_grant.division_code")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.disabled_at",
      "role_grant.role",
      "role_grant.expires_at",
      "role_grant.division_code",
      "d.name as division_name",
      "s.plaque_name",
    ])
    .where(grantInScope(scope))
    .orderBy("u.username")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    disabled: r.disabled_at !== null,
    role: r.role as Role,
    expiresAt: r.expires_at,
    scopeName: r.plaque_name ?? r.division_name ?? r.division_code,
  }));
}

/** Disabling a user also ends every session they have, at once. */
export async function setUserDisabled(tx: Tx, scope: UserScope, userId: string, disabled: boolean) {
  if (!(await userIsInScope(tx, userId, scope))) throw appError("NOT_FOUND");
  await tx
    .updateTable("app_user")
    .set({ disabled_at: disabled ? new Date() : null })
    .where("id", "=", userId)
    .execute();
  if (disabled) await tx.deleteFrom("user_session").where("user_id", "=", userId).execute();
}

export async function listUserSessions(tx: Tx, scope: UserScope, userId: string) {
  if (!(await userIsInScope(tx, userId, scope))) throw appError("NOT_FOUND");
  const rows = await tx
    .selectFrom("user_session")
    .select(["id", "created_at", "last_seen_at", "expires_at", "ip", "user_agent"])
    .where("user_id", "=", userId)
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

/** Ends one session of the user, or all of them when `sessionId` is omitted. */
export async function endUserSessions(tx: Tx, scope: UserScope, userId: string, sessionId?: string) {
  if (!(await userIsInScope(tx, userId, scope))) throw appError("NOT_FOUND");
  let query = tx.deleteFrom("user_session").where("user_id", "=", userId);
  if (sessionId) query = query.where("id", "=", sessionId);
  const result = await query.executeTakeFirst();
  return { ended: Number(result.numDeletedRows) };
}
