import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChains } from "../src/audit.ts";
import { PLATFORM_CHAIN_ID } from "../src/schema.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { withPlatform, withStation } from "../src/tenant.ts";

describe("audit hash chain", () => {
  let dbs: TestDatabases;
  let station: string;
  beforeAll(async () => {
    dbs = await createTestDatabases();
    const row = await dbs.owner.db
      .insertInto("station")
      .values({ division_code: "652301105", slug: "liugong", plaque_name: "p", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" })
      .returning("id")
      .executeTakeFirstOrThrow();
    station = row.id;
    for (let i = 0; i < 5; i++) {
      await withStation(dbs.app.db, station, (tx) => recordAudit(tx, { stationId: station, action: `write.${i}`, outcome: "success", detail: { i } }));
      await withPlatform(dbs.app.db, (tx) => recordAudit(tx, { action: "auth.login", outcome: "failure", target: `user${i}` }));
    }
  }, 60_000);
  afterAll(() => dbs?.close());

  it("numbers each chain from 1 and links every event to the one before", async () => {
    const rows = await dbs.owner.db.selectFrom("audit_event").select(["station_id", "seq"]).orderBy("station_id").orderBy("seq").execute();
    expect(rows.filter((r) => r.station_id === station).map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows.filter((r) => r.station_id === PLATFORM_CHAIN_ID)).toHaveLength(5);
    expect(await verifyAuditChains(dbs.owner.db)).toEqual({ chains: 2, events: 10, firstBreak: null });
  });

  it("names the first broken link when a row is altered behind the application's back", async () => {
    await sql`update audit_event set detail = '{"i": 99}' where station_id = ${station} and seq = 3`.execute(dbs.owner.db);
    const result = await verifyAuditChains(dbs.owner.db);
    expect(result.firstBreak).toEqual({ stationId: station, seq: 3, reason: "hash" });
  });

  it("notices a deleted event as a gap", async () => {
    await sql`update audit_event set detail = '{"i": 2}' where station_id = ${station} and seq = 3`.execute(dbs.owner.db);
    expect((await verifyAuditChains(dbs.owner.db)).firstBreak).toBeNull();
    await sql`delete from audit_event where station_id = ${station} and seq = 4`.execute(dbs.owner.db);
    expect((await verifyAuditChains(dbs.owner.db)).firstBreak).toEqual({ stationId: station, seq: 5, reason: "gap" });
  });
});
