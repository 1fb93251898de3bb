import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/**
 * The activity, volunteer, resource, supervision and follow-up facts mark their months for the
 * reporting rollups too (see 2026-11-28-05-rollups). Rows of the child tables (attendees, volunteers
 * of an activity) take their month from the activity.
 */
const MARKS: { table: string; from: string }[] = [
  { table: "activity", from: "r.held_on" },
  { table: "activity_attendee", from: "(select a.held_on from activity a where a.station_id = r.station_id and a.id = r.activity_id)" },
  { table: "activity_volunteer", from: "(select a.held_on from activity a where a.station_id = r.station_id and a.id = r.activity_id)" },
  { table: "linked_resource", from: "r.received_on" },
  { table: "supervision_session", from: "r.held_on" },
  { table: "satisfaction_followup", from: "r.followed_up_on" },
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, from } of MARKS) {
    await sql.raw(`
      create function rollup_mark_${table}() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from new_rows r cross join lateral rollup_months(${from}) m
          on conflict do nothing;
        end if;
        if tg_op in ('UPDATE', 'DELETE') then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from old_rows r cross join lateral rollup_months(${from}) m
          on conflict do nothing;
        end if;
        return null;
      end $$;
      create trigger ${table}_rollup_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function rollup_mark_${table}();
      create trigger ${table}_rollup_update after update on ${table}
        referencing old table as old_rows new table as new_rows for each statement execute function rollup_mark_${table}();
      create trigger ${table}_rollup_delete after delete on ${table}
        referencing old table as old_rows for each statement execute function rollup_mark_${table}();
    `).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table } of MARKS) {
    await sql.raw(`
      drop trigger if exists ${table}_rollup_insert on ${table};
      drop trigger if exists ${table}_rollup_update on ${table};
      drop trigger if exists ${table}_rollup_delete on ${table};
      drop function if exists rollup_mark_${table}();
    `).execute(db);
  }
}
