import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgBouncer, startPgBouncer } from "../../../tooling/pgbouncer.mjs";
import { openDatabase, type ShegongDb } from "../src/database.ts";
import { withStation } from "../src/tenant.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { seedTwoStations } from "./two-stations.ts";

/**
 * Issue 8 item 6: the server runs behind PgBouncer in transaction mode, where consecutive
 * transactions of one client land on whatever server connection is free and one server connection
 * serves many clients. Tenant settings must never outlive their transaction there. Proven with one
 * server connection shared by interleaved transactions of two stations.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ci = process.env.CI === "true" || process.env.CI === "1";
if (onPostgres && !findPgBouncer() && ci) throw new Error("CI=true: the PgBouncer test needs pgbouncer (apt-get install pgbouncer)");

// Without PgBouncer outside CI the PostgreSQL pass has nothing to put in front of the server; the
// embedded database's one connection, shared by every request, is the same case and always runs.
const viaBouncer = onPostgres && findPgBouncer() !== null;

describe.skipIf(onPostgres && !viaBouncer)(`one server connection shared by many transactions: ${viaBouncer ? "PgBouncer in transaction mode" : "the embedded database"} (issue 8 item 6)`, () => {
  let dbs: TestDatabases;
  let bouncer: Awaited<ReturnType<typeof startPgBouncer>>;
  let pooled: ShegongDb;
  let a: string;
  let b: string;

  beforeAll(async () => {
    dbs = await createTestDatabases();
    if (viaBouncer) {
      const login = decodeURIComponent(new URL(dbs.url!).username || "postgres");
      // One server connection for everyone: every transaction below shares it.
      bouncer = await startPgBouncer(dbs.url!, { poolSize: 1, users: [login] });
      // The server's own handle, as DATABASE_URL would point it at the bouncer.
      pooled = await openDatabase({ role: "owner", connectionString: bouncer!.url(login) });
    } else {
      pooled = dbs.owner;
    }

    ({ a, b } = await seedTwoStations(dbs.owner));
  }, 60_000);

  afterAll(async () => {
    if (viaBouncer) await pooled?.close();
    await bouncer?.stop();
    await dbs?.close();
  });

  it("interleaved transactions of two stations over one server connection each see only their own rows", async () => {
    const backends = new Set<number>();
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const station = i % 2 === 0 ? a : b;
        return withStation(pooled.db, station, async (tx) => {
          const { rows } = await sql<{ pid: number; station: string; role: string }>`
            select pg_backend_pid() as pid, current_setting('app.station_id', true) as station, current_user as role, pg_sleep(0.002)`.execute(tx);
          backends.add(rows[0]!.pid);
          const staff = await tx.selectFrom("staff_member").select(["station_id", "display_name"]).execute();
          return { station, setting: rows[0]!.station, role: rows[0]!.role, staff };
        });
      }),
    );
    // One server connection served all forty: the sharing really happened.
    expect(backends.size).toBe(1);
    for (const s of seen) {
      expect(s.setting).toBe(s.station);
      expect(s.role).toBe("shegong_app");
      expect(s.staff).toEqual([{ station_id: s.station, display_name: s.station === a ? "李娜" : "阿依古丽" }]);
    }
  });

  it("nothing of a transaction survives it on the shared connection: no station, no role", async () => {
    await withStation(pooled.db, a, (tx) => tx.selectFrom("staff_member").selectAll().execute());
    const after = await sql<{ station: string | null; role: string }>`select current_setting('app.station_id', true) as station, current_user as role`.execute(pooled.db);
    expect(after.rows[0]!.station ?? "").toBe("");
    expect(after.rows[0]!.role).not.toBe("shegong_app");
    // And a failed transaction rolls its settings back too.
    await expect(
      withStation(pooled.db, b, async (tx) => {
        await tx.selectFrom("staff_member").selectAll().execute();
        throw new Error("the request failed");
      }),
    ).rejects.toThrow("the request failed");
    const afterFailure = await sql<{ station: string | null }>`select current_setting('app.station_id', true) as station`.execute(pooled.db);
    expect(afterFailure.rows[0]!.station ?? "").toBe("");
  });
});
