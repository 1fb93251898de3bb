import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { seedTwoStations } from "./two-stations.ts";
import { withDivisionScope, withPlatform, withStation } from "../src/tenant.ts";

/** RLS as the wall behind the application's checks: even a query that forgets its filter sees one station. */
describe("station transactions and row-level security", () => {
  let dbs: TestDatabases;
  let a: string;
  let b: string;
  beforeAll(async () => {
    dbs = await createTestDatabases();
    ({ a, b } = await seedTwoStations(dbs.owner));
  }, 60_000);
  afterAll(() => dbs?.close());

  it("a station transaction sees only its own rows, even unfiltered", async () => {
    const seen = await withStation(dbs.app.db, a, (tx) => tx.selectFrom("staff_member").select(["station_id", "display_name"]).execute());
    expect(seen).toEqual([{ station_id: a, display_name: "李娜" }]);
  });

  it("a query that comes after its transaction ended is refused, not run in whatever holds the connection next", async () => {
    let late: Promise<unknown> = Promise.resolve();
    await expect(
      withStation(dbs.app.db, a, async (tx) => {
        // One branch of a Promise.all fails while another still has a query to send.
        late = (async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return tx.insertInto("staff_member").values({ station_id: a, display_name: "迟到", position: "x", qualification: null }).execute();
        })();
        await Promise.all([late, Promise.reject(new Error("the other branch failed"))]);
      }),
    ).rejects.toThrow("the other branch failed");
    // Meanwhile the connection went back to the pool and serves station B.
    const b1 = withStation(dbs.app.db, b, (tx) => tx.selectFrom("staff_member").select("display_name").execute());
    await expect(late).rejects.toThrow(/transaction has ended/);
    expect(await b1).toEqual([{ display_name: "阿依古丽" }]);
    expect(await withStation(dbs.app.db, a, (tx) => tx.selectFrom("staff_member").select("display_name").where("display_name", "=", "迟到").execute())).toEqual([]);
  });

  it("values that are not a UUID or a division code never enter the opening's text, and still scope the transaction", async () => {
    await expect(withStation(dbs.app.db, "a'); drop table station; --", (tx) => tx.selectFrom("staff_member").selectAll().execute())).rejects.toThrow(/uuid/);
    expect(await withStation(dbs.app.db, a.toUpperCase(), (tx) => tx.selectFrom("staff_member").select("display_name").execute())).toEqual([{ display_name: "李娜" }]);
  });

  it("no station set: no station rows", async () => {
    const seen = await withPlatform(dbs.app.db, (tx) => tx.selectFrom("staff_member").selectAll().execute());
    expect(seen).toEqual([]);
  });

  it("writing another station's row is refused by the database", async () => {
    await expect(
      withStation(dbs.app.db, a, (tx) => tx.insertInto("staff_member").values({ station_id: b, display_name: "x", position: "x", qualification: null }).execute()),
    ).rejects.toThrow(/row-level security/);
    const updated = await withStation(dbs.app.db, a, (tx) =>
      tx.updateTable("staff_member").set({ display_name: "hijacked" }).where("station_id", "=", b).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
  });

  it("a division scope sees the stations under it only", async () => {
    const changji = await withDivisionScope(dbs.app.db, "6523", (tx) => tx.selectFrom("staff_member").select("display_name").execute());
    expect(changji).toEqual([{ display_name: "李娜" }]);
    await expect(
      withDivisionScope(dbs.app.db, "6523", (tx) =>
        tx.insertInto("station").values({ division_code: "654002002", slug: "elsewhere", plaque_name: "x", status: "planned", status_since: "2026-01-01", primary_color: "#000000" }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("the station setting is transaction-local: nothing leaks to the next transaction", async () => {
    await withStation(dbs.app.db, a, async () => undefined);
    const after = await withPlatform(dbs.app.db, (tx) =>
      sql<{ station: string | null; role: string }>`select nullif(current_setting('app.station_id', true), '') as station, current_user as role`.execute(tx),
    );
    expect(after.rows[0]?.station ?? null).toBeNull();
    expect(after.rows[0]?.role).toBe("shegong_app");
  });

  it("the server's role cannot rewrite or delete the audit log", async () => {
    await withStation(dbs.app.db, a, (tx) =>
      tx.insertInto("audit_event").values({ station_id: a, action: "test", outcome: "success", detail: "{}", actor_user_id: null, actor_name: null, target: null, ip: null }).execute(),
    );
    await expect(withStation(dbs.app.db, a, (tx) => tx.updateTable("audit_event").set({ action: "forged" }).execute())).rejects.toThrow(/permission denied/);
    await expect(withStation(dbs.app.db, a, (tx) => tx.deleteFrom("audit_event").execute())).rejects.toThrow(/permission denied/);
  });
});
