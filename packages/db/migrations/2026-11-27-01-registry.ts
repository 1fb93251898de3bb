import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);

  // High age (高龄) starts at an age each region sets (issue 3); absent rows mean the default, 80.
  await run(`
    create table region_rule (
      division_code text primary key references division(code),
      advanced_age_from smallint not null check (advanced_age_from between 60 and 100),
      updated_at timestamptz not null default now()
    );
  `);

  // Tables that hang off a person reach the station through their composite key to person
  // (station_id, person_id): a second, per-row check against station would only slow bulk imports.
  await run(`
    create table household (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      village_code text references division(code),
      address text not null default '',
      head_person_id uuid,
      note text not null default '',
      created_at timestamptz not null default now(),
      primary key (station_id, id)
    );

    create table person (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      name_pinyin text not null,
      name_initials text not null,
      -- ID numbers: AES-256-GCM ciphertext, an HMAC blind index for duplicates, and the masked form.
      id_cipher bytea not null,
      id_blind bytea not null,
      id_masked text not null,
      sex text not null check (sex in ('male', 'female')),
      birth_date date not null,
      -- The 18th birthday, from the domain's rule (a 29 February birthday comes of age on 1 March):
      -- child categories end on it without anyone having to close them (issue 3).
      adult_on date not null,
      ethnicity_code text,
      phone text,
      village_code text references division(code),
      address text not null default '',
      living_arrangement text,
      economic_source text,
      disability_type text,
      disability_grade smallint,
      care_status text,
      household_id uuid,
      relation_to_head text,
      status text not null default 'active' check (status in ('active', 'moved_out', 'deceased')),
      registered_on date not null,
      moved_out_on date,
      died_on date,
      note text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, id_blind),
      foreign key (station_id, household_id) references household (station_id, id)
    );
    -- Registers list in pinyin order (C collation: pinyin is ASCII) and page through it by index;
    -- pinyin and initials prefix searches use the same kind of index.
    create index person_pinyin_order_idx on person (station_id, name_pinyin collate "C", id);
    create index person_initials_idx on person (station_id, name_initials collate "C");
    create index person_village_idx on person (station_id, village_code);
    create index person_blind_idx on person (id_blind);
    alter table household add foreign key (station_id, head_person_id) references person (station_id, id) deferrable initially deferred;

    create table guardian (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      child_id uuid not null,
      guardian_person_id uuid,
      name text not null,
      relation text not null,
      phone text,
      note text not null default '',
      primary key (station_id, id),
      foreign key (station_id, child_id) references person (station_id, id),
      foreign key (station_id, guardian_person_id) references person (station_id, id)
    );
    create index guardian_child_idx on guardian (station_id, child_id);

    create table person_category (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      person_id uuid not null,
      category text not null,
      start_date date not null,
      end_date date,
      end_reason text,
      source text not null default '',
      note text not null default '',
      -- The category history is this table itself (dated start and end, who did each), so the
      -- timeline reads it here rather than from copies in person_event.
      created_by uuid,
      ended_by uuid,
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id),
      check (end_date is null or end_date >= start_date)
    );
    create index person_category_idx on person_category (station_id, category, start_date);
    create index person_category_person_idx on person_category (station_id, person_id);

    -- Dynamic management (issue 3): every change is dated — categories in person_category, every
    -- other change (registration, moves, death, corrections, ID reveals) here — so any register can
    -- be rebuilt as of a date and a person's timeline shows both.
    create table person_event (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      person_id uuid not null,
      kind text not null,
      effective_date date not null,
      detail jsonb not null default '{}'::jsonb,
      actor_user_id uuid,
      recorded_at timestamptz not null default now(),
      primary key (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id)
    );
    create index person_event_person_idx on person_event (station_id, person_id, effective_date);

    -- The same ID number registered at two stations: a flag in each, naming only the other station.
    create table id_duplicate_flag (
      station_id uuid not null,
      id uuid not null default gen_random_uuid(),
      person_id uuid not null,
      other_station_id uuid not null references station(id),
      detected_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolution text,
      primary key (station_id, id),
      foreign key (station_id, person_id) references person (station_id, id),
      unique (station_id, person_id, other_station_id)
    );

    create table ledger_import (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      ledger_kind text not null,
      file_name text not null,
      file_sha256 text not null,
      rows_total integer not null,
      created_count integer not null,
      updated_count integer not null,
      unchanged_count integer not null,
      rejected_count integer not null,
      actor_user_id uuid,
      committed_at timestamptz not null default now(),
      primary key (station_id, id)
    );
    create index ledger_import_hash_idx on ledger_import (station_id, file_sha256);
  `);

  // Cross-station duplicate detection runs as the owner: it reads other stations' blind indexes and
  // writes a flag into both stations, but returns nothing beyond the other station's id. Set-based,
  // so a 10,000-row ledger import checks every new person in one call.
  await run(`
    create function flag_cross_station_duplicates(p_station uuid, p_people uuid[])
      returns table (person_id uuid, other_station_id uuid) language plpgsql security definer set search_path = public as $$
    begin
      return query
      with mine as (
        select p.id, p.id_blind from person p where p.station_id = p_station and p.id = any(p_people)
      ), others as (
        select m.id as my_person, o.station_id as other_station, o.id as other_person
        from mine m join person o on o.id_blind = m.id_blind and o.station_id <> p_station
      ), flag_mine as (
        insert into id_duplicate_flag (station_id, person_id, other_station_id)
          select p_station, x.my_person, x.other_station from others x
          on conflict do nothing
      ), flag_theirs as (
        insert into id_duplicate_flag (station_id, person_id, other_station_id)
          select x.other_station, x.other_person, p_station from others x
          on conflict do nothing
      )
      select x.my_person, x.other_station from others x;
    end $$;
    revoke all on function flag_cross_station_duplicates(uuid, uuid[]) from public;
    grant execute on function flag_cross_station_duplicates(uuid, uuid[]) to ${APP_ROLE};
  `);

  for (const table of ["household", "person", "guardian", "person_category", "person_event", "id_duplicate_flag", "ledger_import"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table}
        using (station_id = app_station_id() or station_in_scope(station_id))
        with check (station_id = app_station_id() or station_in_scope(station_id));
    `);
  }
  await run(`
    grant select on region_rule to ${APP_ROLE};
    grant select, insert, update on household, person, guardian, person_category, id_duplicate_flag to ${APP_ROLE};
    grant delete on guardian to ${APP_ROLE};
    grant select, insert on person_event, ledger_import to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop function if exists flag_cross_station_duplicates(uuid, uuid[]);
    drop table if exists ledger_import, id_duplicate_flag, person_event, person_category, guardian cascade;
    alter table household drop constraint if exists household_station_id_head_person_id_fkey;
    drop table if exists person, household, region_rule cascade;
  `).execute(db);
}
