import { recordAudit, withPlatform, type Database } from "@shegong/db";
import type { Kysely } from "kysely";
import { loadActiveGrants } from "./grants.ts";
import { mfaPendingAtLogin, type MfaPending } from "./mfa.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import { createSession } from "./sessions.ts";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "./throttle.ts";

export type LoginResult =
  | { ok: true; token: string; sessionId: string; expiresAt: Date; userId: string; mfa: MfaPending | null }
  | { ok: false; code: "AUTH_INVALID_CREDENTIALS" | "AUTH_THROTTLED"; retryAfterSeconds?: number };

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string;
  userAgent?: string | null;
}

/** Checks throttling, then the password (outside any transaction: argon2 is slow), then opens a session. */
export async function login(db: Kysely<Database>, attempt: LoginAttempt, now = new Date()): Promise<LoginResult> {
  const username = attempt.username.trim().toLowerCase();
  const ip = attempt.ip;
  const found = await withPlatform(db, async (tx) => {
    const retryAfterSeconds = await loginRetryAfter(tx, username, ip, now);
    const user = await tx
      .selectFrom("app_user")
      .select(["id", "password_hash", "disabled_at", "demo"])
      .where("username", "=", username)
      .executeTakeFirst();
    return { retryAfterSeconds, user };
  });
  if (found.retryAfterSeconds > 0) {
    await withPlatform(db, (tx) =>
      recordAudit(tx, { action: "auth.login", target: username, outcome: "denied", ip, detail: { reason: "throttled" } }),
    );
    return { ok: false, code: "AUTH_THROTTLED", retryAfterSeconds: found.retryAfterSeconds };
  }
  const user = found.user;
  const passwordOk = user ? await verifyPassword(user.password_hash, attempt.password) : (await burnPasswordCheck(attempt.password), false);
  if (!user || !passwordOk || user.disabled_at) {
    await withPlatform(db, async (tx) => {
      await recordLoginFailure(tx, username, ip, now);
      await recordAudit(tx, {
        actorUserId: user?.id ?? null,
        action: "auth.login",
        target: username,
        outcome: "failure",
        ip,
        detail: { reason: !user ? "unknown_user" : user.disabled_at ? "disabled" : "wrong_password" },
      });
    });
    return { ok: false, code: "AUTH_INVALID_CREDENTIALS" };
  }
  const grants = await loadActiveGrants(db, user.id, now);
  const mfa = await withPlatform(db, async (tx) => {
    await clearLoginFailures(tx, username, ip);
    return mfaPendingAtLogin(tx, { id: user.id, demo: user.demo }, grants);
  });
  const session = await createSession(db, user.id, { ip, userAgent: attempt.userAgent, mfaPending: mfa }, now);
  await withPlatform(db, (tx) =>
    recordAudit(tx, {
      actorUserId: user.id,
      actorName: username,
      action: "auth.login",
      target: username,
      outcome: "success",
      ip,
      detail: mfa ? { secondFactor: mfa } : undefined,
    }),
  );
  return { ok: true, token: session.token, sessionId: session.sessionId, expiresAt: session.expiresAt, userId: user.id, mfa };
}
