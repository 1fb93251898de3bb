import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { verifyAuditChains } from "./audit.ts";
import { openDatabase, openPglite } from "./database.ts";
import type { Database } from "./schema.ts";

/**
 * Backups that are proven (issue 8 item 1). A backup is a folder: the database dump (PostgreSQL
 * custom format from pg_dump, or PGlite's data-folder tarball), a copy of the attachment files,
 * and manifest.json, written last, with the dump's SHA-256 and the source's row counts per table
 * and audit-chain heads taken in the dump's own snapshot. The drill restores the dump into a
 * scratch database and compares.
 */

export const BACKUP_FORMAT = "shegong-backup";

export interface DatabaseInventory {
  /** Rows per base table in the public schema, counted in one snapshot. */
  tables: Record<string, number>;
  /** Each audit chain's newest link. */
  auditHeads: Record<string, { seq: number; hash: string }>;
  /** The newest applied migration. */
  schema: string | null;
}

export interface BackupManifest extends DatabaseInventory {
  format: typeof BACKUP_FORMAT;
  version: 1;
  kind: "pglite" | "postgres";
  createdAt: string;
  dump: { file: string; bytes: number; sha256: string };
  /** Attachment files copied beside the dump (named by their SHA-256), or null when none were kept. */
  files: { count: number; bytes: number } | null;
}

/** Counts and chain heads as the owner sees them (the owner bypasses row-level security). */
export async function databaseInventory(db: Kysely<Database>): Promise<DatabaseInventory> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(row.rows[0]?.n ?? 0);
  }
  const heads = await sql<{ station_id: string; seq: number; hash: string }>`
    select distinct on (station_id) station_id::text, seq, encode(hash, 'hex') as hash
    from audit_event order by station_id, seq desc`.execute(db);
  const schema = counts.kysely_migration
    ? ((await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db)).rows[0]?.name ?? null)
    : null;
  return {
    tables: counts,
    auditHeads: Object.fromEntries(heads.rows.map((h) => [h.station_id, { seq: Number(h.seq), hash: h.hash }])),
    schema,
  };
}

/** The newest PostgreSQL client tool: Debian's versioned binaries first (pg_dump must not be older than the server), then PATH. */
export function findPgTool(name: "pg_dump" | "pg_restore"): string {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, "bin", name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], "bin", name);
  }
  return name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => reject(new Error(`${basename(command)} could not start: ${error.message} (install postgresql-client)`)));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${basename(command)} exited with ${code}: ${stderr.trim()}`))));
  });
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith(".part")) found.push(join(entry.parentPath, entry.name));
  }
  return found;
}

export type BackupSource =
  | { kind: "postgres"; url: string }
  /** The embedded database: the caller holds the folder (one process at a time). */
  | { kind: "pglite"; dataDir: string };

export interface BackupOptions {
  source: BackupSource;
  /** Where backup folders go; each backup is a new folder in it. */
  backupDir: string;
  /** The attachment store's folder, copied beside the dump. */
  filesDir?: string;
  now?: Date;
}

/** Takes a backup; returns its folder and manifest. The folder is complete once manifest.json exists. */
export async function createBackup(options: BackupOptions): Promise<{ dir: string; manifest: BackupManifest }> {
  const createdAt = options.now ?? new Date();
  const name = `shegong-${stamp(createdAt)}`;
  const partial = join(options.backupDir, `.${name}.partial`);
  const dir = join(options.backupDir, name);
  if (existsSync(dir)) throw new Error(`${dir} exists already`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const { file, inventory } = options.source.kind === "postgres" ? await dumpPostgres(options.source.url, partial) : await dumpPglite(options.source.dataDir, partial);
    let files: BackupManifest["files"] = null;
    // PGlite's tarball already holds everything inside its data folder (files/ and pii.key included).
    const filesInsideDump = options.source.kind === "pglite" && options.filesDir !== undefined && isInside(options.filesDir, options.source.dataDir);
    if (options.filesDir && existsSync(options.filesDir) && !filesInsideDump) {
      // After the snapshot: a file stored meanwhile comes along (harmless); none the snapshot names is missing,
      // since the attachment code stores the bytes before the row that names them commits.
      cpSync(options.filesDir, join(partial, "files"), { recursive: true, filter: (src) => !src.endsWith(".part") });
      const copied = listFiles(join(partial, "files"));
      files = { count: copied.length, bytes: copied.reduce((sum, f) => sum + statSync(f).size, 0) };
    }
    const path = join(partial, file);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      kind: options.source.kind,
      createdAt: createdAt.toISOString(),
      dump: { file, bytes: statSync(path).size, sha256: await sha256File(path) },
      files,
      ...inventory,
    };
    writeFileSync(join(partial, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    renameSync(partial, dir);
    return { dir, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * pg_dump in the snapshot of a repeatable-read transaction that also counts the rows, so the
 * manifest describes exactly the dump even while the server keeps writing.
 */
async function dumpPostgres(url: string, into: string): Promise<{ file: string; inventory: DatabaseInventory }> {
  const file = "database.pgdump";
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await db.connection().execute(async (conn) => {
      await sql`begin isolation level repeatable read read only`.execute(conn);
      try {
        const snapshot = (await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(conn)).rows[0]?.id as string;
        const inventory = await databaseInventory(conn);
        await run(findPgTool("pg_dump"), ["--format=custom", `--snapshot=${snapshot}`, `--file=${join(into, file)}`, `--dbname=${url}`]);
        return { file, inventory };
      } finally {
        await sql`commit`.execute(conn);
      }
    });
  } finally {
    await db.destroy();
  }
}

async function dumpPglite(dataDir: string, into: string): Promise<{ file: string; inventory: DatabaseInventory }> {
  const file = "pglite.tar.gz";
  const instance = await openPglite(dataDir);
  try {
    const inventory = await databaseInventory((await openDatabase({ role: "owner", pglite: instance })).db);
    const dump = await instance.dumpDataDir("gzip");
    writeFileSync(join(into, file), new Uint8Array(await dump.arrayBuffer()));
    return { file, inventory };
  } finally {
    await instance.close();
  }
}

/** The backup folders in a directory, newest last (their names sort by time). */
export function listBackups(backupDir: string): string[] {
  if (!existsSync(backupDir)) return [];
  return readdirSync(backupDir)
    .filter((name) => name.startsWith("shegong-") && existsSync(join(backupDir, name, "manifest.json")))
    .sort()
    .map((name) => join(backupDir, name));
}

export function readBackupManifest(dir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1) throw new Error(`${dir} is not a Shegong backup`);
  return manifest;
}

/** The dump's checksum and every kept file's content against its name. */
export async function checkBackupIntegrity(dir: string, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  const dumpPath = join(dir, manifest.dump.file);
  if (!existsSync(dumpPath)) return [`the dump ${manifest.dump.file} is missing`];
  if ((await sha256File(dumpPath)) !== manifest.dump.sha256) problems.push(`the dump ${manifest.dump.file} does not match its SHA-256`);
  const files = listFiles(join(dir, "files"));
  if (manifest.files && files.length !== manifest.files.count) problems.push(`files: ${manifest.files.count} kept, ${files.length} present`);
  for (const path of files) {
    const name = basename(path);
    if (/^[0-9a-f]{64}$/.test(name) && (await sha256File(path)) !== name) problems.push(`file ${path} does not match its SHA-256`);
  }
  return problems;
}

export type RestoreTarget =
  /** An empty database; the backup's owner roles are not needed (--no-owner), shegong_app must exist (infra/postgres/roles.sql). */
  | { kind: "postgres"; url: string }
  /** A folder that does not exist yet or is empty, or "memory://" (the drill). */
  | { kind: "pglite"; dataDir: string };

/** Restores a backup's dump, all or nothing, into an empty target. */
export async function restoreBackup(dir: string, target: RestoreTarget, options: { filesDir?: string } = {}): Promise<BackupManifest> {
  const manifest = readBackupManifest(dir);
  const problems = await checkBackupIntegrity(dir, manifest);
  if (problems.length > 0) throw new Error(`backup ${dir} fails its checks: ${problems.join("; ")}`);
  if (manifest.kind !== target.kind) throw new Error(`a ${manifest.kind} backup cannot be restored into ${target.kind}`);
  const dumpPath = join(dir, manifest.dump.file);
  if (target.kind === "postgres") {
    const db = await openDatabase({ role: "owner", connectionString: target.url });
    try {
      const tables = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(db.db);
      if (Number(tables.rows[0]?.n) > 0) throw new Error("the target database is not empty: restore into a new database");
      // The schema's functions and the app role must exist before the grants that name it.
      // (Another database of the cluster may create it at the same moment: then it exists.)
      await sql.raw(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'shegong_app') then
        begin create role shegong_app nologin nosuperuser nobypassrls;
        exception when duplicate_object or unique_violation then null; end; end if; end $$`).execute(db.db);
    } finally {
      await db.close();
    }
    await run(findPgTool("pg_restore"), ["--no-owner", "--exit-on-error", "--single-transaction", `--dbname=${target.url}`, dumpPath]);
  } else {
    if (target.dataDir !== "memory://" && existsSync(target.dataDir) && readdirSync(target.dataDir).length > 0) {
      throw new Error(`${target.dataDir} is not empty: restore into a new folder`);
    }
    const instance = await openPglite(target.dataDir, { loadDataDir: new Blob([readFileSync(dumpPath)]) });
    await instance.close();
  }
  if (options.filesDir && existsSync(join(dir, "files"))) cpSync(join(dir, "files"), options.filesDir, { recursive: true, force: false });
  return manifest;
}

export interface DrillReport {
  backup: string;
  manifest: BackupManifest;
  restoredInto: string;
  tablesCompared: number;
  chainsCompared: number;
  /** Links of the backed-up chains found again in the live source (a chain pruned since is not counted). */
  sourceLinksFound: number;
  mismatches: string[];
  seconds: number;
}

/**
 * The restore drill: the newest backup (or the one named) is checked, restored into a scratch
 * database and compared with what the source held at the moment of the dump — row counts per
 * table and the head of every audit chain — and every restored chain is verified; each backed-up
 * chain head must still be a link of the live source's chain. Any difference is a mismatch.
 */
export async function drillBackup(options: {
  backupDir: string;
  backup?: string;
  /** The live source, to find the backed-up chain heads in it. */
  source: BackupSource;
  /** PostgreSQL: an empty database to restore into; default: a new one on the source's server, dropped afterwards. */
  scratchUrl?: string;
}): Promise<DrillReport> {
  const started = performance.now();
  const dir = options.backup ?? listBackups(options.backupDir).at(-1);
  if (!dir) throw new Error(`no backup in ${options.backupDir} (pnpm shegong backup)`);
  const manifest = readBackupManifest(dir);
  const mismatches = await checkBackupIntegrity(dir, manifest);
  let restoredInto = "memory://";
  let restored: DatabaseInventory | null = null;
  let chainProblem: string | null = null;
  if (mismatches.length === 0) {
    if (manifest.kind === "pglite") {
      const instance = await openPglite("memory://", { loadDataDir: new Blob([readFileSync(join(dir, manifest.dump.file))]) });
      try {
        const handle = await openDatabase({ role: "owner", pglite: instance });
        restored = await databaseInventory(handle.db);
        chainProblem = describeBreak(await verifyAuditChains(handle.db));
      } finally {
        await instance.close();
      }
    } else {
      if (options.source.kind !== "postgres" && !options.scratchUrl) throw new Error("a PostgreSQL backup needs --scratch URL to be drilled");
      const scratch = options.scratchUrl ? { url: options.scratchUrl, drop: async () => {} } : await createScratchDatabase((options.source as { url: string }).url);
      restoredInto = scratch.url.replace(/:[^:@/]*@/, ":***@");
      try {
        await restoreBackup(dir, { kind: "postgres", url: scratch.url });
        const handle = await openDatabase({ role: "owner", connectionString: scratch.url });
        try {
          restored = await databaseInventory(handle.db);
          chainProblem = describeBreak(await verifyAuditChains(handle.db));
        } finally {
          await handle.close();
        }
      } finally {
        await scratch.drop();
      }
    }
  }
  if (restored) {
    for (const table of new Set([...Object.keys(manifest.tables), ...Object.keys(restored.tables)])) {
      const want = manifest.tables[table];
      const got = restored.tables[table];
      if (want !== got) mismatches.push(`table ${table}: ${want ?? "absent"} rows in the source, ${got ?? "absent"} restored`);
    }
    for (const chain of new Set([...Object.keys(manifest.auditHeads), ...Object.keys(restored.auditHeads)])) {
      const want = manifest.auditHeads[chain];
      const got = restored.auditHeads[chain];
      if (want?.seq !== got?.seq || want?.hash !== got?.hash) mismatches.push(`audit chain ${chain}: head ${want ? `#${want.seq}` : "absent"} in the source, ${got ? `#${got.seq}` : "absent"} restored`);
    }
    if (manifest.schema !== restored.schema) mismatches.push(`schema ${manifest.schema} in the source, ${restored.schema} restored`);
    if (chainProblem) mismatches.push(`restored ${chainProblem}`);
  }
  const sourceLinksFound = await findHeadsInSource(options.source, manifest, mismatches);
  return {
    backup: dir,
    manifest,
    restoredInto,
    tablesCompared: Object.keys(manifest.tables).length,
    chainsCompared: Object.keys(manifest.auditHeads).length,
    sourceLinksFound,
    mismatches,
    seconds: (performance.now() - started) / 1000,
  };
}

function describeBreak(result: Awaited<ReturnType<typeof verifyAuditChains>>): string | null {
  const b = result.firstBreak;
  return b ? `audit chain ${b.stationId} broken at #${b.seq} (${b.reason})` : null;
}

/** Every backed-up head must still sit in the live chain with the same hash, unless pruned away since. */
async function findHeadsInSource(source: BackupSource, manifest: BackupManifest, mismatches: string[]): Promise<number> {
  const { db, close } = await openSource(source);
  try {
    const live = await sql<{ station_id: string; seq: number; hash: string }>`
      select e.station_id::text, e.seq, encode(e.hash, 'hex') as hash
      from audit_event e join jsonb_each(${JSON.stringify(manifest.auditHeads)}::jsonb) h on h.key = e.station_id::text
      where e.seq = (h.value->>'seq')::bigint`.execute(db);
    const checkpoints = await sql<{ station_id: string; through_seq: number }>`select station_id::text, through_seq from audit_checkpoint`.execute(db);
    const found = new Map(live.rows.map((r) => [r.station_id, r.hash]));
    const prunedThrough = new Map(checkpoints.rows.map((c) => [c.station_id, Number(c.through_seq)]));
    let links = 0;
    for (const [chain, head] of Object.entries(manifest.auditHeads)) {
      const hash = found.get(chain);
      if (hash === head.hash) links++;
      else if (hash !== undefined) mismatches.push(`audit chain ${chain}: #${head.seq} differs between the backup and the live source`);
      else if ((prunedThrough.get(chain) ?? 0) < head.seq) mismatches.push(`audit chain ${chain}: #${head.seq} of the backup is missing from the live source`);
    }
    return links;
  } finally {
    await close();
  }
}

/** An owner handle on the source, PGlite opened explicitly so DATABASE_URL cannot redirect it. */
async function openSource(source: BackupSource): Promise<{ db: Kysely<Database>; close: () => Promise<void> }> {
  if (source.kind === "postgres") {
    const handle = await openDatabase({ role: "owner", connectionString: source.url });
    return { db: handle.db, close: () => handle.close() };
  }
  const instance = await openPglite(source.dataDir);
  const handle = await openDatabase({ role: "owner", pglite: instance });
  return { db: handle.db, close: () => instance.close() };
}

async function createScratchDatabase(sourceUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `shegong_drill_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: sourceUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (error) {
    throw new Error(`cannot create a scratch database (${(error as Error).message}): grant CREATEDB to the owner or pass --scratch URL`);
  } finally {
    await admin.end();
  }
  const url = new URL(sourceUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: sourceUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
