import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { from as copyFrom } from "pg-copy-streams";
import { bulkInsert, type BulkColumnType } from "./bulk-insert.ts";
import type { ShegongDb } from "./database.ts";
import type { Database } from "./schema.ts";

/** One value of a bulk-loaded row: text-castable, bytes, an array (uuid[] and the like) or null. */
export type LoadValue = string | number | boolean | Uint8Array | string[] | null;

export interface BulkLoader {
  /** Appends rows to a table; values in the order of `columns`. */
  load(table: keyof Database & string, columns: Readonly<Record<string, BulkColumnType | "uuid[]">>, rows: LoadValue[][]): Promise<void>;
  /** True when everything loads in one transaction, so deferrable foreign keys are checked at the end. */
  readonly deferredConstraints: boolean;
  /** Commits what was loaded. */
  close(): Promise<void>;
  /** Rolls back what was loaded (PostgreSQL; PGlite's loads are already committed). */
  abort(): Promise<void>;
}

/** COPY's text format: backslash, tab and line breaks escaped, \N for null, bytea as \\x<hex>. */
function copyField(value: LoadValue): string {
  if (value === null) return "\\N";
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString("hex")}`;
  if (Array.isArray(value)) return `{${value.join(",")}}`;
  if (typeof value !== "string") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : value;
}

function* copyLines(rows: LoadValue[][]): Generator<string> {
  // Lines go in batches of a few hundred: one stream chunk per row would cost more than the row.
  let batch = "";
  for (let i = 0; i < rows.length; i++) {
    batch += rows[i]!.map(copyField).join("\t") + "\n";
    if (batch.length > 1 << 16) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/**
 * Loads generated rows fast (the synthetic region, issue 7): on PostgreSQL with COPY FROM STDIN on
 * one dedicated connection, all in one transaction committed by close(); on PGlite through
 * bulkInsert's array-parameter statements. Runs as the owner inside the given division scope, so
 * the tenant policies hold for an owner without BYPASSRLS. Triggers fire as for any insert: the
 * rollup marks are set per statement.
 */
export async function openBulkLoader(handle: ShegongDb, divisionScope: string, options: { trusted?: boolean } = {}): Promise<BulkLoader> {
  if (handle.kind === "postgres" && handle.pool) {
    const client = await handle.pool.connect();
    await client.query("begin");
    await client.query("select set_config('app.division_scope', $1, true)", [divisionScope]);
    // Trusted generated data: no per-row foreign-key checks, no triggers (superuser only).
    if (options.trusted) await client.query("set local session_replication_role = replica");
    let done = false;
    return {
      deferredConstraints: true,
      async load(table, columns, rows) {
        if (rows.length === 0) return;
        const names = Object.keys(columns).map((c) => `"${c}"`).join(", ");
        await pipeline(Readable.from(copyLines(rows)), client.query(copyFrom(`copy ${table} (${names}) from stdin`)));
      },
      async close() {
        if (done) return;
        done = true;
        try {
          await client.query("commit");
        } finally {
          client.release();
        }
      },
      async abort() {
        if (done) return;
        done = true;
        try {
          await client.query("rollback");
        } finally {
          client.release();
        }
      },
    };
  }
  // PGlite: one connection, so each load is its own scoped transaction.
  return {
    deferredConstraints: false,
    async load(table, columns, rows) {
      if (rows.length === 0) return;
      const names = Object.keys(columns);
      const records = rows.map((row) => Object.fromEntries(names.map((n, i) => [n, row[i] ?? null])));
      await handle.db.transaction().execute(async (tx) => {
        await sql`select set_config('app.division_scope', ${divisionScope}, true)`.execute(tx);
        // bulkInsert's one-array-per-column form cannot carry an array column (case_service's
        // workers): such a table goes as ordinary multi-row inserts.
        if (names.some((n) => columns[n] === "uuid[]")) {
          const chunk = Math.floor(30_000 / names.length);
          for (let i = 0; i < records.length; i += chunk) await tx.insertInto(table).values(records.slice(i, i + chunk) as never).execute();
          return;
        }
        for (let i = 0; i < records.length; i += 5000) {
          await bulkInsert(tx, table, columns as Record<string, BulkColumnType>, records.slice(i, i + 5000) as Record<string, string | number | Uint8Array | null>[]);
        }
      });
    },
    async close() {},
    async abort() {},
  };
}
