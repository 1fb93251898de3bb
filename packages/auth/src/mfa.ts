import { recordAudit, withPlatform, type Database, type Tx } from "@shegong/db";
import { roleRequiresSecondFactor } from "@shegong/domain";
import type { Kysely } from "kysely";
import type { Grant } from "./grants.ts";
import type { PersonalDataCipher } from "./personal-data.ts";
import { createSession } from "./sessions.ts";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "./throttle.ts";
import { generateRecoveryCodes, generateTotpKey, hashRecoveryCode, matchTotp, normalizeRecoveryCode, totpEnrolment } from "./totp.ts";

/** What a session that has proven only the password still owes: a code, or an enrolment. */
export type MfaPending = "verify" | "enrol";

/** Wrong codes a half-signed-in session may give before it is ended and the password is asked again. */
export const MFA_SESSION_MAX_FAILURES = 5;
/** An enrolment begun and not confirmed within this time must be begun again. */
const ENROLMENT_TTL_MS = 30 * 60_000;

const totpBinding = (userId: string) => `totp:${userId}`;
const pendingBinding = (userId: string) => `totp-pending:${userId}`;

export function secondFactorRequired(grants: readonly Grant[]): boolean {
  return grants.some((g) => roleRequiresSecondFactor(g.role));
}

export interface MfaStatus {
  enrolled: boolean;
  enrolledAt: Date | null;
  /** The user's grants require a second factor. */
  required: boolean;
  /** Required, but waived because this is a demo account (demo mode only). */
  demoExempt: boolean;
  recoveryCodesLeft: number;
}

export async function getMfaStatus(tx: Tx, user: { id: string; demo: boolean }, grants: readonly Grant[]): Promise<MfaStatus> {
  const row = await tx.selectFrom("user_mfa").select(["enrolled_at"]).where("user_id", "=", user.id).where("totp_secret", "is not", null).executeTakeFirst();
  const codes = await tx
    .selectFrom("user_recovery_code")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  const required = secondFactorRequired(grants);
  return {
    enrolled: row !== undefined,
    enrolledAt: row?.enrolled_at ?? null,
    required,
    demoExempt: required && user.demo,
    recoveryCodesLeft: row ? Number(codes.n) : 0,
  };
}

/**
 * What a new session owes after the password. Demo accounts (seeded only in demo mode) are exempt
 * from the requirement so the demo stays usable; once enrolled, they verify like anyone else.
 */
export async function mfaPendingAtLogin(tx: Tx, user: { id: string; demo: boolean }, grants: readonly Grant[]): Promise<MfaPending | null> {
  const enrolled = await tx.selectFrom("user_mfa").select("user_id").where("user_id", "=", user.id).where("totp_secret", "is not", null).executeTakeFirst();
  if (enrolled) return "verify";
  return secondFactorRequired(grants) && !user.demo ? "enrol" : null;
}

/** Starts (or restarts) an enrolment: a new key, kept sealed until a code from it is confirmed. */
export async function beginTotpEnrolment(tx: Tx, cipher: PersonalDataCipher, user: { id: string; username: string }, now = new Date()) {
  const key = generateTotpKey();
  const sealed = cipher.sealSecret(pendingBinding(user.id), key);
  await tx
    .insertInto("user_mfa")
    .values({ user_id: user.id, pending_secret: sealed, pending_created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ pending_secret: sealed, pending_created_at: now, updated_at: now }))
    .execute();
  return totpEnrolment(key, user.username);
}

export type ConfirmEnrolmentResult = { ok: true; recoveryCodes: string[] } | { ok: false; code: "MFA_CODE_INVALID" | "MFA_ENROLMENT_MISSING" };

interface Actor {
  userId: string;
  username: string;
  sessionId: string;
  ip: string;
}

/**
 * Confirms the enrolment with a code from the new key: the key becomes the user's, fresh recovery
 * codes replace any old ones, the user's other sessions end (the factor changed), and this session,
 * if it was waiting to enrol, becomes a full one.
 */
export async function confirmTotpEnrolment(tx: Tx, cipher: PersonalDataCipher, who: Actor, code: string, now = new Date()): Promise<ConfirmEnrolmentResult> {
  const row = await tx
    .selectFrom("user_mfa")
    .select(["pending_secret", "pending_created_at", "totp_secret"])
    .where("user_id", "=", who.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.pending_secret || !row.pending_created_at || now.getTime() - row.pending_created_at.getTime() > ENROLMENT_TTL_MS) {
    return { ok: false, code: "MFA_ENROLMENT_MISSING" };
  }
  const key = cipher.openSecret(pendingBinding(who.userId), row.pending_secret);
  const counter = matchTotp(key, code, now);
  if (counter === null) {
    await recordAudit(tx, { actorUserId: who.userId, actorName: who.username, action: "mfa.enrol", target: who.username, outcome: "failure", ip: who.ip });
    return { ok: false, code: "MFA_CODE_INVALID" };
  }
  await tx
    .updateTable("user_mfa")
    .set({
      totp_secret: cipher.sealSecret(totpBinding(who.userId), key),
      enrolled_at: now,
      last_counter: counter,
      pending_secret: null,
      pending_created_at: null,
      updated_at: now,
    })
    .where("user_id", "=", who.userId)
    .execute();
  const recoveryCodes = await replaceRecoveryCodes(tx, who.userId);
  await tx.deleteFrom("user_session").where("user_id", "=", who.userId).where("id", "!=", who.sessionId).execute();
  await tx.updateTable("user_session").set({ mfa_pending: null, mfa_failures: 0 }).where("id", "=", who.sessionId).execute();
  await recordAudit(tx, {
    actorUserId: who.userId,
    actorName: who.username,
    action: "mfa.enrol",
    target: who.username,
    outcome: "success",
    ip: who.ip,
    detail: { reenrolment: row.totp_secret !== null },
  });
  return { ok: true, recoveryCodes };
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
  await tx
    .insertInto("user_recovery_code")
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(normalizeRecoveryCode(code)!) })))
    .execute();
  return codes;
}

/** New recovery codes for an enrolled user; the old ones stop working. Null when not enrolled. */
export async function regenerateRecoveryCodes(tx: Tx, who: Omit<Actor, "sessionId">): Promise<string[] | null> {
  const enrolled = await tx.selectFrom("user_mfa").select("user_id").where("user_id", "=", who.userId).where("totp_secret", "is not", null).executeTakeFirst();
  if (!enrolled) return null;
  const codes = await replaceRecoveryCodes(tx, who.userId);
  await recordAudit(tx, { actorUserId: who.userId, actorName: who.username, action: "mfa.recovery_codes.regenerate", target: who.username, outcome: "success", ip: who.ip });
  return codes;
}

/**
 * An administrator's reset (a lost phone): the key and recovery codes go, and every session of the
 * user ends. A user who must have a second factor is asked to enrol again at the next sign-in.
 * The caller records the audit event in the chain of the scope it administers.
 */
export async function resetSecondFactor(tx: Tx, userId: string): Promise<{ hadSecondFactor: boolean; sessionsEnded: number }> {
  const removed = await tx.deleteFrom("user_mfa").where("user_id", "=", userId).returning("totp_secret").executeTakeFirst();
  await tx.deleteFrom("user_recovery_code").where("user_id", "=", userId).execute();
  const ended = await tx.deleteFrom("user_session").where("user_id", "=", userId).executeTakeFirst();
  return { hadSecondFactor: Boolean(removed?.totp_secret), sessionsEnded: Number(ended.numDeletedRows) };
}

export interface SecondFactorAttempt {
  sessionId: string;
  userId: string;
  username: string;
  ip: string;
  userAgent?: string | null;
  code?: string;
  recoveryCode?: string;
}

export type SecondFactorResult =
  | { ok: true; token: string; sessionId: string; expiresAt: Date; recoveryCodesLeft: number | null }
  | { ok: false; code: "MFA_CODE_INVALID" | "AUTH_THROTTLED" | "AUTH_SESSION_EXPIRED"; retryAfterSeconds?: number };

/**
 * The second step of a sign-in. A session that was waiting for a code is replaced by a new one
 * (a new token once the privilege changes); wrong codes count against the account like wrong
 * passwords, and the waiting session ends after MFA_SESSION_MAX_FAILURES of them.
 */
export async function verifySecondFactor(db: Kysely<Database>, cipher: PersonalDataCipher, attempt: SecondFactorAttempt, now = new Date()): Promise<SecondFactorResult> {
  const throttleName = `mfa:${attempt.username}`;
  const outcome = await withPlatform(db, async (tx) => {
    const retryAfterSeconds = await loginRetryAfter(tx, throttleName, attempt.ip, now);
    if (retryAfterSeconds > 0) return { kind: "throttled" as const, retryAfterSeconds };
    const mfa = await tx
      .selectFrom("user_mfa")
      .select(["totp_secret", "last_counter"])
      .where("user_id", "=", attempt.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!mfa?.totp_secret) return { kind: "invalid" as const, method: "none" };

    if (attempt.recoveryCode !== undefined) {
      const normalized = normalizeRecoveryCode(attempt.recoveryCode);
      const used = normalized
        ? await tx
            .updateTable("user_recovery_code")
            .set({ used_at: now })
            .where("user_id", "=", attempt.userId)
            .where("code_hash", "=", hashRecoveryCode(normalized))
            .where("used_at", "is", null)
            .returning("user_id")
            .executeTakeFirst()
        : undefined;
      if (!used) return { kind: "invalid" as const, method: "recovery_code" };
      const left = await tx
        .selectFrom("user_recovery_code")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", attempt.userId)
        .where("used_at", "is", null)
        .executeTakeFirstOrThrow();
      await recordAudit(tx, {
        actorUserId: attempt.userId,
        actorName: attempt.username,
        action: "mfa.recovery_code.use",
        target: attempt.username,
        outcome: "success",
        ip: attempt.ip,
        detail: { left: Number(left.n) },
      });
      return { kind: "ok" as const, method: "recovery_code", recoveryCodesLeft: Number(left.n) };
    }

    const key = cipher.openSecret(totpBinding(attempt.userId), mfa.totp_secret);
    const counter = matchTotp(key, attempt.code ?? "", now, { lastCounter: mfa.last_counter });
    if (counter === null) return { kind: "invalid" as const, method: "totp" };
    await tx.updateTable("user_mfa").set({ last_counter: counter, updated_at: now }).where("user_id", "=", attempt.userId).execute();
    return { kind: "ok" as const, method: "totp", recoveryCodesLeft: null };
  });

  if (outcome.kind === "throttled") {
    await withPlatform(db, (tx) =>
      recordAudit(tx, { actorUserId: attempt.userId, actorName: attempt.username, action: "mfa.verify", target: attempt.username, outcome: "denied", ip: attempt.ip, detail: { reason: "throttled" } }),
    );
    return { ok: false, code: "AUTH_THROTTLED", retryAfterSeconds: outcome.retryAfterSeconds };
  }

  if (outcome.kind === "invalid") {
    const ended = await withPlatform(db, async (tx) => {
      await recordLoginFailure(tx, throttleName, attempt.ip, now);
      const session = await tx
        .updateTable("user_session")
        .set((eb) => ({ mfa_failures: eb("mfa_failures", "+", 1) }))
        .where("id", "=", attempt.sessionId)
        .returning("mfa_failures")
        .executeTakeFirst();
      const end = !session || session.mfa_failures >= MFA_SESSION_MAX_FAILURES;
      if (end) await tx.deleteFrom("user_session").where("id", "=", attempt.sessionId).execute();
      await recordAudit(tx, {
        actorUserId: attempt.userId,
        actorName: attempt.username,
        action: "mfa.verify",
        target: attempt.username,
        outcome: "failure",
        ip: attempt.ip,
        detail: { method: outcome.method, sessionEnded: end },
      });
      return end;
    });
    return { ok: false, code: ended ? "AUTH_SESSION_EXPIRED" : "MFA_CODE_INVALID" };
  }

  const fresh = await createSession(db, attempt.userId, { ip: attempt.ip, userAgent: attempt.userAgent }, now);
  await withPlatform(db, async (tx) => {
    await tx.deleteFrom("user_session").where("id", "=", attempt.sessionId).execute();
    await clearLoginFailures(tx, throttleName, attempt.ip);
    await recordAudit(tx, {
      actorUserId: attempt.userId,
      actorName: attempt.username,
      action: "mfa.verify",
      target: attempt.username,
      outcome: "success",
      ip: attempt.ip,
      detail: { method: outcome.method },
    });
  });
  return { ok: true, token: fresh.token, sessionId: fresh.sessionId, expiresAt: fresh.expiresAt, recoveryCodesLeft: outcome.recoveryCodesLeft };
}
