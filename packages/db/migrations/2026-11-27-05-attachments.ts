import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.
const APP_ROLE = "shegong_app";

/**
 * Files attached to station records (issue 4: photos and signed forms of a visit). The bytes live
 * in a file store outside the database, addressed by their SHA-256 within the station, so the
 * database stays small enough to back up often and the same photo sent twice is stored once. A
 * removed attachment is only marked removed: the record of what was on file stays.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  await sql.raw(`
    create table attachment (
      station_id uuid not null references station(id),
      id uuid not null default gen_random_uuid(),
      owner_kind text not null check (owner_kind in ('visit')),
      owner_id uuid not null,
      kind text not null check (kind in ('photo', 'signed_form', 'document')),
      file_name text not null check (length(file_name) between 1 and 120),
      mime_type text not null,
      byte_size integer not null check (byte_size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      note text not null default '',
      uploaded_by uuid not null references app_user(id),
      uploaded_at timestamptz not null default now(),
      removed_at timestamptz,
      removed_by uuid references app_user(id),
      primary key (station_id, id)
    );
    create index attachment_owner_idx on attachment (station_id, owner_kind, owner_id);

    alter table attachment enable row level security;
    alter table attachment force row level security;
    create policy attachment_own on attachment using (${own}) with check (${own});
    grant select, insert on attachment to ${APP_ROLE};
    grant update (removed_at, removed_by) on attachment to ${APP_ROLE};
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop table if exists attachment`).execute(db);
}
