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
  const judged = judgeSessionContext(parsed, rows[0], now, env);
  await settleSession(db, judged, now);
  return judged.kind === "valid" ? { session: judged.session, grants: judged.grants } : null;
}

/** What a session_context row says of a request's session. */
export type SessionJudgement =
  | { kind: "valid"; session: ValidSession; grants: Grant[]; touch: boolean }
  /** Expired, idle, half signed in too long, or its user disabled: deleted by settleSession. */
  | { kind: "ended"; sessionId: string }
  /** No such session, or the wrong secret. */
  | { kind: "unknown" };

/**
 * The session_context call as SQL text, for a transaction's opening round trip
 * (leaseStationTransaction in @shegong/db): the session is read in the transaction that does the work it
 * admits, and app.user_id is set to its user for the rest of the transaction. Only the token's id
 * (checked: 16 base32 letters) and an ISO timestamp are written into the text. Null for a malformed
 * token.
 */
export function sessionContextProbe(token: string, now = new Date()): { sql: string; parsed: { id: string; secret: string } } | null {
  const parsed = parseSessionToken(token);
  const at = now.toISOString();
  if (!parsed || !/^[a-z2-7]{16}$/.test(parsed.id) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at)) return null;
  return {
    sql: `select set_config('app.user_id', s.user_id::text, true) as app_user_setting, s.* from session_context('${parsed.id}', '${at}'::timestamptz) s`,
    parsed,
  };
}

/** The checks on a session_context row: the secret (constant time), expiry, idle time, a half sign-in's age, the user. */
export function judgeSessionContext(parsed: { secret: string }, row: unknown, now = new Date(), env: TAuthEnv = currentAuthEnv()): SessionJudgement {
  const r = row as SessionContextRow | undefined;
  if (!r || !secretMatches(parsed.secret, r.secret_hash)) return { kind: "unknown" };
  const idleLimit = r.last_seen_at.getTime() + env.SHEGONG_SESSION_IDLE_MINUTES * 60_000;
  const pendingTooLong = r.mfa_pending !== null && now.getTime() - r.created_at.getTime() >= MFA_PENDING_TTL_MS;
  if (r.disabled_at || now >= r.expires_at || now.getTime() >= idleLimit || pendingTooLong) return { kind: "ended", sessionId: r.id };
  return {
    kind: "valid",
    touch: now.getTime() - r.last_seen_at.getTime() > TOUCH_INTERVAL_MS,
    session: {
      sessionId: r.id,
      expiresAt: r.expires_at,
      mfaPending: r.mfa_pending,
      user: {
        id: r.user_id,
        username: r.username,
        displayName: r.display_name,
        locale: r.locale,
        mustChangePassword: r.must_change_password,
        demo: r.demo,
      },
    },
    grants: grantsFromJson(r.grants),
  };
}

/** The writes a judgement calls for, when due: a dead session deleted, the idle clock touched. */
export async function settleSession(db: Kysely<Database>, judged: SessionJudgement, now = new Date()): Promise<void> {
  if (judged.kind === "ended") {
    await withPlatform(db, (tx) => tx.deleteFrom("user_session").where("id", "=", judged.sessionId).execute());
  } else if (judged.kind === "valid" && judged.touch) {
    await withPlatform(db, (tx) => tx.updateTable("user_session").set({ last_seen_at: now }).where("id", "=", judged.session.sessionId).execute());
  }
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
