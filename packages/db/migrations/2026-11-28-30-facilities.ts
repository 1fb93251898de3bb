import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Facilities, signage and house rules (issue 5 item 5, R4, R5, R8): the office area (at least 20 m²,
 * or an exception with its reason), rooms, equipment and who provided it, the plaque and marks
 * (their photos are attachments owned by the sign), and the house rules as revisions that are
 * never rewritten. Station-owned: station_id first in every key, RLS as in 2026-11-28-11.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    create table station_facility (
      station_id uuid not null references station(id),
      office_area_m2 numeric(7, 1) not null check (office_area_m2 > 0),
      area_exception_reason text,
      note text not null default '',
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      primary key (station_id),
      check (office_area_m2 >= 20 or area_exception_reason is not null)
    );

    create table facility_room (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('case_counselling', 'group_activity', 'multi_use', 'office', 'other')),
      name text not null,
      area_m2 numeric(7, 1) check (area_m2 > 0),
      uses text not null default '',
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by uuid references app_user(id),
      primary key (station_id, id)
    );

    create table facility_equipment (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      quantity integer not null check (quantity between 1 and 9999),
      provided_by text not null check (provided_by in ('township', 'contractor')),
      note text not null default '',
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by uuid references app_user(id),
      primary key (station_id, id)
    );

    create table station_sign (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      kind text not null check (kind in ('plaque', 'mark')),
      wording text not null,
      location text not null default '',
      installed_on date,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by uuid references app_user(id),
      primary key (station_id, id)
    );

    create table house_rule_revision (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      rule text not null check (rule in ('organization_duties', 'service_process', 'personnel', 'volunteers', 'venue_use', 'archives', 'recipient_database')),
      revision integer not null check (revision >= 1),
      title text not null,
      body text not null,
      effective_on date not null,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, rule, revision)
    );

    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement', 'activity', 'case', 'station_sign'));
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  for (const table of ["station_facility", "facility_room", "facility_equipment", "station_sign", "house_rule_revision"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  // Rooms, equipment and signs are corrected or taken off the list (the audit keeps what they were;
  // a removed sign keeps its photos); a house rule is revised by adding a revision, never by editing one.
  await run(`
    grant select, insert, update on station_facility, facility_room, facility_equipment, station_sign to ${APP_ROLE};
    grant select, insert on house_rule_revision to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table attachment drop constraint attachment_owner_kind_check;
    alter table attachment add constraint attachment_owner_kind_check check (owner_kind in ('visit', 'agreement', 'activity', 'case'));
    drop table if exists house_rule_revision, station_sign, facility_equipment, facility_room, station_facility;
  `).execute(db);
}
