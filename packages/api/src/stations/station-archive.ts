import { createHash } from "node:crypto";
import type { PersonalDataCipher } from "@shegong/auth";
import type { Database } from "@shegong/db";
import { sql, type Kysely } from "kysely";

/**
 * A station's archive (issue 8 item 2): gzip'd JSON lines —
 *   {"kind":"header", format, version, station, schema, keyCheck, exportedAt}
 *   {"kind":"row","table":T,"row":{…}}      one per row, rows as PostgreSQL's to_jsonb gives them
 *   {"kind":"file","sha256":H,"data":B64}   attachment bytes, named by their SHA-256
 *   {"kind":"manifest", tables: {T: {rows, sha256}}, files: {H: bytes}, sha256}
 * The manifest comes last: per table the SHA-256 of its row lines, and the SHA-256 of every line
 * before it. Rows keep their ids (the audit chain hashes name them), and encrypted fields travel
 * as the ciphertext they are, so the target must hold the same master key (keyCheck says which).
 */
export const STATION_ARCHIVE_FORMAT = "shegong-station-archive";
export const STATION_ARCHIVE_VERSION = 1;

export interface StationArchiveHeader {
  kind: "header";
  format: typeof STATION_ARCHIVE_FORMAT;
  version: typeof STATION_ARCHIVE_VERSION;
  station: { id: string; slug: string; division_code: string; plaque_name: string };
  /** The newest migration of the source: the target must be at the same one. */
  schema: string;
  /** Identifies the personal-data master key without revealing it. */
  keyCheck: string;
  exportedAt: string;
}

export interface StationArchiveManifest {
  kind: "manifest";
  tables: Record<string, { rows: number; sha256: string }>;
  files: Record<string, number>;
  sha256: string;
}

export type StationArchiveErrorCode =
  | "ARCHIVE_UNREADABLE"
  | "ARCHIVE_CHECKSUM"
  | "ARCHIVE_SCHEMA"
  | "ARCHIVE_KEY"
  | "STATION_EXISTS"
  | "DIVISION_UNKNOWN"
  | "USER_CONFLICT"
  | "CONTRACTOR_CONFLICT"
  | "ATTACHMENT_MISSING"
  | "UNKNOWN_TRIGGER";

export class StationArchiveError extends Error {
  constructor(
    readonly code: StationArchiveErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Platform tables a station's rows point into; they come along only as far as the station's rows name them. */
export const SHARED_TABLES = ["app_user", "contractor"] as const;
/** A station member's second factor, sealed under the same master key. */
export const MEMBER_SECRET_TABLES = ["user_mfa", "user_recovery_code"] as const;

export function keyCheckOf(pii: PersonalDataCipher): string {
  return Buffer.from(pii.blindIndex("shegong:station-archive:key-check")).subarray(0, 16).toString("hex");
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function newestMigration(db: Kysely<Database>): Promise<string> {
  const row = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  return row.rows[0]?.name ?? "";
}

export interface StationTable {
  name: string;
  /** Tables (among the station's and the shared ones) this table's foreign keys point to. */
  dependsOn: string[];
  /** Its primary key's columns (every station table has one). */
  primaryKey: string[];
  /** Columns holding a user id / contractor id, by foreign key. */
  userColumns: string[];
  contractorColumns: string[];
}

/**
 * Every base table with a station_id column, read from the catalog rather than listed by hand, so
 * a table added by a later migration travels without anyone remembering to add it here; in an
 * order where each table comes after the tables its foreign keys point to.
 */
export async function stationTables(db: Kysely<Database>): Promise<StationTable[]> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'station_id' and not a.attisdropped)
    order by 1`.execute(db);
  const keys = await sql<{ source: string; target: string; columns: string[]; deferrable: boolean }>`
    select c.conrelid::regclass::text as source, c.confrelid::regclass::text as target, c.condeferrable as deferrable,
      array(select a.attname::text from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k) as columns
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db);
  const primaryKeys = await sql<{ table: string; columns: string[] }>`
    select i.indrelid::regclass::text as table,
      array(select a.attname::text from unnest(i.indkey) k join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k) as columns
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    where i.indisprimary and n.nspname = 'public'`.execute(db);
  const described = [...tables.rows.map((t) => t.name), "station", ...SHARED_TABLES].map((name): StationTable => {
    const own = keys.rows.filter((k) => k.source === name);
    return {
      name,
      primaryKey: primaryKeys.rows.find((p) => p.table === name)?.columns ?? [],
      // A deferrable key is checked at commit (the import sets them all deferred), so it does not
      // order the inserts: household ⇄ person point at each other that way.
      dependsOn: [...new Set(own.filter((k) => !k.deferrable).map((k) => k.target).filter((t) => t !== name))],
      userColumns: own.filter((k) => k.target === "app_user" && k.columns.length === 1).map((k) => k.columns[0] as string),
      contractorColumns: own.filter((k) => k.target === "contractor" && k.columns.length === 1).map((k) => k.columns[0] as string),
    };
  });
  return topologicalOrder(described);
}

function topologicalOrder(tables: StationTable[]): StationTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: StationTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (table: StationTable, path: string[]) => {
    if (state.get(table.name) === "done") return;
    if (state.get(table.name) === "visiting") throw new Error(`foreign keys form a cycle: ${[...path, table.name].join(" → ")}`);
    state.set(table.name, "visiting");
    for (const dep of table.dependsOn) {
      const target = byName.get(dep);
      if (target) visit(target, [...path, table.name]);
    }
    state.set(table.name, "done");
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

/** The before-insert triggers the archive knows; the import switches each off while it copies that table. */
export const KNOWN_INSERT_TRIGGERS = [
  { table: "audit_event", name: "audit_event_chain" },
  // Refuses a score for a finalized evaluation; the import writes the evaluation (finalized) before
  // the scores it was finalized with.
  { table: "evaluation_score", name: "evaluation_score_frozen" },
] as const;

/**
 * Triggers that run before a row is written could rewrite what is imported. The audit chain's is
 * known (it is switched off while the chain is copied as it was); any other is refused until someone
 * decides how the archive treats it.
 */
export async function assertKnownTriggers(db: Kysely<Database>, tables: string[]): Promise<void> {
  // tgtype: 2 = BEFORE, 4 = INSERT (a before-update trigger never sees an import).
  const triggers = await sql<{ table: string; name: string }>`
    select t.tgrelid::regclass::text as table, t.tgname as name from pg_trigger t
    where not t.tgisinternal and (t.tgtype & 2) = 2 and (t.tgtype & 4) = 4 and t.tgrelid::regclass::text = any(${tables}::text[])`.execute(db);
  const unknown = triggers.rows.filter((t) => !KNOWN_INSERT_TRIGGERS.some((k) => k.table === t.table && k.name === t.name));
  if (unknown.length > 0) {
    throw new StationArchiveError("UNKNOWN_TRIGGER", `before-insert triggers the station archive does not know: ${unknown.map((t) => `${t.table}.${t.name}`).join(", ")}`);
  }
}
