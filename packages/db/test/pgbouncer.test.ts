import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgBouncer, startPgBouncer } from "../../../tooling/pgbouncer.mjs";
import { openDatabase, type ShegongDb } from "../src/database.ts";
import { withStation } from "../src/tenant.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

/**
 * Issue 8 item 6: the server runs behind PgBouncer in transaction mode, where consecutive
 * transactions of one client land on whatever server connection is free and one server connection
 * serves many clients. Tenant settings must never outlive their transaction there. Proven with one
 * server connection shared by interleaved transactions of two stations.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ci = process.env.CI === "true" || process.env.CI === "1";
if (onPostgres && !findPgBouncer() && ci) throw new Error("CI=true: the PgBouncer test needs pgbouncer (apt-get install pgbouncer)");

describe.skipIf(!onPostgres || !findPgBouncer())("behind PgBouncer in transaction mode (issue 8 item 6)", () => {
  let dbs: TestDatabases;
  let bouncer: Awaited<ReturnType<typeof startPgBouncer>>;
  let pooled: ShegongDb;
  let a: string;
  let b: string;

  beforeAll(async () => {
    dbs = await createTestDatabases("postgres");
    const login = decodeURIComponent(new URL(dbs.url!).username || "postgres");
    // One server connection for everyone: every transaction below shares it.
    bouncer = await startPgBouncer(dbs.url!, { poolSize: 1, users: [login] });
    // The server's own handle, as DATABASE_URL would point it at the bouncer.
    pooled = await openDatabase({ role: "owner", connectionString: bouncer!.url(login) });

    const rows = await dbs.owner.db
      .insertInto("station")
      .values([
        { division_code: "652301105", slug: "liugong", plaque_name: "昌吉市六工镇社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
        { division_code: "654002001", slug: "saybag", plaque_name: "伊宁市萨依布依街道社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
      ])
      .returning("id")
      .execute();
    [a, b] = rows.map((r) => r.id) as [string, string];
    await dbs.owner.db
      .insertInto("staff_member")
      .values([
        { station_id: a, display_name: "李娜", position: "驻站社工", qualification: null },
        { station_id: b, display_name: "阿依古丽", position: "驻站社工", qualification: null },
      ])
      .execute();
  }, 60_000);

  afterAll(async () => {
    await pooled?.close();
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
