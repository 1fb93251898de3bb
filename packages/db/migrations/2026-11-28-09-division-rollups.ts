import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Region, prefecture and county totals per month, kept beside the station × month rollup so a
 * report over 1,405 stations reads a few hundred rows (its children's totals), not 40,000. The
 * station refresh applies the change of each station-month to its three ancestors in the same
 * transaction, as deltas; `stations.reporting` counts the stations with a computed month.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table division_month_fact (
      division_code text not null references division(code),
      month date not null,
      indicator text not null,
      dimension text not null default '',
      value bigint not null,
      primary key (division_code, month, indicator, dimension)
    );

    -- Only the station transaction whose facts changed may move its ancestors' totals.
    create function apply_division_deltas(p_station uuid, p_deltas jsonb) returns void
      language plpgsql security definer set search_path = public as $$
    declare
      code text;
    begin
      if p_station is distinct from app_station_id() then
        raise exception 'division deltas of station % outside its own transaction', p_station;
      end if;
      select division_code into code from station where id = p_station;
      insert into division_month_fact (division_code, month, indicator, dimension, value)
      select left(code, l), (d->>'month')::date, d->>'indicator', d->>'dimension', sum((d->>'delta')::bigint)
      from jsonb_array_elements(p_deltas) d cross join unnest(array[2, 4, 6]) l
      group by 1, 2, 3, 4
      -- Two stations of one county refreshing at once update the same county, prefecture and
      -- region rows: in one fixed order they queue behind each other instead of deadlocking.
      order by 1, 2, 3, 4
      on conflict (division_code, month, indicator, dimension) do update set value = division_month_fact.value + excluded.value;
    end $$;
    revoke all on function apply_division_deltas(uuid, jsonb) from public;
    grant execute on function apply_division_deltas(uuid, jsonb) to ${APP_ROLE};

    insert into division_month_fact (division_code, month, indicator, dimension, value)
    select left(s.division_code, l), f.month, f.indicator, f.dimension, sum(f.value)
    from station_month_fact f join station s on s.id = f.station_id cross join unnest(array[2, 4, 6]) l
    group by 1, 2, 3, 4
    union all
    select left(s.division_code, l), f.month, 'stations.reporting', '', count(*)
    from station_month_fact f join station s on s.id = f.station_id cross join unnest(array[2, 4, 6]) l
    where f.indicator = 'people.registered'
    group by 1, 2;

    alter table division_month_fact enable row level security;
    alter table division_month_fact force row level security;
    create policy division_month_fact_scope on division_month_fact for select
      using ((select app_division_scope()) is not null and division_code like (select app_division_scope()) || '%');
    grant select on division_month_fact to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists apply_division_deltas(uuid, jsonb);
    drop table if exists division_month_fact;
  `).execute(db);
}
