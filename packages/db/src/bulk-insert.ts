import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

/** A column of a bulk insert and the SQL type its text values are cast to. */
export type BulkColumnType = "text" | "uuid" | "date" | "timestamptz" | "boolean" | "smallint" | "integer" | "int8" | "jsonb" | "bytea";

type BulkValue = string | number | boolean | Uint8Array | null;

/**
 * Inserts many rows in one statement with one array parameter per column
 * (`insert … select from unnest($1::text[], …)`), instead of one parameter per cell: thousands of
 * rows then cost one parse and one bind, which is what makes a 10,000-row ledger import fast on
 * both PGlite and PostgreSQL. Values travel as text (bytea as hex) and are cast in SQL, so both
 * drivers serialise them the same way. Rows come back in insertion order.
 */
export async function bulkInsert<T extends keyof Database & string, R extends string = never>(
  tx: Transaction<Database> | Kysely<Database>,
  table: T,
  columns: Record<string, BulkColumnType>,
  rows: Record<string, BulkValue>[],
  returning: R[] = [],
): Promise<Record<R, unknown>[]> {
  if (rows.length === 0) return [];
  const names = Object.keys(columns);
  const arrays = names.map((name) => {
    const type = columns[name] as BulkColumnType;
    const values = rows.map((row) => {
      const value = row[name] ?? null;
      if (value === null) return null;
      if (value instanceof Uint8Array) return Buffer.from(value).toString("hex");
      return String(value);
    });
    const param = sql`${values}::text[]`;
    return type === "bytea" ? sql`(select array_agg(decode(v, 'hex') order by n) from unnest(${param}) with ordinality as u(v, n))` : sql`${param}::${sql.raw(type)}[]`;
  });
  const query = sql<Record<R, unknown>>`
    insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    select * from unnest(${sql.join(arrays)})
    ${returning.length ? sql`returning ${sql.join(returning.map((r) => sql.ref(r)))}` : sql``}`;
  return (await query.execute(tx)).rows;
}
