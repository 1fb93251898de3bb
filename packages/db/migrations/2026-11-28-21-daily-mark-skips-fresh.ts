import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * The daily calendar mark (issue 7) skips stations whose current month was already recomputed
 * today (Beijing): after a restart the server marks again, and at region scale re-marking every
 * station meant minutes of background work recomputing what was already as of today. A station
 * with no facts at all (nobody registered yet) has no fact rows to date its refresh by, hence
 * `rollup_refreshed`: when each station-month was last recomputed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table rollup_refreshed (
      station_id uuid not null references station(id),
      month date not null,
      refreshed_at timestamptz not null default now(),
      primary key (station_id, month)
    );
    alter table rollup_refreshed enable row level security;
    alter table rollup_refreshed force row level security;
    create policy rollup_refreshed_own on rollup_refreshed using (${own}) with check (${own});
    grant select, insert, update on rollup_refreshed to ${APP_ROLE};

    create or replace function mark_current_month_dirty() returns void
      language sql security definer set search_path = public as $$
      insert into rollup_dirty (station_id, month)
      select s.id, date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date from station s
      where not exists (
        select 1 from rollup_refreshed r
        where r.station_id = s.id
          and r.month = date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date
          and (r.refreshed_at at time zone 'Asia/Shanghai')::date = (now() at time zone 'Asia/Shanghai')::date)
      on conflict do nothing
    $$;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists rollup_refreshed;
    create or replace function mark_current_month_dirty() returns void
      language sql security definer set search_path = public as $$
      insert into rollup_dirty (station_id, month)
      select id, date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date from station
      on conflict do nothing
    $$;
  `).execute(db);
}
