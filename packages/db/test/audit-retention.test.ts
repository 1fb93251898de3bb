import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChains } from "../src/audit.ts";
import {
  AUDIT_RETENTION_MIN_MONTHS,
  AuditChainBrokenError,
  auditRetentionCutoff,
  auditSigningKey,
  exportAuditEvents,
  generateAuditSigningSeed,
  pruneAuditEvents,
  verifyAuditExport,
} from "../src/audit-retention.ts";
import { PLATFORM_CHAIN_ID } from "../src/schema.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { withPlatform, withStation } from "../src/tenant.ts";

describe("audit retention, signed export and pruning", () => {
  let dbs: TestDatabases;
  let station: string;
  const key = auditSigningKey(generateAuditSigningSeed());

  async function exportText(since: Date): Promise<string> {
    const lines: string[] = [];
    await exportAuditEvents(dbs.owner.db, { since, key, writeLine: (l) => void lines.push(l) });
    return lines.join("\n") + "\n";
  }

  beforeAll(async () => {
    dbs = await createTestDatabases();
    const row = await dbs.owner.db
      .insertInto("station")
      .values({ division_code: "652301105", slug: "liugong", plaque_name: "p", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" })
      .returning("id")
      .executeTakeFirstOrThrow();
    station = row.id;
    for (let i = 0; i < 6; i++) {
      // Text that tests the receiver's recomputation: Chinese, quotes, a pipe, nulls, nested detail.
      await withStation(dbs.app.db, station, (tx) =>
        recordAudit(tx, { stationId: station, action: `write.${i}`, target: i % 2 ? null : `张三 "|" ${i}`, outcome: "success", detail: { i, nested: { 名: "值", n: [1, 2] } } }),
      );
      await withPlatform(dbs.app.db, (tx) => recordAudit(tx, { action: "auth.login", outcome: "failure", target: `user${i}`, ip: "10.0.0.1" }));
    }
  }, 60_000);
  afterAll(() => dbs?.close());

  it("never lets retention be configured below six months", () => {
    expect(AUDIT_RETENTION_MIN_MONTHS).toBe(6);
    expect(() => auditRetentionCutoff(5)).toThrow(/at least 6 months/);
    expect(auditRetentionCutoff(6, new Date("2026-11-27T00:00:00Z")).toISOString()).toBe("2026-05-27T00:00:00.000Z");
  });

  it("exports signed JSON lines that a receiver verifies, recomputing every hash", async () => {
    const text = await exportText(new Date(0));
    const lines = text.trim().split("\n");
    expect(lines).toHaveLength(1 + 12 + 1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ type: "header", publicKey: key.publicKey });
    expect(verifyAuditExport(text, key.publicKey)).toEqual({ ok: true, events: 12, problems: [] });
    // Another system's key, an altered line, a dropped line: each is caught.
    const other = auditSigningKey(generateAuditSigningSeed());
    expect(verifyAuditExport(text, other.publicKey).ok).toBe(false);
    const altered = text.replace('"write.2"', '"write.9"');
    expect(verifyAuditExport(altered, key.publicKey).problems.join()).toMatch(/bad signature/);
    const dropped = lines.filter((_, i) => i !== 3).join("\n");
    expect(verifyAuditExport(dropped, key.publicKey).ok).toBe(false);
    expect(verifyAuditExport(lines.slice(0, -1).join("\n"), key.publicKey).problems).toContain("no trailer: the export is incomplete");
  });

  it("exports only the events since the moment asked", async () => {
    const text = await exportText(new Date(Date.now() + 60_000));
    expect(verifyAuditExport(text, key.publicKey)).toMatchObject({ ok: true, events: 0 });
  });

  it("prunes the old head of each chain behind a checkpoint, keeping every chain verifiable", async () => {
    const dry = await pruneAuditEvents(dbs.owner.db, { cutoff: new Date(Date.now() + 1000), dryRun: true });
    expect(dry.pruned).toBe(10);
    expect(await dbs.owner.db.selectFrom("audit_event").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual({ n: 12 });

    const result = await pruneAuditEvents(dbs.owner.db, { cutoff: new Date(Date.now() + 1000) });
    // Each chain keeps its newest event, which the next insert links to.
    expect(result.chains.map((c) => c.pruned).sort()).toEqual([5, 5]);
    const left = await dbs.owner.db.selectFrom("audit_event").select(["station_id", "seq"]).orderBy("station_id").orderBy("seq").execute();
    expect(left.map((r) => [r.station_id, Number(r.seq)])).toEqual([
      [PLATFORM_CHAIN_ID, 6],
      [PLATFORM_CHAIN_ID, 7],
      [station, 6],
    ]);
    expect((await verifyAuditChains(dbs.owner.db)).firstBreak).toBeNull();
    await withStation(dbs.app.db, station, (tx) => recordAudit(tx, { stationId: station, action: "write.after", outcome: "success" }));
    expect(await verifyAuditChains(dbs.owner.db)).toMatchObject({ events: 4, firstBreak: null });
    const checkpoint = await dbs.owner.db.selectFrom("audit_checkpoint").select(["through_seq", "pruned_events"]).where("station_id", "=", station).executeTakeFirstOrThrow();
    expect(checkpoint).toEqual({ through_seq: 5, pruned_events: 5 });
    expect(verifyAuditExport(await exportText(new Date(0)), key.publicKey)).toMatchObject({ ok: true, events: 4 });
  });

  it("refuses to export or prune a broken chain", async () => {
    await sql`update audit_event set action = 'forged' where station_id = ${station} and seq = 6`.execute(dbs.owner.db);
    await expect(exportText(new Date(0))).rejects.toBeInstanceOf(AuditChainBrokenError);
    await expect(pruneAuditEvents(dbs.owner.db, { cutoff: new Date(Date.now() + 1000) })).rejects.toThrow(/broken at seq 6/);
    // A pruned-away prefix cannot be faked either: the checkpoint fixes where the chain starts.
    await sql`update audit_event set action = 'write.5' where station_id = ${station} and seq = 6`.execute(dbs.owner.db);
    expect((await verifyAuditChains(dbs.owner.db)).firstBreak).toBeNull();
    await sql`update audit_checkpoint set through_seq = 4 where station_id = ${station}`.execute(dbs.owner.db);
    expect((await verifyAuditChains(dbs.owner.db)).firstBreak).toEqual({ stationId: station, seq: 6, reason: "gap" });
  });
});
