import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/**
 * Funds in the rollups (issue 7: "funds allocated, disbursed, spent"): allocations, payments and
 * spending mark the months they fall in, like every other fact table (2026-11-28-05-rollups).
 * These rows are never updated or deleted (corrections are new rows), so inserts are all that mark.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const tables = [
    ["fund_allocation", "allocated_on"],
    ["fund_disbursement", "paid_on"],
    ["fund_spending", "spent_on"],
  ] as const;
  for (const [table, dated] of tables) {
    await sql.raw(`
      create function rollup_mark_${table}() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        insert into rollup_dirty (station_id, month)
        select distinct r.station_id, m from new_rows r cross join lateral rollup_months(r.${dated}) m
        on conflict do nothing;
        return null;
      end $$;
      create trigger ${table}_rollup_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function rollup_mark_${table}();
      -- What the funds held before this migration counts from the next refresh on.
      insert into rollup_dirty (station_id, month)
      select distinct r.station_id, m from ${table} r cross join lateral rollup_months(r.${dated}) m
      on conflict do nothing;
    `).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["fund_allocation", "fund_disbursement", "fund_spending"]) {
    await sql.raw(`drop trigger if exists ${table}_rollup_insert on ${table}; drop function if exists rollup_mark_${table}();`).execute(db);
  }
}
