import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Rollups for region-scale reporting (issue 7): one row per station × month × indicator
 * (× dimension), so a report over ~1,400 stations reads thousands of rows, never the raw millions.
 *
 * Facts mark what they change: statement-level triggers on the fact tables record the (station,
 * month) pairs whose indicators may have moved in `rollup_dirty` — once per statement, so a
 * 10,000-row import costs one small insert. A refresh (the server's timer, or the CLI) recomputes
 * the marked station-months from the raw facts and clears the marks; it catches up after a restart
 * because the marks are rows, committed with the facts. A dated change (a category that started
 * last year, a visit entered late) moves every month since, so it marks every month from its date
 * to the current one — at most the last 24 months, the span the reports show.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    create table station_month_fact (
      station_id uuid not null references station(id),
      month date not null check (extract(day from month) = 1),
      indicator text not null,
      dimension text not null default '',
      value bigint not null,
      refreshed_at timestamptz not null default now(),
      primary key (station_id, month, indicator, dimension)
    );
    create index station_month_fact_month_idx on station_month_fact (month, indicator);

    create table rollup_dirty (
      station_id uuid not null references station(id),
      month date not null,
      marked_at timestamptz not null default now(),
      primary key (station_id, month)
    );

    -- Months from the one holding from_date to the current one (Beijing time), the last 24 at most.
    create function rollup_months(from_date date) returns setof date language sql stable as $$
      select generate_series(
        greatest(date_trunc('month', from_date), date_trunc('month', (now() at time zone 'Asia/Shanghai')) - interval '23 months'),
        date_trunc('month', (now() at time zone 'Asia/Shanghai')),
        interval '1 month')::date
      where from_date is not null
    $$;

    -- Which stations have marks, for the refresh loop (station ids only: no personal data).
    create function stations_with_dirty_rollups(p_limit int) returns setof uuid
      language sql stable security definer set search_path = public as $$
      select station_id from rollup_dirty group by station_id order by min(marked_at) limit p_limit
    $$;
    revoke all on function stations_with_dirty_rollups(int) from public;
    grant execute on function stations_with_dirty_rollups(int) to ${APP_ROLE};

    -- Marks every station's current month: stocks (ages, adulthood, overdue visits) move with the
    -- calendar even when nobody writes. The server calls it once a day.
    create function mark_current_month_dirty() returns void
      language sql security definer set search_path = public as $$
      insert into rollup_dirty (station_id, month)
      select id, date_trunc('month', (now() at time zone 'Asia/Shanghai'))::date from station
      on conflict do nothing
    $$;
    revoke all on function mark_current_month_dirty() from public;
    grant execute on function mark_current_month_dirty() to ${APP_ROLE};
  `);

  // One marking function per fact table: the date from which a changed row moves the indicators.
  const marks: { table: string; from: string; updateOf?: string }[] = [
    { table: "person", from: "least(r.registered_on, r.died_on, r.moved_out_on)", updateOf: "registered_on, died_on, moved_out_on, status, birth_date, adult_on" },
    { table: "person_category", from: "least(r.start_date, r.end_date)" },
    { table: "visit", from: "r.visited_on", updateOf: "visited_on, person_id, household_id, kind, duration_minutes, risk" },
    { table: "social_case", from: "least(r.intake_on, r.closed_on)", updateOf: "intake_on, closed_on, status, risk_level" },
    { table: "case_service", from: "r.served_on" },
    { table: "staff_member", from: "(now() at time zone 'Asia/Shanghai')::date" },
  ];
  for (const { table, from, updateOf } of marks) {
    const fromOf = (alias: string) => from.replaceAll("r.", `${alias}.`);
    // An update moves the indicators only if it touches what they read (a phone number does not).
    const changed = updateOf ? `(${updateOf.split(", ").map((c) => `n.${c}`).join(", ")}) is distinct from (${updateOf.split(", ").map((c) => `o.${c}`).join(", ")})` : "true";
    await run(`
      create function rollup_mark_${table}() returns trigger language plpgsql security definer set search_path = public as $$
      begin
        if tg_op = 'INSERT' then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from new_rows r cross join lateral rollup_months(${from}) m
          on conflict do nothing;
        elsif tg_op = 'DELETE' then
          insert into rollup_dirty (station_id, month)
          select distinct r.station_id, m from old_rows r cross join lateral rollup_months(${from}) m
          on conflict do nothing;
        else
          insert into rollup_dirty (station_id, month)
          select distinct n.station_id, m
          from new_rows n join old_rows o on o.station_id = n.station_id and o.id = n.id
          cross join lateral rollup_months(least(${fromOf("n")}, ${fromOf("o")})) m
          where ${changed}
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
    `);
  }

  await run(`
    alter table station_month_fact enable row level security;
    alter table station_month_fact force row level security;
    create policy station_month_fact_own on station_month_fact using (${own}) with check (${own});
    alter table rollup_dirty enable row level security;
    alter table rollup_dirty force row level security;
    create policy rollup_dirty_own on rollup_dirty using (${own}) with check (${own});
    grant select, insert, delete on station_month_fact to ${APP_ROLE};
    grant select, delete on rollup_dirty to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = ["person", "person_category", "visit", "social_case", "case_service", "staff_member"];
  await sql.raw(`
    ${tables.map((t) => `drop trigger if exists ${t}_rollup_insert on ${t}; drop trigger if exists ${t}_rollup_update on ${t}; drop trigger if exists ${t}_rollup_delete on ${t}; drop function if exists rollup_mark_${t}();`).join("\n")}
    drop function if exists mark_current_month_dirty();
    drop function if exists stations_with_dirty_rollups(int);
    drop function if exists rollup_months(date);
    drop table if exists rollup_dirty, station_month_fact;
  `).execute(db);
}
