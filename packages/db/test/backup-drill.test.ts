import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "../src/audit.ts";
import { createBackup, drillBackup, listBackups, readBackupManifest, restoreBackup, type BackupSource } from "../src/backup.ts";
import { openDatabase, openPglite } from "../src/database.ts";
import { loadDivisions } from "../src/divisions.ts";
import { migrateToLatest } from "../src/migrate.ts";
import type { Database } from "../src/schema.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";
import { withStation } from "../src/tenant.ts";

const scratch = mkdtempSync(join(tmpdir(), "shegong-backup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function fill(db: Kysely<Database>, slug: string, events: number): Promise<string> {
  const station = await db
    .insertInto("station")
    .values({ division_code: "652301105", slug, plaque_name: "六工镇社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (let i = 0; i < events; i++) {
    await withStation(db, station.id, (tx) => recordAudit(tx, { stationId: station.id, action: `write.${i}`, outcome: "success", detail: { i } }));
  }
  return station.id;
}

function attachmentFiles(dir: string, stationId: string) {
  const bytes = Buffer.from("a signed form");
  const sha = createHash("sha256").update(bytes).digest("hex");
  mkdirSync(join(dir, stationId, sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(dir, stationId, sha.slice(0, 2), sha), bytes);
}

/** The same drill on both databases: back up, restore into scratch, compare; then catch each kind of damage. */
async function drillScenario(source: BackupSource, open: () => Promise<{ db: Kysely<Database>; close: () => Promise<void> }>) {
  const backupDir = join(scratch, `${source.kind}-backups`);
  const filesDir = join(scratch, `${source.kind}-files`);
  let stationId: string;
  {
    const { db, close } = await open();
    stationId = await fill(db, "liugong", 7);
    await close();
  }
  attachmentFiles(filesDir, stationId);

  const { dir, manifest } = await createBackup({ source, backupDir, filesDir });
  expect(manifest.tables.station).toBe(1);
  expect(manifest.tables.audit_event).toBe(7);
  expect(manifest.auditHeads[stationId]?.seq).toBe(7);
  expect(manifest.files).toMatchObject({ count: 1 });
  expect(listBackups(backupDir)).toEqual([dir]);

  // The source moves on after the backup: the drill still finds the backed-up heads in it.
  {
    const { db, close } = await open();
    await withStation(db, stationId, (tx) => recordAudit(tx, { stationId, action: "after.backup", outcome: "success" }));
    await close();
  }
  const drill = await drillBackup({ backupDir, source });
  expect(drill.mismatches).toEqual([]);
  expect(drill.tablesCompared).toBeGreaterThan(40);
  expect(drill.chainsCompared).toBe(1);
  expect(drill.sourceLinksFound).toBe(1);

  // A count that differs from what was restored is a mismatch (here: the manifest is edited).
  const manifestPath = join(dir, "manifest.json");
  const original = readFileSync(manifestPath, "utf8");
  writeFileSync(manifestPath, JSON.stringify({ ...readBackupManifest(dir), tables: { ...manifest.tables, station: 2 } }));
  expect((await drillBackup({ backupDir, source })).mismatches).toEqual(["table station: 2 rows in the source, 1 restored"]);
  writeFileSync(manifestPath, original);

  // The live chain rewritten since the backup.
  {
    const { db, close } = await open();
    await sql`update audit_event set hash = sha256(hash) where station_id = ${stationId} and seq = 7`.execute(db);
    await close();
  }
  expect((await drillBackup({ backupDir, source })).mismatches).toEqual([`audit chain ${stationId}: #7 differs between the backup and the live source`]);

  // A damaged dump is caught by its checksum before anything is restored.
  const dumpPath = join(dir, manifest.dump.file);
  const dump = readFileSync(dumpPath);
  const damaged = Buffer.from(dump);
  damaged[damaged.length >> 1] = (damaged[damaged.length >> 1] as number) ^ 0xff;
  writeFileSync(dumpPath, damaged);
  expect((await drillBackup({ backupDir, source })).mismatches).toContain(`the dump ${manifest.dump.file} does not match its SHA-256`);
  writeFileSync(dumpPath, dump);
  return { dir, stationId };
}

describe("backups and the restore drill", () => {
  it("PGlite: backs up the data folder, drills it, restores it into a new folder", async () => {
    const dataDir = join(scratch, "pglite-data");
    const instance = await openPglite(dataDir);
    const owner = await openDatabase({ role: "owner", pglite: instance });
    await migrateToLatest(owner.db);
    await loadDivisions(owner.db, "xinjiang");
    await instance.close();
    const source: BackupSource = { kind: "pglite", dataDir };
    const open = async () => {
      const pglite = await openPglite(dataDir);
      return { db: (await openDatabase({ role: "owner", pglite })).db, close: () => pglite.close() };
    };
    const { dir, stationId } = await drillScenario(source, open);

    const restoredDir = join(scratch, "pglite-restored");
    const restoredFiles = join(scratch, "pglite-restored-files");
    await restoreBackup(dir, { kind: "pglite", dataDir: restoredDir }, { filesDir: restoredFiles });
    const restored = await openPglite(restoredDir);
    const count = await restored.query<{ n: number }>("select count(*)::int as n from audit_event where station_id = $1", [stationId]);
    expect(count.rows[0]?.n).toBe(7);
    await restored.close();
    expect(listBackups(join(scratch, "nowhere"))).toEqual([]);
    await expect(restoreBackup(dir, { kind: "pglite", dataDir: restoredDir })).rejects.toThrow(/not empty/);
  }, 180_000);

  // Defined only in the PostgreSQL pass (where pg_dump has a server to dump), so the embedded pass
  // reports nothing skipped.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : null;
  onPostgres?.("PostgreSQL: pg_dump in the manifest's snapshot, drilled in a scratch database, restored", async () => {
    const dbs: TestDatabases = await createTestDatabases("postgres");
    const target: TestDatabases = await createTestDatabases("postgres");
    try {
      const url = dbs.url as string;
      const source: BackupSource = { kind: "postgres", url };
      const open = async () => {
        const handle = await openDatabase({ role: "owner", connectionString: url });
        return { db: handle.db, close: () => handle.close() };
      };
      const { dir } = await drillScenario(source, open);
      // A database that already has tables is refused; restoring is for a new, empty database.
      await expect(restoreBackup(dir, { kind: "postgres", url: target.url as string })).rejects.toThrow(/not empty/);
    } finally {
      await target.close();
      await dbs.close();
    }
  }, 180_000);
});
