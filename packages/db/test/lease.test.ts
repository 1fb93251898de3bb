import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { leaseStationTransaction, withStation } from "../src/tenant.ts";
import { seedTwoStations } from "./two-stations.ts";

const USER = "7d3c1f0e-0000-4000-8000-000000000001";
/** A probe as the session check writes one: it sets app.user_id for the rest of the transaction. */
const PROBE = `select set_config('app.user_id', '${USER}', true) as app_user_setting, current_setting('app.station_id') as station, current_user as role`;

/** A transaction opened with a probe read in the same round trip, then taken or given up (leaseStationTransaction). */
describe("a leased station transaction", () => {
  let dbs: TestDatabases;
  let a: string;
  let b: string;
  beforeAll(async () => {
    dbs = await createTestDatabases();
    ({ a, b } = await seedTwoStations(dbs.owner));
  }, 60_000);
  afterAll(() => dbs?.close());

  const lease = (stationId: string, readOnly = false) => leaseStationTransaction(dbs.app.db, stationId, PROBE, { readOnly })!;

  it("answers the probe after the settings: the station's scope, the app role", async () => {
    const held = await lease(a, true);
    expect(held.rows).toEqual([{ app_user_setting: USER, station: a, role: "shegong_app" }]);
    await held.giveUp();
  });

  it("runs the work taken into it in that station's scope, with the probe's user, and commits it", async () => {
    const held = await lease(a);
    const run = held.take()!;
    expect(held.take()).toBeNull();
    const seen = await run(async (tx) => {
      await tx.insertInto("staff_member").values({ station_id: a, display_name: "租约", position: "x", qualification: null }).execute();
      const settings = await sql<{ user_id: string; station_id: string }>`select current_setting('app.user_id') as user_id, current_setting('app.station_id') as station_id`.execute(tx);
      return { settings: settings.rows[0], staff: await tx.selectFrom("staff_member").select("display_name").orderBy("display_name").execute() };
    });
    expect(seen.settings).toEqual({ user_id: USER, station_id: a });
    expect(seen.staff.map((s) => s.display_name).sort()).toEqual(["李娜", "租约"].sort());
    // Committed: another transaction sees it; station B still does not.
    expect(await withStation(dbs.app.db, a, (tx) => tx.selectFrom("staff_member").select("display_name").where("display_name", "=", "租约").execute())).toHaveLength(1);
    expect(await withStation(dbs.app.db, b, (tx) => tx.selectFrom("staff_member").select("display_name").where("display_name", "=", "租约").execute())).toEqual([]);
    await held.giveUp(); // taken: nothing more to do
  });

  it("rolls the work back when it fails, and refuses a query that comes after", async () => {
    const held = await lease(a);
    let tx0: Parameters<Parameters<NonNullable<ReturnType<typeof held.take>>>[0]>[0] | undefined;
    await expect(
      held.take()!(async (tx) => {
        tx0 = tx;
        await tx.insertInto("staff_member").values({ station_id: a, display_name: "回滚", position: "x", qualification: null }).execute();
        throw new Error("the work failed");
      }),
    ).rejects.toThrow("the work failed");
    await expect(tx0!.selectFrom("staff_member").select("display_name").execute()).rejects.toThrow(/transaction has ended/);
    expect(await withStation(dbs.app.db, a, (tx) => tx.selectFrom("staff_member").select("display_name").where("display_name", "=", "回滚").execute())).toEqual([]);
  });

  it("given up, it rolls back and gives its connection back: many in a row do not exhaust the pool", async () => {
    for (let i = 0; i < 25; i++) {
      const held = await lease(i % 2 ? a : b, true);
      await held.giveUp();
      expect(held.take()).toBeNull();
    }
    expect(await withStation(dbs.app.db, b, (tx) => tx.selectFrom("staff_member").select("display_name").execute())).toEqual([{ display_name: "阿依古丽" }]);
  });

  it("a read-only lease refuses writes", async () => {
    const held = await lease(a, true);
    await expect(held.take()!((tx) => tx.insertInto("staff_member").values({ station_id: a, display_name: "只读", position: "x", qualification: null }).execute())).rejects.toThrow(/read-only/);
  });

  // A leased connection waits idle in its transaction while the request is judged; the server may
  // end it then (an idle-in-transaction timeout, a failover). The request fails; the process lives.
  if (process.env.TEST_DATABASE_URL) {
    it("a leased connection the server ends fails its work and is not given out again", async () => {
      const held = (await leaseStationTransaction(dbs.app.db, a, "select pg_backend_pid() as pid", { readOnly: true }))!;
      const pid = (held.rows[0] as { pid: number }).pid;
      await sql`select pg_terminate_backend(${pid})`.execute(dbs.owner.db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(held.take()!((tx) => tx.selectFrom("staff_member").select("display_name").execute())).rejects.toThrow();
      // The pool goes on serving, from connections that are alive.
      for (let i = 0; i < 12; i++) {
        expect(await withStation(dbs.app.db, b, (tx) => tx.selectFrom("staff_member").select("display_name").execute())).toEqual([{ display_name: "阿依古丽" }]);
      }
    });
  }

  it("is not offered for a station id that cannot be written into the opening's text", () => {
    expect(leaseStationTransaction(dbs.app.db, "a'; drop table person; --", PROBE)).toBeNull();
  });
});
