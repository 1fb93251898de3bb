import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  // Visit cadence overrides (issue 4 item 1): per region (reference data) and per station (tenant).
  // every = null switches a category's rounds off at that level.
  await run(`
    create table region_cadence (
      division_code text not null references division(code),
      category text not null,
      unit text check (unit in ('week', 'month', 'quarter', 'year')),
      every smallint check (every between 1 and 52),
      primary key (division_code, category),
      check ((unit is null) = (every is null))
    );
    create table station_cadence (
      station_id uuid not null references station(id),
      category text not null,
      unit text check (unit in ('week', 'month', 'quarter', 'year')),
      every smallint check (every between 1 and 52),
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (station_id, category),
      check ((unit is null) = (every is null))
    );

    -- The local 低保 standard (R11), per county and year, in fen per person per month.
    create table dibao_standard (
      county_code text not null references division(code),
      year smallint not null,
      fen_per_month integer not null check (fen_per_month > 0),
      primary key (county_code, year)
    );

    -- Who looks after whom: a worker's due list is the people assigned to them.
    alter table person add column assigned_worker_id uuid references app_user(id);
    create index person_assigned_idx on person (station_id, assigned_worker_id);

    create table visit (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      visited_on date not null,
      kind text not null,
      mode text not null,
      duration_minutes smallint not null check (duration_minutes between 1 and 600),
      person_id uuid,
      household_id uuid,
      area text not null,
      findings jsonb not null default '{}'::jsonb,
      risk text not null default 'none',
      risk_note text,
      risk_acknowledged_by uuid,
      risk_acknowledged_at timestamptz,
      summary text,
      recorded_by uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id),
      foreign key (station_id, household_id) references household (station_id, id),
      check (num_nonnulls(person_id, household_id) = 1)
    );
    create index visit_person_idx on visit (station_id, person_id, visited_on desc);
    create index visit_household_idx on visit (station_id, household_id, visited_on desc);
    create index visit_month_idx on visit (station_id, visited_on);
    create index visit_open_risk_idx on visit (station_id) where risk in ('medium', 'high') and risk_acknowledged_at is null;

    create table visit_worker (
      station_id uuid not null,
      visit_id uuid not null,
      user_id uuid not null references app_user(id),
      primary key (station_id, visit_id, user_id),
      foreign key (station_id, visit_id) references visit (station_id, id)
    );
  `);

  for (const table of ["station_cadence", "visit", "visit_worker"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table}
        using (station_id = app_station_id() or station_in_scope(station_id))
        with check (station_id = app_station_id() or station_in_scope(station_id));
    `);
  }
  await run(`
    grant select on region_cadence, dibao_standard to ${APP_ROLE};
    grant select, insert, update, delete on station_cadence to ${APP_ROLE};
    grant select, insert, update on visit to ${APP_ROLE};
    grant select, insert on visit_worker to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists visit_worker, visit, station_cadence, region_cadence, dibao_standard cascade;
    alter table person drop column if exists assigned_worker_id;
  `).execute(db);
}
