import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/**
 * A division report reads one level of the kept totals (the prefectures under the region, the
 * counties under a prefecture) for a month or a year of months. The keys lead with the division
 * code, and `length(division_code) = 4` cannot use an index under row-level security: length() is
 * not leakproof, so PostgreSQL applies it only after the policy, row by row. Every request scanned
 * every kept total (48,000 rows at region scale, ~10 ms, twice per report). The level becomes a
 * stored column, compared with a leakproof operator, leading an index with the month.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ["division_month_fact", "report_snapshot_fact"]) {
    await sql`alter table ${sql.table(table)} add column code_length smallint generated always as (length(division_code)) stored`.execute(db);
    await sql`create index ${sql.raw(`${table}_level_idx`)} on ${sql.table(table)} (code_length, month, division_code)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["division_month_fact", "report_snapshot_fact"]) {
    await sql`alter table ${sql.table(table)} drop column code_length`.execute(db);
  }
}
