import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * The due list kept as rows (issue 4 speed): one row per person on a station's rounds with their
 * due date, so a worker's overdue page reads an index instead of recomputing 2,000 people's
 * cadences and last visits on every open.
 *
 * Facts mark whom they change: statement-level triggers on person_category, person and visit put
 * the people concerned in `visit_due_dirty`, committed with the fact, so the marks survive a crash.
 * Before reading, the server recomputes the marked people with the domain's cadence rules (they
 * live in TypeScript, not here) and rows whose `valid_until` has come — the day a category starts
 * or ends by itself (an end date, a death, a child's 18th birthday) with nobody writing anything.
 * `visit_due_state` holds the cadence rules a station's rows were computed under; a change to a
 * station's or a region's override drops the state of the stations it reaches, so the next read
 * recomputes them whole — and a read finds the rows current with one look at the state and marks.
 */
/** A statement trigger's function doing the same with the rows written, or removed, or both. */
function statementFunction(name: string, body: (rows: "new_rows" | "old_rows") => string): string {
  return `
    create function ${name}() returns trigger language plpgsql security definer set search_path = public as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then ${body("new_rows")}
      end if;
      if tg_op in ('DELETE', 'UPDATE') then ${body("old_rows")}
      end if;
      return null;
    end $$;`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    create table visit_due (
      station_id uuid not null,
      person_id uuid not null,
      -- Null: on the registry with a category that has not started yet (see valid_until).
      due_on date,
      last_visit_on date,
      categories text[] not null,
      cadence_unit text,
      cadence_every integer,
      from_category text,
      living_alone_rule boolean not null default false,
      -- Kept beside the date so a page is read off one index in its order, joined to 50 people,
      -- not 2,000; a person's update marks them when either changes.
      name_pinyin text not null default '',
      assigned_worker_id uuid,
      valid_until date,
      computed_on date not null,
      primary key (station_id, person_id),
      foreign key (station_id, person_id) references person (station_id, id) on delete cascade
    );
    create index visit_due_page_idx on visit_due (station_id, due_on, name_pinyin collate "C", person_id) where due_on is not null;
    create index visit_due_valid_idx on visit_due (station_id, valid_until) where valid_until is not null;

    create table visit_due_dirty (
      station_id uuid not null,
      person_id uuid not null,
      primary key (station_id, person_id)
    );

    create table visit_due_state (
      station_id uuid primary key references station (id),
      rules text not null,
      updated_at timestamptz not null default now()
    );

    -- A household visit moves every member's due date: find them without scanning the station.
    create index person_household_idx on person (station_id, household_id) where household_id is not null;

    ${statementFunction("visit_due_mark_category", (rows) => `
      insert into visit_due_dirty (station_id, person_id)
      select distinct station_id, person_id from ${rows} on conflict do nothing;`)}

    -- Only what the due date reads: a phone number or an address changes nothing.
    create function visit_due_mark_person() returns trigger language plpgsql security definer set search_path = public as $$
    begin
      insert into visit_due_dirty (station_id, person_id)
      select n.station_id, n.id from new_rows n join old_rows o on o.station_id = n.station_id and o.id = n.id
      where (n.status, n.living_arrangement, n.household_id, n.registered_on, n.died_on, n.moved_out_on, n.adult_on, n.name_pinyin, n.assigned_worker_id)
        is distinct from (o.status, o.living_arrangement, o.household_id, o.registered_on, o.died_on, o.moved_out_on, o.adult_on, o.name_pinyin, o.assigned_worker_id)
      on conflict do nothing;
      return null;
    end $$;

    ${statementFunction("visit_due_mark_visit", (rows) => `
      insert into visit_due_dirty (station_id, person_id)
      select r.station_id, r.person_id from ${rows} r where r.person_id is not null
      union
      select p.station_id, p.id from ${rows} r join person p on p.station_id = r.station_id and p.household_id = r.household_id
      where r.household_id is not null
      on conflict do nothing;`)}

    ${statementFunction("visit_due_forget_station_rules", (rows) => `
      delete from visit_due_state s using ${rows} r where s.station_id = r.station_id;`)}

    ${statementFunction("visit_due_forget_region_rules", (rows) => `
      delete from visit_due_state s using station st, ${rows} r
      where st.id = s.station_id and st.division_code like r.division_code || '%';`)}
  `);
  const statementTriggers = [
    ["person_category", "visit_due_mark_category"],
    ["visit", "visit_due_mark_visit"],
    ["station_cadence", "visit_due_forget_station_rules"],
    ["region_cadence", "visit_due_forget_region_rules"],
  ] as const;
  for (const [table, fn] of statementTriggers) {
    await run(`
      create trigger ${table}_due_insert after insert on ${table}
        referencing new table as new_rows for each statement execute function ${fn}();
      create trigger ${table}_due_update after update on ${table}
        referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();
      create trigger ${table}_due_delete after delete on ${table}
        referencing old table as old_rows for each statement execute function ${fn}();
    `);
  }
  // A new person holds no category yet (their categories mark them); only updates matter here.
  await run(`
    create trigger person_due_update after update on person
      referencing old table as old_rows new table as new_rows for each statement execute function visit_due_mark_person();

    -- Statistics after a station's rows are first written (the embedded database has no autovacuum,
    -- and without them the planner takes 2,000 rows for 4). Runs as the owner: the app role owns no table.
    create function refresh_visit_due_statistics() returns void language plpgsql security definer set search_path = public as $$
    begin
      analyze visit_due;
    end $$;
    revoke all on function refresh_visit_due_statistics() from public;
    grant execute on function refresh_visit_due_statistics() to ${APP_ROLE};

    -- The rows already there when this migration runs are computed on first read.
    insert into visit_due_dirty (station_id, person_id) select distinct station_id, person_id from person_category;
  `);
  for (const table of ["visit_due", "visit_due_dirty", "visit_due_state"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
      grant select, insert, update, delete on ${table} to ${APP_ROLE};
    `);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop trigger if exists person_due_update on person;
    ${["person_category", "visit", "station_cadence", "region_cadence"].map((t) => `drop trigger if exists ${t}_due_insert on ${t}; drop trigger if exists ${t}_due_update on ${t}; drop trigger if exists ${t}_due_delete on ${t};`).join("\n")}
    drop function if exists refresh_visit_due_statistics();
    drop function if exists visit_due_mark_category();
    drop function if exists visit_due_mark_person();
    drop function if exists visit_due_mark_visit();
    drop function if exists visit_due_forget_station_rules();
    drop function if exists visit_due_forget_region_rules();
    drop index if exists person_household_idx;
    drop table if exists visit_due, visit_due_dirty, visit_due_state;
  `).execute(db);
}
