import { loadActiveGrants, login, totpCodeAt, validateSession, verifySecondFactor } from "@shegong/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../src/root.ts";
import { createDiskFileStore } from "../src/attachments/file-store.ts";
import { createWorld, PASSWORD, pii, type World } from "./world.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function appCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { appCode?: string }).appCode;
  }
}

describe("second factor (issue 8 item 4)", () => {
  let world: World;
  const files = createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-mfa-files-")));
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  /** Signs in with the password only and returns what the half-signed-in session can reach. */
  async function passwordOnly(username: string, password = PASSWORD) {
    const result = await login(world.dbs.app.db, { username, password, ip: "10.1.1.1" });
    if (!result.ok) throw new Error(result.code);
    const session = await validateSession(world.dbs.app.db, result.token);
    const grants = await loadActiveGrants(world.dbs.app.db, result.userId);
    return { result, session, caller: createCaller({ database: world.dbs.app, pii, files, session, grants, ip: "10.1.1.1", userAgent: "vitest" }) };
  }

  const auditOf = (action: string, target?: string) =>
    world.dbs.owner.db
      .selectFrom("audit_event")
      .selectAll()
      .where("action", "=", action)
      .$if(target !== undefined, (q) => q.where("target", "=", target!))
      .orderBy("occurred_at")
      .execute();

  it("roles above the station and those who may reveal ID numbers must enrol; others need not", async () => {
    for (const username of ["region.viewer", "changji.pref", "city.sup", "a.admin"]) {
      expect((await passwordOnly(username)).result.ok && (await passwordOnly(username)).result.mfa).toBe("enrol");
    }
    for (const username of ["a.worker", "town.a", "contractor.a", "a.inspector"]) {
      expect((await passwordOnly(username)).result.mfa).toBeNull();
    }
  });

  it("a session waiting to enrol can only enrol; tRPC refuses everything else", async () => {
    const { caller, session } = await passwordOnly("region.admin");
    expect(session?.mfaPending).toBe("enrol");
    expect(await appCodeOf(caller.me.get())).toBe("MFA_ENROL_REQUIRED");
    expect(await appCodeOf(caller.coverage.byDivision({ divisionCode: "65" }))).toBe("MFA_ENROL_REQUIRED");
    expect(await appCodeOf(caller.me.mfa.regenerateRecoveryCodes())).toBe("MFA_ENROL_REQUIRED");
    expect((await caller.me.mfa.status()).required).toBe(true);

    const { secret, uri } = await caller.me.mfa.beginEnrol();
    expect(uri).toContain(`secret=${secret}`);
    const stored = await world.dbs.owner.db.selectFrom("user_mfa").selectAll().where("user_id", "=", session!.user.id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.pending_secret!).toString("latin1")).not.toContain(secret);
    expect(await appCodeOf(caller.me.mfa.confirmEnrol({ code: "000000" }))).toBe("MFA_CODE_INVALID");
    const { recoveryCodes } = await caller.me.mfa.confirmEnrol({ code: totpCodeAt(secret) });
    expect(recoveryCodes).toHaveLength(10);
    // The same session is now a full one (a caller holds its session as read once, so read it again).
    expect(await world.dbs.owner.db.selectFrom("user_session").select("mfa_pending").where("id", "=", session!.sessionId).executeTakeFirstOrThrow()).toEqual({ mfa_pending: null });
    const grants = await loadActiveGrants(world.dbs.app.db, session!.user.id);
    const fullCaller = createCaller({ database: world.dbs.app, pii, files, session: { ...session!, mfaPending: null }, grants, ip: "10.1.1.1", userAgent: "vitest" });
    expect((await fullCaller.me.get()).mfa).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    expect(await auditOf("mfa.enrol", "region.admin")).toEqual(expect.arrayContaining([expect.objectContaining({ outcome: "success" })]));

    // The next sign-in waits for a code: nothing through tRPC, not even enrolment.
    const next = await passwordOnly("region.admin");
    expect(next.result.ok && next.result.mfa).toBe("verify");
    expect(await appCodeOf(next.caller.me.get())).toBe("MFA_REQUIRED");
    expect(await appCodeOf(next.caller.me.mfa.beginEnrol())).toBe("MFA_REQUIRED");
    const ids = { sessionId: next.result.ok ? next.result.sessionId : "", userId: next.session!.user.id, username: "region.admin", ip: "10.1.1.1" };
    // The code used to enrol cannot be used again (same time step).
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...ids, code: totpCodeAt(secret) })).toMatchObject({ ok: false, code: "MFA_CODE_INVALID" });

    // A recovery code works once; the waiting session is replaced by a new one.
    const first = await verifySecondFactor(world.dbs.app.db, pii, { ...ids, recoveryCode: recoveryCodes[0]!.toLowerCase() });
    expect(first).toMatchObject({ ok: true, recoveryCodesLeft: 9 });
    expect(await validateSession(world.dbs.app.db, next.result.ok ? next.result.token : "")).toBeNull();
    const full = await validateSession(world.dbs.app.db, first.ok ? first.token : "");
    expect(full?.mfaPending).toBeNull();
    expect(await auditOf("mfa.recovery_code.use", "region.admin")).toHaveLength(1);

    const again = await passwordOnly("region.admin");
    const againIds = { ...ids, sessionId: again.result.ok ? again.result.sessionId : "" };
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...againIds, recoveryCode: recoveryCodes[0]! })).toMatchObject({ ok: false, code: "MFA_CODE_INVALID" });
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...againIds, code: totpCodeAt(secret, new Date(Date.now() + 30_000)) })).toMatchObject({ ok: true });
  });

  it("a waiting session ends after five wrong codes", async () => {
    const enrolled = await world.as("city.sup"); // enrols through the world helper
    expect((await enrolled.me.mfa.status()).enrolled).toBe(true);
    const { result, session } = await passwordOnly("city.sup");
    const ids = { sessionId: result.sessionId, userId: session!.user.id, username: "city.sup", ip: "10.1.1.2" };
    for (let i = 1; i < 5; i++) expect(await verifySecondFactor(world.dbs.app.db, pii, { ...ids, code: "000000" })).toMatchObject({ code: "MFA_CODE_INVALID" });
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...ids, code: "000000" })).toMatchObject({ code: "AUTH_SESSION_EXPIRED" });
    expect(await validateSession(world.dbs.app.db, result.token)).toBeNull();
  });

  it("anyone may enrol voluntarily and regenerate recovery codes; the old ones stop working", async () => {
    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.me.mfa.regenerateRecoveryCodes())).toBe("MFA_NOT_ENROLLED");
    const { secret } = await worker.me.mfa.beginEnrol();
    const { recoveryCodes: old } = await worker.me.mfa.confirmEnrol({ code: totpCodeAt(secret) });
    const { recoveryCodes: fresh } = await worker.me.mfa.regenerateRecoveryCodes();
    expect(fresh).not.toEqual(old);
    expect(await auditOf("mfa.recovery_codes.regenerate", "a.worker")).toHaveLength(1);
    const { result, session } = await passwordOnly("a.worker");
    const ids = { sessionId: result.sessionId, userId: session!.user.id, username: "a.worker", ip: "10.1.1.3" };
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...ids, recoveryCode: old[0]! })).toMatchObject({ code: "MFA_CODE_INVALID" });
    expect(await verifySecondFactor(world.dbs.app.db, pii, { ...ids, recoveryCode: fresh[0]! })).toMatchObject({ ok: true });
  });

  it("the account's administrator resets a lost second factor, audited; the user enrols again", async () => {
    const supervisee = await world.as("b.admin"); // station admin: enrolled by the world helper
    expect((await supervisee.me.mfa.status()).enrolled).toBe(true);
    const victimId = (await supervisee.me.get()).user.id;
    const pref = await world.as("changji.pref");
    expect(await pref.users.division.resetSecondFactor({ divisionCode: "6523", userId: victimId })).toEqual({ ok: true, hadSecondFactor: true });
    const events = await auditOf("mfa.reset", "b.admin");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_name: "changji.pref", outcome: "success" });
    // Every session ended; the next sign-in must enrol again.
    expect(await world.dbs.owner.db.selectFrom("user_session").select("id").where("user_id", "=", victimId).execute()).toEqual([]);
    expect((await passwordOnly("b.admin")).result).toMatchObject({ ok: true, mfa: "enrol" });
    // Ili's prefecture does not administer Changji's station admin.
    const ili = await world.as("ili.pref");
    expect(await appCodeOf(ili.users.division.resetSecondFactor({ divisionCode: "6540", userId: victimId }))).toBe("NOT_FOUND");
  });

  it("an initial password must be changed before anything else (ASVS 5)", async () => {
    const admin = await world.as("a.admin");
    await admin.users.station.create({
      stationId: world.stations.a,
      username: "fresh.worker",
      displayName: "新人",
      password: "initial passphrase 2026",
      role: "social_worker",
      idempotencyKey: "k-fresh-worker-1",
    });
    const { caller } = await passwordOnly("fresh.worker", "initial passphrase 2026");
    expect(await appCodeOf(caller.me.get())).toBe("PASSWORD_CHANGE_REQUIRED");
    expect(await appCodeOf(caller.people.list({ stationId: world.stations.a }))).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await caller.me.mfa.status()).required).toBe(false);
    await caller.me.changePassword({ currentPassword: "initial passphrase 2026", newPassword: "my own long passphrase" });
    const after = await passwordOnly("fresh.worker", "my own long passphrase");
    expect((await after.caller.me.get()).user.mustChangePassword).toBe(false);
  });
});
