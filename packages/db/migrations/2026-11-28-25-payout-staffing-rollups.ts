import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/**
 * Payout verification and staffing in the rollups (issue 7: "qualified-staff ratio and staffing
 * against agreements; payout discrepancies found and settled"). Like every fact table
 * (2026-11-28-05-rollups), the two tables mark the months their changes move:
 * - a discrepancy marks the month it was found, and the month it was settled;
 * - an agreement marks every month from its service start, since the staffing it requires is a
 *   stock read on each month's last day (an edit marks from the earlier of the old and new starts);
 * - a staff record marked only the current month (2026-11-28-05); now that it carries the days a
 *   worker was stationed and left, a backdated stationing marks every month from that day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const beijingDay = (column: string) => `(${column} at time zone 'Asia/Shanghai')::date`;
  const tables = [
    {
      table: "payout_discrepancy",
      from: (r: string) => `least(${beijingDay(`${r}.created_at`)}, ${beijingDay(`${r}.settled_at`)})`,
      changed: "(n.status, n.settled_at, n.rule) is distinct from (o.status, o.settled_at, o.rule)",
    },
    {
      table: "service_agreement",
      from: (r: string) => `${r}.service_start`,
      changed: "(n.service_start, n.service_end, n.staffing_required, n.status) is distinct from (o.service_start, o.service_end, o.staffing_required, o.status)",
    },
  ];
  // The staff record's triggers exist (2026-11-28-05); only the marking function is redrawn.
  const staff = {
    table: "staff_member",
    from: (r: string) => `least(${r}.stationed_on, ${r}.left_on, ${beijingDay("now()")})`,
    changed: "true",
  };
  for (const { table, from, changed } of [...tables, staff]) {
    await sql
      .raw(
        `
      create or replace function rollup_mark_${table}() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        if tg_op = 'INSERT' then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from new_rows r cross join lateral rollup_months(${from("r")}) m
          on conflict do nothing;
        elsif tg_op = 'DELETE' then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from old_rows r cross join lateral rollup_months(${from("r")}) m
          on conflict do nothing;
        else
          insert into rollup_dirty (station_id, month)
          select distinct n.station_id, m
          from new_rows n join old_rows o on o.station_id = n.station_id and o.id = n.id
          cross join lateral rollup_months(least(${from("n")}, ${from("o")})) m
          where ${changed}
          on conflict do nothing;
        end if;
        return null;
      end $$;
      ${table === staff.table ? "" : `
      create trigger ${table}_rollup_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function rollup_mark_${table}();
      create trigger ${table}_rollup_update after update on ${table}
        referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_${table}();
      create trigger ${table}_rollup_delete after delete on ${table}
        referencing old table as old_rows for each statement execute function rollup_mark_${table}();`}
      -- What the table held before this migration counts from the next refresh on.
      insert into rollup_dirty (station_id, month)
      select distinct r.station_id, m from ${table} r cross join lateral rollup_months(${from("r")}) m
      on conflict do nothing;
    `,
      )
      .execute(db);
  }
}

// The staff record's redrawn marking function stays: it marks a superset of what the old one did.
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["payout_discrepancy", "service_agreement"]) {
    await sql
      .raw(
        `drop trigger if exists ${table}_rollup_insert on ${table}; drop trigger if exists ${table}_rollup_update on ${table};
         drop trigger if exists ${table}_rollup_delete on ${table}; drop function if exists rollup_mark_${table}();`,
      )
      .execute(db);
  }
}
