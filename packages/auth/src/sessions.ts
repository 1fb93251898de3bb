import { withPlatform, type Database } from "@shegong/db";
import { sql, type Kysely } from "kysely";
import { grantsFromJson, type Grant, type GrantJson } from "./grants.ts";
import { currentAuthEnv, type TAuthEnv } from "./env.ts";
import { generateSessionToken, parseSessionToken, secretMatches } from "./session-token.ts";

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: string;
  mustChangePassword: boolean;
  demo: boolean;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
  /**
   * Set while the session has proven only the password: it can do nothing but give a second factor
   * ('verify') or enrol one ('enrol'). Absent on sessions made before there was a second factor.
   */
  mfaPending?: "verify" | "enrol" | null;
}

// last_seen_at is written at most once a minute, not on every request.
const TOUCH_INTERVAL_MS = 60_000;
/** A session half signed in (password only) must finish within this time or sign in again. */
export const MFA_PENDING_TTL_MS = 15 * 60_000;

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null; mfaPending?: "verify" | "enrol" | null },
  now = new Date(),
  env: TAuthEnv = currentAuthEnv(),
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + env.SHEGONG_SESSION_ABSOLUTE_HOURS * 3600_000);
  await withPlatform(db, (tx) =>
    tx
      .insertInto("user_session")
      .values({
        id: token.id,
        secret_hash: token.secretHash,
        user_id: userId,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 400) ?? null,
        mfa_pending: meta.mfaPending ?? null,
      })
      .execute(),
  );
  return { token: token.token, sessionId: token.id, expiresAt };
}

/** Null for a malformed, unknown, expired, idle or revoked session, or a disabled user. */
export async function validateSession(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
  env: TAuthEnv = currentAuthEnv(),
): Promise<ValidSession | null> {
  return (await validateSessionWithGrants(db, token, now, env))?.session ?? null;
}

/**
 * The session and the user's unexpired grants, read in one round trip (the session_context
 * function), as every request needs both. Writes happen only when due: the idle clock is touched
 * at most once a minute, and a dead session is deleted.
 */
export async function validateSessionWithGrants(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
  env: TAuthEnv = currentAuthEnv(),
): Promise<{ session: ValidSession; grants: Grant[] } | null> {
  const parsed = parseSessionToken(token);
  if (!parsed) return null;
  const { rows } = await sql<SessionContextRow>`select * from session_context(${parsed.id}, ${now})`.execute(db);
  const row = rows[0];
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
  const idleLimit = row.last_seen_at.getTime() + env.SHEGONG_SESSION_IDLE_MINUTES * 60_000;
  const pendingTooLong = row.mfa_pending !== null && now.getTime() - row.created_at.getTime() >= MFA_PENDING_TTL_MS;
  if (row.disabled_at || now >= row.expires_at || now.getTime() >= idleLimit || pendingTooLong) {
    await withPlatform(db, (tx) => tx.deleteFrom("user_session").where("id", "=", row.id).execute());
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await withPlatform(db, (tx) => tx.updateTable("user_session").set({ last_seen_at: now }).where("id", "=", row.id).execute());
  }
  return {
    session: {
      sessionId: row.id,
      expiresAt: row.expires_at,
      mfaPending: row.mfa_pending,
      user: {
        id: row.user_id,
        username: row.username,
        displayName: row.display_name,
        locale: row.locale,
        mustChangePassword: row.must_change_password,
        demo: row.demo,
      },
    },
    grants: grantsFromJson(row.grants),
  };
}

interface SessionContextRow {
  id: string;
  secret_hash: Uint8Array;
  last_seen_at: Date;
  expires_at: Date;
  created_at: Date;
  mfa_pending: "verify" | "enrol" | null;
  user_id: string;
  username: string;
  display_name: string;
  locale: string;
  must_change_password: boolean;
  disabled_at: Date | null;
  demo: boolean;
  grants: GrantJson[] | string;
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await withPlatform(db, (tx) => tx.deleteFrom("user_session").where("id", "=", sessionId).execute());
}

export async function invalidateUserSessions(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await withPlatform(db, (tx) =>
    tx.deleteFrom("user_session").where("user_id", "=", userId).executeTakeFirst(),
  );
  return Number(result.numDeletedRows);
}
