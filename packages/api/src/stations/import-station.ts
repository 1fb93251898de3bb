import { gunzipSync } from "node:zlib";
import type { PersonalDataCipher } from "@shegong/auth";
import { PLATFORM_CHAIN_ID, recordAudit, verifyAuditChains, type Database, type Tx } from "@shegong/db";
import { sql, type Kysely } from "kysely";
import { attachmentKey, type FileStore } from "../attachments/file-store.ts";
import { STATIONS_REPORTING } from "../reporting/refresh-rollups.ts";
import {
  assertKnownTriggers,
  keyCheckOf,
  MEMBER_SECRET_TABLES,
  newestMigration,
  SHARED_TABLES,
  sha256Hex,
  STATION_ARCHIVE_FORMAT,
  STATION_ARCHIVE_VERSION,
  StationArchiveError,
  stationTables,
  type StationArchiveHeader,
  type StationTable,
  type StationArchiveManifest,
} from "./station-archive.ts";

type Row = Record<string, unknown>;

interface ReadArchive {
  header: StationArchiveHeader;
  rows: Map<string, Row[]>;
  files: Map<string, Uint8Array>;
}

/** Reads an archive and checks every checksum in its manifest; nothing is trusted before this passes. */
export function readStationArchive(bytes: Uint8Array): ReadArchive {
  let lines: string[];
  try {
    lines = gunzipSync(bytes).toString("utf8").split("\n").filter((l) => l.length > 0);
  } catch {
    throw new StationArchiveError("ARCHIVE_UNREADABLE", "not a gzip'd station archive");
  }
  const parse = (line: string) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new StationArchiveError("ARCHIVE_CHECKSUM", "a line of the archive is not JSON: the file is damaged");
    }
  };
  const header = parse(lines[0] ?? "{}") as unknown as StationArchiveHeader;
  if (header.kind !== "header" || header.format !== STATION_ARCHIVE_FORMAT) throw new StationArchiveError("ARCHIVE_UNREADABLE", "not a Shegong station archive");
  if (header.version !== STATION_ARCHIVE_VERSION) throw new StationArchiveError("ARCHIVE_UNREADABLE", `archive version ${String(header.version)} is not supported`);
  const manifest = parse(lines.at(-1) ?? "{}") as unknown as StationArchiveManifest;
  if (manifest.kind !== "manifest") throw new StationArchiveError("ARCHIVE_CHECKSUM", "the archive has no manifest: it is incomplete");
  const body = lines.slice(0, -1);
  if (sha256Hex(body.join("\n")) !== manifest.sha256) throw new StationArchiveError("ARCHIVE_CHECKSUM", "the archive does not match its manifest's SHA-256");

  const rows = new Map<string, Row[]>();
  const lineTexts = new Map<string, string[]>();
  const files = new Map<string, Uint8Array>();
  for (const line of body.slice(1)) {
    const entry = parse(line);
    if (entry.kind === "row") {
      const table = String(entry.table);
      rows.set(table, [...(rows.get(table) ?? []), entry.row as Row]);
      lineTexts.set(table, [...(lineTexts.get(table) ?? []), line]);
    } else if (entry.kind === "file") {
      const data = new Uint8Array(Buffer.from(String(entry.data), "base64"));
      if (sha256Hex(data) !== entry.sha256 || manifest.files[String(entry.sha256)] !== data.length) {
        throw new StationArchiveError("ARCHIVE_CHECKSUM", `attachment ${String(entry.sha256)} does not match its SHA-256`);
      }
      files.set(String(entry.sha256), data);
    }
  }
  for (const [table, expected] of Object.entries(manifest.tables)) {
    const texts = lineTexts.get(table) ?? [];
    if (texts.length !== expected.rows || sha256Hex(texts.join("\n")) !== expected.sha256) {
      throw new StationArchiveError("ARCHIVE_CHECKSUM", `table ${table} does not match its checksum`);
    }
  }
  if ([...lineTexts.keys()].some((t) => !manifest.tables[t]) || files.size !== Object.keys(manifest.files).length) {
    throw new StationArchiveError("ARCHIVE_CHECKSUM", "the archive holds rows or files its manifest does not list");
  }
  return { header, rows, files };
}

export interface StationImport {
  station: StationArchiveHeader["station"];
  tables: Record<string, number>;
  usersCreated: number;
  usersReused: number;
  files: number;
}

const INSERT_BATCH = 500;
const SHARED = new Set<string>(["station", ...SHARED_TABLES]);

/**
 * Restores an archive into this deployment, all or nothing, refusing a station that exists here
 * already (by id, slug or township), a schema or master key that differs, or an account or
 * contractor whose name belongs to someone else here. Accounts keep their ids: the audit chain's
 * hashes name them. The station's members come with their grants and second factors; accounts its
 * rows only mention (a bureau officer who filed an agreement) come disabled, for the record.
 */
export async function importStation(owner: Kysely<Database>, bytes: Uint8Array, pii: PersonalDataCipher, files: FileStore): Promise<StationImport> {
  const archive = readStationArchive(bytes);
  const { header, rows } = archive;
  const station = header.station;
  if (header.keyCheck !== keyCheckOf(pii)) {
    throw new StationArchiveError("ARCHIVE_KEY", "the archive's ID numbers are sealed under another SHEGONG_PII_KEY: import with the source's key");
  }
  if (header.schema !== (await newestMigration(owner))) {
    throw new StationArchiveError("ARCHIVE_SCHEMA", `the archive is at migration ${header.schema}, this database at ${await newestMigration(owner)}: migrate both to the same version`);
  }
  // Bytes first: content-addressed, so a failed import leaves at most unreferenced copies.
  for (const [sha256, data] of archive.files) await files.put(attachmentKey(station.id, sha256), data);

  return owner.transaction().execute(async (tx) => {
    await sql`select set_config('app.station_id', ${station.id}, true), set_config('app.division_scope', ${station.division_code}, true)`.execute(tx);
    await sql`set constraints all deferred`.execute(tx);
    const existing = await tx
      .selectFrom("station")
      .select(["slug", "division_code"])
      .where((eb) => eb.or([eb("id", "=", station.id), eb("slug", "=", station.slug), eb("division_code", "=", station.division_code)]))
      .executeTakeFirst();
    if (existing) throw new StationArchiveError("STATION_EXISTS", `a station for ${existing.division_code} (${existing.slug}) exists here already`);
    const division = await tx.selectFrom("division").select("code").where("code", "=", station.division_code).executeTakeFirst();
    if (!division) throw new StationArchiveError("DIVISION_UNKNOWN", `division ${station.division_code} is not loaded here (pnpm shegong migrate --china)`);

    const tables = await stationTables(tx);
    await assertKnownTriggers(tx, tables.map((t) => t.name));
    const insert = async (table: string, list: Row[]) => {
      for (let i = 0; i < list.length; i += INSERT_BATCH) {
        const batch = JSON.stringify(list.slice(i, i + INSERT_BATCH));
        await sql`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${batch}::jsonb)`.execute(tx);
      }
    };

    // Shared rows: reuse what is here under the same id; refuse a name that is someone else's.
    const members = new Set((rows.get("role_grant") ?? []).map((g) => g.user_id as string));
    const users = rows.get("app_user") ?? [];
    const hereUsers = await tx.selectFrom("app_user").select(["id", "username"]).where((eb) => eb.or([eb("id", "in", ids(users)), eb("username", "in", users.map((u) => String(u.username)).concat(""))])).execute();
    const clashes = users.filter((u) => hereUsers.some((h) => h.username === u.username && h.id !== u.id));
    if (clashes.length > 0) throw new StationArchiveError("USER_CONFLICT", `accounts named here by someone else: ${clashes.map((u) => String(u.username)).join(", ")}`);
    const newUsers = users.filter((u) => !hereUsers.some((h) => h.id === u.id));
    const contractors = rows.get("contractor") ?? [];
    const hereContractors = await tx.selectFrom("contractor").select(["id", "credit_code"]).where("id", "in", ids(contractors)).execute();
    const codes = contractors.map((c) => c.credit_code).filter((c): c is string => typeof c === "string");
    if (codes.length > 0) {
      const taken = await tx.selectFrom("contractor").select(["id", "credit_code"]).where("credit_code", "in", codes).execute();
      const clash = taken.filter((t) => contractors.some((c) => c.credit_code === t.credit_code && c.id !== t.id));
      if (clash.length > 0) throw new StationArchiveError("CONTRACTOR_CONFLICT", `contractors registered here under another id: ${clash.map((c) => c.credit_code).join(", ")}`);
    }

    // A finalized evaluation's scores are copied as they were (the freeze guards against new ones).
    await sql`alter table evaluation_score disable trigger evaluation_score_frozen`.execute(tx);
    const disabledAt = new Date().toISOString();
    const stationOwned = tables.filter((t) => t.name !== "audit_event" && !SHARED.has(t.name));
    for (const table of tables) {
      if (table.name === "app_user") {
        await insert("app_user", newUsers.map((u) => (members.has(u.id as string) ? u : { ...u, disabled_at: u.disabled_at ?? disabledAt })));
        for (const secret of MEMBER_SECRET_TABLES) await insert(secret, (rows.get(secret) ?? []).filter((r) => newUsers.some((u) => u.id === r.user_id)));
      } else if (table.name === "contractor") {
        await insert("contractor", contractors.filter((c) => !hereContractors.some((h) => h.id === c.id)));
      } else if (table.name !== "audit_event") {
        await syncStationTable(tx, station.id, table, rows.get(table.name) ?? []);
      }
    }
    // Triggers on the tables written later (rollup and due-list marks, kept columns) may have added
    // or changed rows of tables written earlier: bring every table back to the archive until it
    // holds, so the station arrives exactly as it left.
    for (let round = 0; ; round++) {
      const drifted = [];
      for (const table of stationOwned) if (!(await stationTableMatches(tx, station.id, table, rows.get(table.name) ?? []))) drifted.push(table);
      if (drifted.length === 0) break;
      if (round === 3) throw new Error(`the imported station does not settle: ${drifted.map((t) => t.name).join(", ")} keep changing`);
      for (const table of drifted) await syncStationTable(tx, station.id, table, rows.get(table.name) ?? []);
    }

    await sql`alter table evaluation_score enable trigger evaluation_score_frozen`.execute(tx);

    // The station's facts added to its county, prefecture and region totals, as a refresh would.
    await sql`select apply_division_deltas(${station.id}::uuid, coalesce((select jsonb_agg(d) from (
        select month::text as month, indicator, dimension, value as delta from station_month_fact where station_id = ${station.id}
        union all
        select month::text, ${STATIONS_REPORTING}, '', 1 from station_month_fact where station_id = ${station.id} and indicator = 'people.registered') d), '[]'::jsonb))`.execute(tx);

    // The chain is copied as it was, links and times included; its trigger would renumber it.
    // Disabling it locks the audit table until commit, so an import belongs in a quiet hour.
    await sql`alter table audit_event disable trigger audit_event_chain`.execute(tx);
    await insert("audit_event", rows.get("audit_event") ?? []);
    await sql`alter table audit_event enable trigger audit_event_chain`.execute(tx);
    const chain = await verifyAuditChains(tx, station.id);
    if (chain.firstBreak) throw new StationArchiveError("ARCHIVE_CHECKSUM", `the station's audit chain does not verify at #${chain.firstBreak.seq} (${chain.firstBreak.reason})`);

    const tableCounts = Object.fromEntries([...rows].map(([t, list]) => [t, list.length]));
    const detail = { slug: station.slug, exportedAt: header.exportedAt, rows: tableCounts, files: archive.files.size };
    await recordAudit(tx, { stationId: station.id, actorName: "cli", action: "station.import", target: station.slug, outcome: "success", ip: "cli", detail });
    await recordAudit(tx, { stationId: PLATFORM_CHAIN_ID, actorName: "cli", action: "station.import", target: station.slug, outcome: "success", ip: "cli", detail });
    return { station, tables: tableCounts, usersCreated: newUsers.length, usersReused: users.length - newUsers.length, files: archive.files.size };
  });
}

/**
 * Makes the station's rows of one table exactly the archive's: rows it lacks are removed, rows that
 * differ are set back, missing rows inserted (by primary key, so rows other tables point to stay).
 */
async function syncStationTable(tx: Tx, stationId: string, table: StationTable, list: Row[]): Promise<void> {
  const name = sql.table(table.name);
  const key = sql.join(table.primaryKey.map((c) => sql.ref(`t.${c}`)));
  const archivedKey = sql.join(table.primaryKey.map((c) => sql.ref(`a.${c}`)));
  const station = table.name === "station" ? sql`t.id = ${stationId}` : sql`t.station_id = ${stationId}`;
  const keys = JSON.stringify(list.map((r) => Object.fromEntries(table.primaryKey.map((c) => [c, r[c]]))));
  await sql`delete from ${name} t where ${station}
    and (${key}) not in (select ${archivedKey} from jsonb_populate_recordset(null::${name}, ${keys}::jsonb) a)`.execute(tx);
  const columns = await sql<{ name: string }>`select attname::text as name from pg_attribute where attrelid = ${table.name}::regclass and attnum > 0 and not attisdropped order by attnum`.execute(tx);
  const assignments = sql.join(columns.rows.map((c) => sql`${sql.ref(c.name)} = ${sql.ref(`a.${c.name}`)}`));
  for (let i = 0; i < list.length; i += INSERT_BATCH) {
    const batch = JSON.stringify(list.slice(i, i + INSERT_BATCH));
    await sql`update ${name} t set ${assignments} from jsonb_populate_recordset(null::${name}, ${batch}::jsonb) a
      where (${key}) = (${archivedKey}) and to_jsonb(t) is distinct from to_jsonb(a)`.execute(tx);
    await sql`insert into ${name} select a.* from jsonb_populate_recordset(null::${name}, ${batch}::jsonb) a
      where not exists (select 1 from ${name} t where (${key}) = (${archivedKey}))`.execute(tx);
  }
}

async function stationTableMatches(tx: Tx, stationId: string, table: StationTable, list: Row[]): Promise<boolean> {
  const name = sql.table(table.name);
  const station = table.name === "station" ? sql`t.id = ${stationId}` : sql`t.station_id = ${stationId}`;
  const result = await sql<{ live: number; unmatched: number }>`
    select (select count(*)::int from ${name} t where ${station}) as live,
      (select count(*)::int from (
        select to_jsonb(a) from jsonb_populate_recordset(null::${name}, ${JSON.stringify(list)}::jsonb) a
        except all
        select to_jsonb(t) from ${name} t where ${station}) d) as unmatched`.execute(tx);
  const row = result.rows[0];
  return Number(row?.live) === list.length && Number(row?.unmatched) === 0;
}

function ids(list: Row[]): string[] {
  // `in ()` is not SQL: an impossible id keeps the list non-empty.
  return list.map((r) => r.id as string).concat("00000000-0000-0000-0000-000000000000");
}
