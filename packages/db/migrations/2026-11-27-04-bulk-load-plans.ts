import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

const BODY = (mine: string) => `
    create or replace function flag_cross_station_duplicates(p_station uuid, p_people uuid[])
      returns table (person_id uuid, other_station_id uuid) language plpgsql security definer set search_path = public as $$
    begin
      return query
      with mine as (${mine}
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
    end $$;`;

/**
 * Plans that stay good while an import grows a table from nothing to 10,000 rows.
 *
 * Foreign-key checks run through plans cached per connection; one first planned while the person
 * table was tiny scans it, and keeps scanning it for each of 20,000 category and event rows of a
 * large import (20 s on the embedded database). An import that has just written its people calls
 * `refresh_registry_statistics()`: ANALYZE counts the transaction's own new rows, and new
 * statistics invalidate the cached plans. It runs as the owner (the app role owns no table).
 *
 * The people of an import are joined, not tested with "= any(array)": without statistics the
 * planner filtered a scan of the station by a 10,000-element array, one linear search per row
 * (a 10,000-row ledger spent 20 s here on the embedded database).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(BODY(`
        select p.id, p.id_blind from unnest(p_people) as u(id) join person p on p.station_id = p_station and p.id = u.id`)).execute(db);
  await sql.raw(`
    create function refresh_registry_statistics() returns void language plpgsql security definer set search_path = public as $$
    begin
      analyze person;
      analyze household;
    end $$;
    revoke all on function refresh_registry_statistics() from public;
    grant execute on function refresh_registry_statistics() to shegong_app;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`drop function if exists refresh_registry_statistics()`).execute(db);
  await sql.raw(BODY(`
        select p.id, p.id_blind from person p where p.station_id = p_station and p.id = any(p_people)`)).execute(db);
}
