import { gzipSync } from "node:zlib";
import type { PersonalDataCipher } from "@shegong/auth";
import type { Database } from "@shegong/db";
import { sql, type Kysely } from "kysely";
import { attachmentKey, type FileStore } from "../attachments/file-store.ts";
import {
  assertKnownTriggers,
  keyCheckOf,
  MEMBER_SECRET_TABLES,
  newestMigration,
  sha256Hex,
  STATION_ARCHIVE_FORMAT,
  STATION_ARCHIVE_VERSION,
  StationArchiveError,
  stationTables,
  type StationArchiveHeader,
  type StationArchiveManifest,
} from "./station-archive.ts";

type Row = Record<string, unknown>;

export interface StationExport {
  bytes: Uint8Array;
  station: StationArchiveHeader["station"];
  tables: Record<string, number>;
  files: number;
}

/**
 * Everything a station owns, in one snapshot (a repeatable-read transaction as the owner): every
 * table with a station_id, the station's own row, the contractors and accounts its rows name, its
 * members' second factors and its attachment bytes. Ciphertexts stay ciphertexts.
 */
export async function exportStation(owner: Kysely<Database>, slug: string, pii: PersonalDataCipher, files: FileStore): Promise<StationExport> {
  return owner
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (tx) => {
      const station = await tx.selectFrom("station").select(["id", "slug", "division_code", "plaque_name"]).where("slug", "=", slug).executeTakeFirst();
      if (!station) throw new StationArchiveError("ARCHIVE_UNREADABLE", `no station with slug ${slug}`);
      // The owner bypasses row-level security in production (infra/postgres/roles.sql); the settings
      // make the same reads work for an owner that does not.
      await sql`select set_config('app.station_id', ${station.id}, true), set_config('app.division_scope', ${station.division_code}, true)`.execute(tx);
      const tables = await stationTables(tx);
      await assertKnownTriggers(tx, tables.map((t) => t.name));
      const rowsOf = new Map<string, Row[]>();
      const select = async (table: string, where: ReturnType<typeof sql>) =>
        (await sql<{ row: Row }>`select to_jsonb(t) as row from ${sql.table(table)} t where ${where}`.execute(tx)).rows.map((r) => r.row);

      rowsOf.set("station", await select("station", sql`t.id = ${station.id}`));
      for (const table of tables) {
        if (table.name === "station" || table.name === "app_user" || table.name === "contractor") continue;
        rowsOf.set(table.name, await select(table.name, sql`t.station_id = ${station.id}`));
      }
      const referenced = (column: "contractorColumns" | "userColumns") => {
        const ids = new Set<string>();
        for (const table of tables) for (const row of rowsOf.get(table.name) ?? []) for (const c of table[column]) if (typeof row[c] === "string") ids.add(row[c] as string);
        return [...ids];
      };
      rowsOf.set("contractor", await select("contractor", sql`t.id = any(${referenced("contractorColumns")}::uuid[])`));
      const members = [...new Set((rowsOf.get("role_grant") ?? []).map((g) => g.user_id as string))];
      rowsOf.set("app_user", await select("app_user", sql`t.id = any(${[...new Set([...referenced("userColumns"), ...members])]}::uuid[])`));
      for (const table of MEMBER_SECRET_TABLES) rowsOf.set(table, await select(table, sql`t.user_id = any(${members}::uuid[])`));

      const header: StationArchiveHeader = {
        kind: "header",
        format: STATION_ARCHIVE_FORMAT,
        version: STATION_ARCHIVE_VERSION,
        station,
        schema: await newestMigration(tx),
        keyCheck: keyCheckOf(pii),
        exportedAt: new Date().toISOString(),
      };
      const lines = [JSON.stringify(header)];
      const manifest: StationArchiveManifest = { kind: "manifest", tables: {}, files: {}, sha256: "" };
      for (const [table, rows] of rowsOf) {
        const tableLines = rows.map((row) => JSON.stringify({ kind: "row", table, row }));
        manifest.tables[table] = { rows: rows.length, sha256: sha256Hex(tableLines.join("\n")) };
        lines.push(...tableLines);
      }
      for (const sha256 of new Set((rowsOf.get("attachment") ?? []).map((a) => a.sha256 as string))) {
        const bytes = await files.get(attachmentKey(station.id, sha256));
        if (!bytes || sha256Hex(bytes) !== sha256) throw new StationArchiveError("ATTACHMENT_MISSING", `attachment ${sha256} is missing from the file store or damaged`);
        manifest.files[sha256] = bytes.length;
        lines.push(JSON.stringify({ kind: "file", sha256, data: Buffer.from(bytes).toString("base64") }));
      }
      manifest.sha256 = sha256Hex(lines.join("\n"));
      lines.push(JSON.stringify(manifest));
      return {
        bytes: new Uint8Array(gzipSync(lines.join("\n") + "\n")),
        station,
        tables: Object.fromEntries(Object.entries(manifest.tables).map(([t, m]) => [t, m.rows])),
        files: Object.keys(manifest.files).length,
      };
    });
}
