import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { invalidateSession, judgeSessionContext, login, sessionContextProbe } from "@shegong/auth";
import { leaseStationTransaction, openDatabase, readDbEnv } from "@shegong/db";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createDiskFileStore } from "../src/attachments/file-store.ts";
import { createCaller } from "../src/root.ts";
import { citizenId } from "./ids.ts";
import { createWorld, PASSWORD, pii, type World } from "./world.ts";

async function appCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
}

/**
 * A request carries only its cookie's token; the procedure's middleware checks it. A station
 * procedure on PostgreSQL reads the session in its transaction's opening round trip (the lease);
 * on PGlite, before the transaction. Either way the answers are the same.
 */
describe("the session checked by the procedure, from the cookie's token", () => {
  let world: World;
  const files = createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-session-tx-")));
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  const callerWith = (sessionToken: string) =>
    createCaller({ database: world.dbs.app, pii, files, session: null, grants: [], sessionToken, ip: "10.2.2.2", userAgent: "vitest" });
  async function signIn(username: string) {
    const result = await login(world.dbs.app.db, { username, password: PASSWORD, ip: "10.2.2.2" });
    if (!result.ok) throw new Error(result.code);
    return result;
  }
  const sessionRow = (id: string) => world.dbs.owner.db.selectFrom("user_session").select(["id", "last_seen_at"]).where("id", "=", id).executeTakeFirst();

  it("reads its own station, and writes there (committed)", async () => {
    const { token } = await signIn("a.worker");
    const worker = callerWith(token);
    const before = (await worker.people.list({ stationId: world.stations.a })).total;
    const created = await worker.people.create({ stationId: world.stations.a, person: { name: "令牌", citizenId: citizenId("19620202", 211) }, idempotencyKey: `k${Date.now()}` });
    expect((await worker.people.get({ stationId: world.stations.a, personId: created.personId })).name).toBe("令牌");
    expect((await worker.people.list({ stationId: world.stations.a })).total).toBe(before + 1);
    // The person was written under the worker's own id.
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select(["actor_user_id", "station_id"]).where("action", "=", "person.create").where("target", "=", created.personId).executeTakeFirstOrThrow();
    const user = await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_user_id: user.id, station_id: world.stations.a });
  });

  it("refuses another station's procedures (FORBIDDEN), reads and writes alike", async () => {
    const { token } = await signIn("a.worker");
    const worker = callerWith(token);
    expect(await appCodeOf(worker.people.list({ stationId: world.stations.b }))).toBe("FORBIDDEN");
    expect(await appCodeOf(worker.people.create({ stationId: world.stations.b, person: { name: "越界", citizenId: citizenId("19620303", 221) }, idempotencyKey: `k${Date.now()}` }))).toBe("FORBIDDEN");
    const inB = await world.dbs.owner.db.selectFrom("person").select("id").where("name", "=", "越界").execute();
    expect(inB).toEqual([]);
  });

  it("refuses a token with the wrong secret, a signed-out session and a made-up one (AUTH_REQUIRED)", async () => {
    const { token, sessionId } = await signIn("a.worker");
    const [id, secret] = token.split(".") as [string, string];
    const wrongSecret = `${id}.${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    expect(await appCodeOf(callerWith(wrongSecret).people.list({ stationId: world.stations.a }))).toBe("AUTH_REQUIRED");
    expect(await appCodeOf(callerWith("not-a-token").people.list({ stationId: world.stations.a }))).toBe("AUTH_REQUIRED");
    // The right token still works, until it is signed out.
    expect(await appCodeOf(callerWith(token).people.list({ stationId: world.stations.a }))).toBeUndefined();
    await invalidateSession(world.dbs.app.db, sessionId);
    expect(await appCodeOf(callerWith(token).people.list({ stationId: world.stations.a }))).toBe("AUTH_REQUIRED");
    // An unknown session is told so before anything about its input.
    expect(await appCodeOf(callerWith(wrongSecret).people.list({ stationId: "not-a-uuid" }))).toBe("AUTH_REQUIRED");
  });

  it("ends an idle session (deleted) and one whose user was disabled", async () => {
    const idle = await signIn("a.worker");
    await world.dbs.owner.db.updateTable("user_session").set({ last_seen_at: new Date(Date.now() - 3 * 86_400_000) }).where("id", "=", idle.sessionId).execute();
    expect(await appCodeOf(callerWith(idle.token).people.list({ stationId: world.stations.a }))).toBe("AUTH_REQUIRED");
    expect(await sessionRow(idle.sessionId)).toBeUndefined();

    const disabled = await signIn("b.worker");
    await world.dbs.owner.db.updateTable("app_user").set({ disabled_at: new Date() }).where("username", "=", "b.worker").execute();
    try {
      expect(await appCodeOf(callerWith(disabled.token).people.list({ stationId: world.stations.b }))).toBe("AUTH_REQUIRED");
      expect(await sessionRow(disabled.sessionId)).toBeUndefined();
    } finally {
      await world.dbs.owner.db.updateTable("app_user").set({ disabled_at: null }).where("username", "=", "b.worker").execute();
    }
  });

  it("touches the idle clock at most once a minute", async () => {
    const { token, sessionId } = await signIn("a.worker");
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await world.dbs.owner.db.updateTable("user_session").set({ last_seen_at: twoMinutesAgo }).where("id", "=", sessionId).execute();
    await callerWith(token).people.list({ stationId: world.stations.a });
    const touched = (await sessionRow(sessionId))!.last_seen_at;
    expect(touched.getTime()).toBeGreaterThan(twoMinutesAgo.getTime() + 60_000);
    await callerWith(token).people.list({ stationId: world.stations.a });
    expect((await sessionRow(sessionId))!.last_seen_at.getTime()).toBe(touched.getTime());
  });

  it("holds an unfinished sign-in to the procedures that finish it", async () => {
    const { token, sessionId } = await signIn("a.worker");
    await world.dbs.owner.db.updateTable("app_user").set({ must_change_password: true }).where("username", "=", "a.worker").execute();
    try {
      expect(await appCodeOf(callerWith(token).people.list({ stationId: world.stations.a }))).toBe("PASSWORD_CHANGE_REQUIRED");
    } finally {
      await world.dbs.owner.db.updateTable("app_user").set({ must_change_password: false }).where("username", "=", "a.worker").execute();
    }
    await world.dbs.owner.db.updateTable("user_session").set({ mfa_pending: "verify" }).where("id", "=", sessionId).execute();
    expect(await appCodeOf(callerWith(token).people.list({ stationId: world.stations.a }))).toBe("MFA_REQUIRED");
    await world.dbs.owner.db.updateTable("user_session").set({ mfa_pending: "enrol" }).where("id", "=", sessionId).execute();
    expect(await appCodeOf(callerWith(token).people.list({ stationId: world.stations.a }))).toBe("MFA_ENROL_REQUIRED");
  });

  it("a caller kept for many calls sees its session end at once (no check is remembered across calls)", async () => {
    const { token, sessionId } = await signIn("a.worker");
    const worker = callerWith(token);
    expect(await appCodeOf(worker.me.get())).toBeUndefined();
    expect(await appCodeOf(worker.people.list({ stationId: world.stations.a }))).toBeUndefined();
    await invalidateSession(world.dbs.app.db, sessionId);
    expect(await appCodeOf(worker.me.get())).toBe("AUTH_REQUIRED");
    expect(await appCodeOf(worker.people.list({ stationId: world.stations.a }))).toBe("AUTH_REQUIRED");
  });

  it("the real session probe sets the session's user for the leased transaction, after session_context has cleared it", async () => {
    const { token, userId } = await signIn("a.worker");
    const probe = sessionContextProbe(token)!;
    const lease = (await leaseStationTransaction(world.dbs.app.db, world.stations.a, probe.sql, { readOnly: true }))!;
    const judged = judgeSessionContext(probe.parsed, lease.rows[0]);
    expect(judged.kind).toBe("valid");
    const settings = await lease.take()!((tx) =>
      sql<{ user_id: string; station_id: string; role: string }>`select current_setting('app.user_id') as user_id, current_setting('app.station_id') as station_id, current_user as role`.execute(tx),
    );
    expect(settings.rows[0]).toEqual({ user_id: userId, station_id: world.stations.a, role: "shegong_app" });
  });

  // A lease holds a pooled connection: a request that then asked the pool for a second one while
  // every connection was leased would wait forever. A burst larger than the pool, with the idle
  // clock due to be touched (a write of its own), must still finish.
  if (process.env.TEST_DATABASE_URL) {
    it("a burst of station calls larger than the pool finishes, with the session's touch due", async () => {
      const small = await openDatabase({ role: "app", connectionString: world.dbs.url!, env: { ...readDbEnv(), SHEGONG_DB_POOL_SIZE: 3 } });
      try {
        const sessions = await Promise.all(["a.worker", "a.worker", "a.worker"].map((u) => signIn(u)));
        await world.dbs.owner.db.updateTable("user_session").set({ last_seen_at: new Date(Date.now() - 120_000) }).where("id", "in", sessions.map((x) => x.sessionId)).execute();
        const calls = sessions.flatMap(({ token }) => {
          const caller = createCaller({ database: small, pii, files, session: null, grants: [], sessionToken: token, ip: "10.2.2.2", userAgent: "vitest" });
          return Array.from({ length: 4 }, (_, i) => (i % 2 ? caller.people.counts({ stationId: world.stations.a }) : caller.people.list({ stationId: world.stations.a })));
        });
        const stuck = new Promise((_, reject) => setTimeout(() => reject(new Error("the burst did not finish: the pool is deadlocked")), 15_000).unref());
        await Promise.race([Promise.all(calls), stuck]);
      } finally {
        await small.close();
      }
    }, 30_000);
  }

  it("leaves no connection held: many refused and admitted calls in a row, then an ordinary one", async () => {
    const { token } = await signIn("a.worker");
    const worker = callerWith(token);
    for (let i = 0; i < 30; i++) {
      const answer = i % 3 === 0 ? appCodeOf(worker.people.list({ stationId: world.stations.b })) : worker.people.list({ stationId: world.stations.a }).then(() => undefined);
      expect(await answer).toBe(i % 3 === 0 ? "FORBIDDEN" : undefined);
    }
    expect(await appCodeOf(worker.people.counts({ stationId: world.stations.a }))).toBeUndefined();
  });
});
