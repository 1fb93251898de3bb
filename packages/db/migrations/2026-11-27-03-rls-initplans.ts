import { sql, type Kysely } from "kysely";

// Frozen in time: never import application code here.

/**
 * Row-level security at the same strength, evaluated once per query instead of once per row:
 * the settings are read in sub-selects (init plans) and the stations under a division scope are a
 * hashed set. On a 20,000-person register the per-row form cost more than the query itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`
    create function stations_in_scope() returns setof uuid language sql stable as
      $$ select s.id from station s where app_division_scope() is not null and s.division_code like app_division_scope() || '%' $$;
  `);
  const own = `station_id = (select app_station_id()) or station_id in (select stations_in_scope())`;
  const tables = await sql<{ tablename: string }>`select tablename from pg_policies where schemaname = 'public' and policyname = tablename || '_own'`.execute(db);
  for (const { tablename } of tables.rows) {
    await run(`
      drop policy ${tablename}_own on ${tablename};
      create policy ${tablename}_own on ${tablename} using (${own}) with check (${own});
    `);
  }
  const divisionScoped = `((select app_division_scope()) is not null and division_code like (select app_division_scope()) || '%')`;
  await run(`
    drop policy station_insert on station;
    create policy station_insert on station for insert with check (${divisionScoped});
    drop policy station_update on station;
    create policy station_update on station for update using (id = (select app_station_id()) or ${divisionScoped});

    drop policy role_grant_visible on role_grant;
    create policy role_grant_visible on role_grant
      using (user_id = (select app_user_id()) or ${own} or ${divisionScoped})
      with check (${own} or ${divisionScoped});

    drop policy audit_event_read on audit_event;
    create policy audit_event_read on audit_event for select
      using (${own} or (station_id = '00000000-0000-0000-0000-000000000000' and (select app_division_scope()) is not null));
    drop policy audit_event_write on audit_event;
    create policy audit_event_write on audit_event for insert
      with check (station_id = '00000000-0000-0000-0000-000000000000' or ${own});
  `);
}

export async function down(): Promise<void> {
  // The earlier per-row policies are equivalent; nothing to restore.
}
