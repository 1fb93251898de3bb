import { withPlatform } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { hashPassword } from "../src/password.ts";
import { login } from "../src/login.ts";
import { loadActiveGrants } from "../src/grants.ts";
import { invalidateSession, invalidateUserSessions, validateSession, validateSessionWithGrants } from "../src/sessions.ts";
import type { TAuthEnv } from "../src/env.ts";
import { sql } from "kysely";

const PASSWORD = "a long enough passphrase";

describe("login and sessions", () => {
  let dbs: TestDatabases;
  let userId: string;
  beforeAll(async () => {
    dbs = await createTestDatabases();
    const passwordHash = await hashPassword(PASSWORD);
    const rows = await dbs.owner.db
      .insertInto("app_user")
      .values([
        { username: "worker", display_name: "社工", password_hash: passwordHash },
        { username: "victim", display_name: "站长", password_hash: passwordHash },
        { username: "left", display_name: "离职", password_hash: passwordHash },
      ])
      .returning("id")
      .execute();
    userId = rows[0]!.id;
  }, 60_000);
  afterAll(() => dbs?.close());

  const db = () => dbs.app.db;

  it("argon2id with the explicit parameters", async () => {
    expect(await hashPassword("x-y-z-w-v")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("refuses a wrong password and an unknown user alike, and audits both", async () => {
    const wrong = await login(db(), { username: "worker", password: "wrong password!", ip: "10.1.1.1" });
    const unknown = await login(db(), { username: "nobody", password: PASSWORD, ip: "10.1.1.1" });
    expect(wrong).toEqual({ ok: false, code: "AUTH_INVALID_CREDENTIALS" });
    expect(unknown).toEqual({ ok: false, code: "AUTH_INVALID_CREDENTIALS" });
    const audit = await dbs.owner.db.selectFrom("audit_event").select(["action", "outcome", "target"]).where("action", "=", "auth.login").execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "auth.login", outcome: "failure", target: "worker" },
        { action: "auth.login", outcome: "failure", target: "nobody" },
      ]),
    );
  });

  it("signs in, and the session validates until logout", async () => {
    const result = await login(db(), { username: "Worker", password: PASSWORD, ip: "10.1.1.2" });
    if (!result.ok) throw new Error(result.code);
    const session = await validateSession(db(), result.token);
    expect(session?.user.username).toBe("worker");
    const stored = await dbs.owner.db.selectFrom("user_session").selectAll().where("id", "=", result.sessionId).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.secret_hash).toString()).not.toContain(result.token.split(".")[1]);
    await invalidateSession(db(), result.sessionId);
    expect(await validateSession(db(), result.token)).toBeNull();
  });

  it("reads the session with the user's unexpired grants in one call, the same grants the login saw", async () => {
    const t0 = new Date();
    onTestFinished(() => dbs.owner.db.deleteFrom("role_grant").where("user_id", "=", userId).execute().then(() => undefined));
    await dbs.owner.db
      .insertInto("role_grant")
      .values([
        { user_id: userId, role: "county_supervisor", division_code: "652301" },
        { user_id: userId, role: "region_viewer", division_code: "65", expires_at: new Date(t0.getTime() + 5 * 60_000) },
      ])
      .execute();
    const result = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.9" });
    if (!result.ok) throw new Error(result.code);
    const both = await validateSessionWithGrants(db(), result.token, t0);
    expect(both?.session.user.username).toBe("worker");
    const sorted = (grants: { id: string }[]) => [...grants].sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(both!.grants)).toEqual(sorted(await loadActiveGrants(db(), userId, t0)));
    expect(both!.grants.map((g) => g.role).sort()).toEqual(["county_supervisor", "region_viewer"]);
    expect(both!.grants.find((g) => g.role === "region_viewer")?.expiresAt).toBeInstanceOf(Date);
    // Six minutes later the five-minute grant has ended by itself (the session, still owing its
    // second factor for these roles, has 15 minutes).
    const later = await validateSessionWithGrants(db(), result.token, new Date(t0.getTime() + 6 * 60_000));
    expect(later?.grants.map((g) => g.role)).toEqual(["county_supervisor"]);
    // Nothing for a forged secret, even though the session id is real.
    expect(await validateSessionWithGrants(db(), `${result.token.split(".")[0]}.${"b".repeat(32)}`, t0)).toBeNull();
    // The user id the lookup set for the grants' policy does not outlive the call.
    const leftover = await withPlatform(db(), (tx) => sql<{ v: string | null }>`select current_setting('app.user_id', true) as v`.execute(tx));
    expect(leftover.rows[0]?.v ?? "").toBe("");
  });

  it("a forged secret for a real session id is refused", async () => {
    const result = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.2" });
    if (!result.ok) throw new Error(result.code);
    const [id] = result.token.split(".");
    expect(await validateSession(db(), `${id}.${"a".repeat(32)}`)).toBeNull();
  });

  it("ends idle sessions and sessions past their absolute lifetime", async () => {
    const env: TAuthEnv = { SHEGONG_SESSION_IDLE_MINUTES: 30, SHEGONG_SESSION_ABSOLUTE_HOURS: 2 };
    const t0 = new Date("2026-11-26T02:00:00Z");
    const result = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.3" }, t0);
    if (!result.ok) throw new Error(result.code);
    const tokenIdle = result.token;
    expect(await validateSession(db(), tokenIdle, new Date(t0.getTime() + 29 * 60_000), env)).not.toBeNull();
    expect(await validateSession(db(), tokenIdle, new Date(t0.getTime() + 29 * 60_000 + 31 * 60_000), env)).toBeNull();

    // Active every 20 minutes, still ended at the absolute limit (12 h by default: the session was made with it).
    const again = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.3" }, t0);
    if (!again.ok) throw new Error(again.code);
    let now = t0.getTime();
    const active: TAuthEnv = { SHEGONG_SESSION_IDLE_MINUTES: 30, SHEGONG_SESSION_ABSOLUTE_HOURS: 12 };
    while (now + 20 * 60_000 < t0.getTime() + 12 * 3600_000) {
      now += 20 * 60_000;
      expect(await validateSession(db(), again.token, new Date(now), active)).not.toBeNull();
    }
    expect(await validateSession(db(), again.token, new Date(t0.getTime() + 12 * 3600_000 + 1), active)).toBeNull();
  });

  it("disabling a user ends their sessions and refuses their login", async () => {
    const result = await login(db(), { username: "left", password: PASSWORD, ip: "10.1.1.4" });
    if (!result.ok) throw new Error(result.code);
    await dbs.owner.db.updateTable("app_user").set({ disabled_at: new Date() }).where("username", "=", "left").execute();
    expect(await validateSession(db(), result.token)).toBeNull();
    expect(await login(db(), { username: "left", password: PASSWORD, ip: "10.1.1.4" })).toEqual({ ok: false, code: "AUTH_INVALID_CREDENTIALS" });
  });

  it("revoking all of a user's sessions signs them out everywhere", async () => {
    const one = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.5" });
    const two = await login(db(), { username: "worker", password: PASSWORD, ip: "10.1.1.6" });
    if (!one.ok || !two.ok) throw new Error("login");
    expect(await invalidateUserSessions(db(), userId)).toBeGreaterThanOrEqual(2);
    expect(await validateSession(db(), one.token)).toBeNull();
    expect(await validateSession(db(), two.token)).toBeNull();
  });

  it("throttles a guesser, while the real user from elsewhere waits a minute at most", async () => {
    const now = new Date("2026-11-26T03:00:00Z");
    for (let i = 0; i < 5; i++) await login(db(), { username: "victim", password: `guess number ${i}`, ip: "203.0.113.9" }, now);
    const guesser = await login(db(), { username: "victim", password: PASSWORD, ip: "203.0.113.9" }, now);
    expect(guesser).toMatchObject({ ok: false, code: "AUTH_THROTTLED" });
    // The guesser keeps going from many addresses: the account-wide lock stays short.
    for (let i = 0; i < 20; i++) await login(db(), { username: "victim", password: `spray ${i}`, ip: `198.51.100.${i}` }, now);
    const real = await login(db(), { username: "victim", password: PASSWORD, ip: "192.0.2.1" }, now);
    expect(real).toMatchObject({ ok: false, code: "AUTH_THROTTLED" });
    expect((real as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    const later = await login(db(), { username: "victim", password: PASSWORD, ip: "192.0.2.1" }, new Date(now.getTime() + 61_000));
    expect(later.ok).toBe(true);
    // ... while the guesser's own address stays locked out of that account.
    const guesserLater = await login(db(), { username: "victim", password: PASSWORD, ip: "203.0.113.9" }, new Date(now.getTime() + 61_000));
    expect(guesserLater).toMatchObject({ ok: false, code: "AUTH_THROTTLED" });
  });

  it("keeps throttle state in the database, not in memory", async () => {
    const rows = await withPlatform(db(), (tx) => tx.selectFrom("login_throttle").select("key").execute());
    expect(rows.map((r) => r.key)).toContain("pair:victim|203.0.113.9");
  });
});
