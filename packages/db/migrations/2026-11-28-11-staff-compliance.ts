import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Staff compliance (issue 5 item 4, R7, R16, R18): when each resident worker was stationed and
 * left (the qualification fields came with 2026-11-28-01), daily attendance at the station, and
 * training records with their trainees (station staff by account, township civil-affairs officers
 * and others by name). Station-owned: station_id first in every key, RLS as in 2026-11-28-10.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    alter table staff_member
      add column stationed_on date,
      add column left_on date,
      add constraint staff_member_stationing_order check (left_on is null or (stationed_on is not null and left_on >= stationed_on));

    create table staff_attendance (
      station_id uuid not null references station(id),
      user_id uuid not null references app_user(id),
      day date not null,
      kind text not null check (kind in ('present', 'field', 'training', 'leave', 'sick', 'absent')),
      check_in text check (check_in ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      check_out text check (check_out ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      note text not null default '',
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      primary key (station_id, user_id, day),
      check (check_out is null or (check_in is not null and check_out > check_in)),
      check (kind in ('present', 'field', 'training') or (check_in is null and check_out is null))
    );
    create index staff_attendance_day_idx on staff_attendance (station_id, day);

    create table training_record (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('pre_service', 'in_service', 'continuing_education', 'township_officers')),
      title text not null,
      provider text not null,
      started_on date not null,
      ended_on date,
      hours integer not null check (hours between 1 and 500),
      note text not null default '',
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      check (ended_on is null or ended_on >= started_on)
    );
    create index training_record_started_idx on training_record (station_id, started_on);

    create table training_trainee (
      station_id uuid not null,
      training_id uuid not null,
      seq smallint not null,
      kind text not null check (kind in ('station_staff', 'township_officer', 'village_cadre', 'volunteer', 'other')),
      user_id uuid references app_user(id),
      name text,
      organization text,
      primary key (station_id, training_id, seq),
      foreign key (station_id, training_id) references training_record (station_id, id),
      check ((kind = 'station_staff') = (user_id is not null)),
      check (user_id is not null or name is not null)
    );
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  for (const table of ["staff_attendance", "training_record", "training_trainee"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  // Attendance is corrected in place (the audit entry keeps what it was); trainings are append-only.
  await run(`
    grant select, insert, update on staff_attendance to ${APP_ROLE};
    grant select, insert on training_record, training_trainee to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists training_trainee, training_record, staff_attendance;
    alter table staff_member drop constraint if exists staff_member_stationing_order, drop column if exists stationed_on, drop column if exists left_on;
  `).execute(db);
}
