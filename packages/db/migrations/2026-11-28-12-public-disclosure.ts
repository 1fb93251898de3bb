import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Public disclosure (issue 5 item 9, R18, R19): what a station says on its public page (address,
 * hours, service phone, introduction, the policy explainers it has edited, its news) and the
 * complaints and suggestions the public sends from it. No table here holds a served person:
 * the page is built from these, the station's registry row, its contractor and agreement, and
 * the rollups. Station-owned: station_id first in every key, RLS as in 2026-11-28-10.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    create table station_public_profile (
      station_id uuid not null references station(id),
      address text not null,
      opening_hours text not null,
      phone text not null default '',
      intro text not null default '',
      service_areas jsonb not null,
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      primary key (station_id)
    );

    -- Only the topics a station has edited; the others show the general text every station starts from.
    create table policy_explainer (
      station_id uuid not null references station(id),
      topic text not null check (topic in ('dibao', 'tekun', 'temporary_assistance', 'advanced_age_allowance')),
      title text not null,
      conditions text not null,
      procedure text not null,
      standards text not null,
      updated_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      primary key (station_id, topic)
    );

    create table station_news (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      title text not null,
      body text not null,
      published_on date not null,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- Taken down, not deleted: what was once public stays on record.
      removed_at timestamptz,
      removed_by uuid references app_user(id),
      primary key (station_id, id)
    );
    create index station_news_published_idx on station_news (station_id, published_on desc) where removed_at is null;

    create table public_message (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      reference text not null check (reference ~ '^[0-9]{8}-[0-9A-Z]{6}$'),
      kind text not null check (kind in ('complaint', 'suggestion', 'inquiry')),
      body text not null check (length(body) between 1 and 1000),
      contact text check (length(contact) <= 60),
      -- A keyed hash of the sender's address and the day: spots a resubmission, names nobody.
      sender_hash text not null,
      status text not null default 'new' check (status in ('new', 'in_progress', 'closed')),
      reply text,
      handled_by uuid references app_user(id),
      handled_at timestamptz,
      received_at timestamptz not null default now(),
      primary key (station_id, id),
      unique (station_id, reference)
    );
    create index public_message_received_idx on public_message (station_id, received_at desc);
  `);

  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  for (const table of ["station_public_profile", "policy_explainer", "station_news", "public_message"]) {
    await run(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_own on ${table} using (${own}) with check (${own});
    `);
  }
  await run(`
    grant select, insert, update on station_public_profile, policy_explainer, station_news, public_message to ${APP_ROLE};
    -- An explainer set back to the general text is deleted (the audit entry keeps the station's version).
    grant delete on policy_explainer to ${APP_ROLE};
  `);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists public_message, station_news, policy_explainer, station_public_profile;`).execute(db);
}
