import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * A counter of the changes to the kept division totals. Every change goes through
 * apply_division_deltas (a station's refresh, a station import), which now also moves the counter
 * in the same transaction: a dashboard answer computed when the counter read N is still exact while
 * it reads N. The row stays locked until the refresh commits. Refreshes of the same month already
 * wait for each other on the region's own rows; the counter makes refreshes of different months
 * wait too, which is rare (the refresher works through the stations' current month) and short.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table rollup_generation (
      id boolean primary key default true check (id),
      generation bigint not null
    );
    insert into rollup_generation (id, generation) values (true, 1);
    grant select on rollup_generation to ${APP_ROLE};
    ${applyDivisionDeltas("update rollup_generation set generation = generation + 1;")}
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    ${applyDivisionDeltas("")}
    drop table rollup_generation;
  `).execute(db);
}

/** The function of 2026-11-28-09, with `after` run last in it. */
function applyDivisionDeltas(after: string): string {
  return `
    create or replace function apply_division_deltas(p_station uuid, p_deltas jsonb) returns void
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
      ${after}
    end $$;`;
}
