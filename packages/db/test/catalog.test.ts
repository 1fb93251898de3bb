import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE } from "../src/database.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

/** The database itself keeps stations apart: these checks read the catalog, not our code. */
describe("catalog: row-level security and the server's role", () => {
  let dbs: TestDatabases;
  beforeAll(async () => {
    dbs = await createTestDatabases();
  }, 60_000);
  afterAll(() => dbs?.close());

  it("every table with a station_id column has RLS enabled and forced, with a policy", async () => {
    const rows = await sql<{ table_name: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }>`
      select c.relname as table_name, c.relrowsecurity, c.relforcerowsecurity,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'station_id' and not a.attisdropped)
      order by 1`.execute(dbs.owner.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows.rows) {
      expect(row, row.table_name).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(row.policies, row.table_name).toBeGreaterThan(0);
    }
  });

  it("tenant tables (station_id not null) lead their primary key and foreign keys with station_id", async () => {
    const rows = await sql<{ table_name: string; kind: string; first_column: string }>`
      select c.relname as table_name, con.contype::text as kind, a.attname as first_column
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum = con.conkey[1]
      where n.nspname = 'public' and con.contype in ('p', 'f')
        and exists (select 1 from pg_attribute s where s.attrelid = c.oid and s.attname = 'station_id' and s.attnotnull)
        and (con.contype = 'p' or exists (select 1 from unnest(con.conkey) k join pg_attribute x on x.attrelid = c.oid and x.attnum = k where x.attname = 'station_id'))`.execute(dbs.owner.db);
    const primaryKeys = rows.rows.filter((r) => r.kind === "p");
    expect(primaryKeys.length).toBeGreaterThanOrEqual(3);
    for (const row of rows.rows) expect(row.first_column, `${row.table_name} ${row.kind}`).toBe("station_id");
  });

  it("the server's role is neither superuser nor BYPASSRLS nor owner of anything", async () => {
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>`
      select r.rolsuper, r.rolbypassrls,
        (select count(*)::int from pg_class c where c.relowner = r.oid) +
        (select count(*)::int from pg_proc p where p.proowner = r.oid) as owned
      from pg_roles r where r.rolname = ${APP_ROLE}`.execute(dbs.owner.db);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
  });

  it("the server's role may only append to the audit log", async () => {
    const grants = await sql<{ privilege_type: string }>`
      select privilege_type from information_schema.role_table_grants
      where grantee = ${APP_ROLE} and table_name = 'audit_event' order by 1`.execute(dbs.owner.db);
    expect(grants.rows.map((g) => g.privilege_type)).toEqual(["INSERT", "SELECT"]);
  });
});
