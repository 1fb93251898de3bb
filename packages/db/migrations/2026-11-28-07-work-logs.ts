import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Workers' daily logs (工作日志, issue 4 item 8). What a worker recorded that day is read from the
 * records themselves; the log holds what was added by hand, and on submission a frozen copy of the
 * day's records, so a later correction to a visit does not rewrite a submitted log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table work_log (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      user_id uuid not null references app_user(id),
      log_date date not null,
      entries jsonb not null default '[]'::jsonb,
      summary text not null default '',
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      drafted_snapshot jsonb,
      version integer not null default 1,
      submitted_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, user_id, log_date),
      check ((status = 'submitted') = (submitted_at is not null and drafted_snapshot is not null))
    );
    alter table work_log enable row level security;
    alter table work_log force row level security;
    create policy work_log_own on work_log using (${own}) with check (${own});
    grant select, insert, update on work_log to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists work_log`).execute(db);
}
