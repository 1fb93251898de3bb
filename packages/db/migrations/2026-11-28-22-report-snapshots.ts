import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Monthly report snapshots (issue 7 item 4): once a month has ended and its rollups are settled,
 * every division's and station's numbers for it are copied and frozen, with a fingerprint, so the
 * region's month-end report reads the same next year as the day it was made — a visit entered late
 * moves the live rollups, never the snapshot — and months compare with each other as reported.
 * Counts only, like the division totals: readable within a division scope, never a person.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const scoped = `(select app_division_scope()) is not null and division_code like (select app_division_scope()) || '%'`;
  await sql.raw(`
    create table report_snapshot (
      month date primary key check (extract(day from month) = 1),
      frozen_at timestamptz not null default now(),
      frozen_by text not null,
      fingerprint text not null,
      fact_rows integer not null
    );

    create table report_snapshot_fact (
      month date not null references report_snapshot (month),
      division_code text not null,
      indicator text not null,
      dimension text not null default '',
      value bigint not null,
      primary key (month, division_code, indicator, dimension)
    );

    -- Freezes an ended, settled month once; a second call returns the first one's fingerprint.
    create function freeze_report_snapshot(p_month date, p_by text) returns text
      language plpgsql security definer set search_path = public as $$
    declare
      v_fingerprint text;
      v_rows integer;
    begin
      if extract(day from p_month) <> 1 then
        raise exception 'a snapshot month starts on the 1st' using errcode = '22023';
      end if;
      if p_month >= date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date then
        raise exception 'month % has not ended', to_char(p_month, 'YYYY-MM') using errcode = '22023';
      end if;
      -- One freezer at a time: the second waits, then finds the snapshot made.
      perform pg_advisory_xact_lock(hashtext('report_snapshot'), (extract(year from p_month) * 12 + extract(month from p_month))::int);
      select fingerprint into v_fingerprint from report_snapshot where month = p_month;
      if found then
        return v_fingerprint;
      end if;
      if exists (select 1 from rollup_dirty where month = p_month) then
        raise exception 'month % still has station rollups waiting to be refreshed', to_char(p_month, 'YYYY-MM') using errcode = '55000';
      end if;
      insert into report_snapshot (month, frozen_by, fingerprint, fact_rows) values (p_month, p_by, '', 0);
      insert into report_snapshot_fact (month, division_code, indicator, dimension, value)
      select month, division_code, indicator, dimension, value from division_month_fact where month = p_month and value <> 0
      union all
      select f.month, s.division_code, f.indicator, f.dimension, f.value
      from station_month_fact f join station s on s.id = f.station_id where f.month = p_month
      union all
      select f.month, s.division_code, 'stations.reporting', '', 1
      from station_month_fact f join station s on s.id = f.station_id where f.month = p_month and f.indicator = 'people.registered';
      select count(*), encode(sha256(convert_to(coalesce(string_agg(division_code || '|' || indicator || '|' || dimension || '|' || value, E'\\n'
               order by division_code, indicator, dimension), ''), 'UTF8')), 'hex')
        into v_rows, v_fingerprint
      from report_snapshot_fact where month = p_month;
      update report_snapshot set fingerprint = v_fingerprint, fact_rows = v_rows where month = p_month;
      return v_fingerprint;
    end $$;
    revoke all on function freeze_report_snapshot(date, text) from public;
    grant execute on function freeze_report_snapshot(date, text) to ${APP_ROLE};

    alter table report_snapshot_fact enable row level security;
    alter table report_snapshot_fact force row level security;
    create policy report_snapshot_fact_scope on report_snapshot_fact for select using (${scoped});
    grant select on report_snapshot_fact to ${APP_ROLE};
    grant select on report_snapshot to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists freeze_report_snapshot(date, text);
    drop table if exists report_snapshot_fact, report_snapshot;
  `).execute(db);
}
