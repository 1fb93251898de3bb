import { mkdtempSync, rmSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPersonalDataCipher } from "@shegong/auth";
import { verifyAuditChains, type Database } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentKey, createDiskFileStore, sha256Hex } from "../src/attachments/file-store.ts";
import { seedDemo } from "../src/demo/seed-demo.ts";
import { divisionRollupMismatches, refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { todayInShanghai } from "@shegong/domain";
import { exportStation } from "../src/stations/export-station.ts";
import { importStation } from "../src/stations/import-station.ts";
import { stationTables } from "../src/stations/station-archive.ts";
import { pii } from "./world.ts";

const SLUG = "changjishi-liugongzhen";

async function rowsOf(db: Kysely<Database>, table: string, where: ReturnType<typeof sql>): Promise<string[]> {
  const result = await sql<{ row: string }>`select to_jsonb(t)::text as row from ${sql.table(table)} t where ${where} order by 1`.execute(db);
  return result.rows.map((r) => r.row);
}

/** A station moves whole from one deployment to another: every table it owns compared row by row. */
describe("station export and import", () => {
  let source: TestDatabases;
  let target: TestDatabases;
  let stationId: string;
  const dir = mkdtempSync(join(tmpdir(), "shegong-transfer-"));
  const sourceFiles = createDiskFileStore(join(dir, "source-files"));
  const targetFiles = createDiskFileStore(join(dir, "target-files"));
  const photo = new TextEncoder().encode("a photo of an activity");
  let archive: Uint8Array;

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestDatabases(), createTestDatabases()]);
    await seedDemo(source.owner.db, pii);
    const station = await source.owner.db.selectFrom("station").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    stationId = station.id;
    // An attachment with its bytes in the file store: they travel inside the archive.
    const activity = await source.owner.db.selectFrom("activity").select("id").where("station_id", "=", stationId).executeTakeFirstOrThrow();
    const uploader = await source.owner.db.selectFrom("app_user").select("id").where("username", "=", "liugong.worker").executeTakeFirstOrThrow();
    const sha256 = sha256Hex(photo);
    await sourceFiles.put(attachmentKey(stationId, sha256), photo);
    await source.owner.db
      .insertInto("attachment")
      .values({ station_id: stationId, owner_kind: "activity", owner_id: activity.id, kind: "photo", file_name: "visit.jpg", mime_type: "image/jpeg", byte_size: photo.length, sha256, uploaded_by: uploader.id })
      .execute();
    // Its monthly rollups computed, so the division totals have something to carry.
    while ((await refreshDirtyRollups(source.owner.db, { today: todayInShanghai() })).stations > 0);
  }, 180_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports every table with a station_id, found in the catalog, with the station's members and files", async () => {
    const exported = await exportStation(source.owner.db, SLUG, pii, sourceFiles);
    archive = exported.bytes;
    const tables = await stationTables(source.owner.db);
    for (const table of tables) expect(Object.keys(exported.tables), table.name).toContain(table.name);
    expect(exported.tables.person).toBeGreaterThan(3);
    expect(exported.tables.activity).toBeGreaterThan(0);
    expect(exported.tables.audit_event).toBeGreaterThan(0);
    expect(exported.tables.app_user).toBeGreaterThanOrEqual(4);
    expect(exported.files).toBe(1);
    // Encrypted fields stay encrypted: no ID number appears in the clear.
    const text = gunzipSync(archive).toString("utf8");
    const person = await source.owner.db.selectFrom("person").select("id_cipher").where("station_id", "=", stationId).where("id_cipher", "is not", null).executeTakeFirstOrThrow();
    const clear = pii.decrypt(person.id_cipher as Uint8Array);
    expect(text).not.toContain(clear);
  });

  it("refuses an archive whose checksums fail, or sealed under another key", async () => {
    const text = gunzipSync(archive).toString("utf8");
    const tampered = gzipSync(text.replace('"plaque_name":"昌吉市六工镇社会工作服务站"', '"plaque_name":"昌吉市六工镇社会工作服务站X"'));
    await expect(importStation(target.owner.db, tampered, pii, targetFiles)).rejects.toMatchObject({ code: "ARCHIVE_CHECKSUM" });
    const truncated = gzipSync(text.split("\n").slice(0, -2).join("\n"));
    await expect(importStation(target.owner.db, truncated, pii, targetFiles)).rejects.toMatchObject({ code: "ARCHIVE_CHECKSUM" });
    const otherKey = createPersonalDataCipher(new Uint8Array(32).fill(7));
    await expect(importStation(target.owner.db, archive, otherKey, targetFiles)).rejects.toMatchObject({ code: "ARCHIVE_KEY" });
    expect(await target.owner.db.selectFrom("station").select("id").execute()).toEqual([]);
  });

  it("imports into another deployment losslessly, every table compared row by row", async () => {
    const imported = await importStation(target.owner.db, archive, pii, targetFiles);
    expect(imported.usersCreated).toBeGreaterThanOrEqual(4);
    const where = sql`t.station_id = ${stationId}`;
    for (const table of await stationTables(source.owner.db)) {
      if (["station", "app_user", "contractor"].includes(table.name)) continue;
      const before = await rowsOf(source.owner.db, table.name, where);
      const after = await rowsOf(target.owner.db, table.name, where);
      if (table.name === "audit_event") {
        // The import itself is the chain's next link.
        expect(after.slice(0, before.length).sort()).toEqual(before);
        expect(after.length).toBe(before.length + 1);
        continue;
      }
      expect(after, table.name).toEqual(before);
    }
    expect(await rowsOf(target.owner.db, "station", sql`t.id = ${stationId}`)).toEqual(await rowsOf(source.owner.db, "station", sql`t.id = ${stationId}`));
    // Members arrive as they were; accounts the rows only mention arrive disabled.
    const members = sql`t.id in (select user_id from role_grant where station_id = ${stationId})`;
    expect(await rowsOf(target.owner.db, "app_user", members)).toEqual(await rowsOf(source.owner.db, "app_user", members));
    const others = await target.owner.db.selectFrom("app_user").select(["username", "disabled_at"]).where("id", "not in", (eb) => eb.selectFrom("role_grant").select("user_id").where("station_id", "=", stationId)).execute();
    for (const other of others) expect(other.disabled_at, other.username).not.toBeNull();
    expect(await targetFiles.get(attachmentKey(stationId, sha256Hex(photo)))).toEqual(photo);
    // The chain verifies, and the county, prefecture and region totals include the station.
    expect((await verifyAuditChains(target.owner.db)).firstBreak).toBeNull();
    const months = (await target.owner.db.selectFrom("station_month_fact").select("month").distinct().execute()).map((m) => m.month.slice(0, 7));
    expect(months.length).toBeGreaterThan(0);
    expect(await divisionRollupMismatches(target.owner.db, months)).toEqual([]);
  });

  it("refuses a station that exists already, changing nothing", async () => {
    const count = async () => Number((await sql<{ n: number }>`select count(*)::int as n from person`.execute(target.owner.db)).rows[0]?.n);
    const before = await count();
    await expect(importStation(target.owner.db, archive, pii, targetFiles)).rejects.toMatchObject({ code: "STATION_EXISTS" });
    expect(await count()).toBe(before);
  });
});
