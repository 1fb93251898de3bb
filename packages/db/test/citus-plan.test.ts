import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

const SCRIPT = readFileSync(join(import.meta.dirname, "../../../infra/citus/scale-out.sql"), "utf8");

interface ForeignKey {
  from: string;
  to: string;
  name: string;
  definition: string;
}

const readForeignKeys = async (db: TestDatabases["owner"]["db"]) =>
  (
    await sql<ForeignKey>`select conrelid::regclass::text as "from", confrelid::regclass::text as "to", conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by 1, 3`.execute(db)
  ).rows;

interface PlannedCall {
  table_name: string;
  kind: "reference" | "distributed";
  distribution_column: string | null;
  colocate_with: string | null;
}

/**
 * Citus cannot be installed here, so the scale-out script runs against the real migrated schema
 * with stand-ins for create_reference_table and create_distributed_table that write down what they
 * were asked. What this proves: every table has a place, the tenant tables share one colocation
 * group, and the foreign keys, taken off so the tables can be converted in any order, all come back.
 */
describe("the Citus scale-out plan (infra/citus/scale-out.sql)", () => {
  let dbs: TestDatabases;
  let calls: PlannedCall[];
  let foreignKeysBefore: ForeignKey[];
  let foreignKeysAfter: ForeignKey[];
  let tables: { name: string; first_key: string | null }[];
  beforeAll(async () => {
    dbs = await createTestDatabases();
    const db = dbs.owner.db;
    await sql`create schema citus_stand_in`.execute(db);
    await sql`create table citus_stand_in.call (seq serial primary key, table_name text, kind text, distribution_column text, colocate_with text)`.execute(db);
    await sql`create function citus_stand_in.create_reference_table(table_name regclass) returns void language sql
      as $$ insert into citus_stand_in.call (table_name, kind) values (table_name::text, 'reference') $$`.execute(db);
    await sql`create function citus_stand_in.create_distributed_table(table_name regclass, distribution_column text, colocate_with text default 'default') returns void language sql
      as $$ insert into citus_stand_in.call (table_name, kind, distribution_column, colocate_with) values (table_name::text, 'distributed', distribution_column, nullif(colocate_with, 'default')) $$`.execute(db);
    foreignKeysBefore = await readForeignKeys(db);
    await db.connection().execute(async (conn) => {
      await sql`set search_path = public, citus_stand_in`.execute(conn);
      await sql.raw(SCRIPT).execute(conn);
      await sql`reset search_path`.execute(conn);
    });
    calls = (await sql<PlannedCall>`select table_name, kind, distribution_column, colocate_with from citus_stand_in.call order by seq`.execute(db)).rows;
    foreignKeysAfter = await readForeignKeys(db);
    tables = (
      await sql<{ name: string; first_key: string | null }>`select c.relname as name,
        (select a.attname from pg_constraint k join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
          where k.conrelid = c.oid and k.contype = 'p') as first_key
        from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')`.execute(db)
    ).rows;
  }, 120_000);
  afterAll(() => dbs?.close());

  it("places every table once, leaving only the migration bookkeeping on the coordinator", () => {
    const placed = calls.map((c) => c.table_name);
    expect(new Set(placed).size).toBe(placed.length);
    expect(tables.map((t) => t.name).filter((t) => !placed.includes(t)).sort()).toEqual(["kysely_migration", "kysely_migration_lock"]);
  });

  it("distributes every station's table by station_id in one colocation group, and copies the shared ones", () => {
    const tenantTables = tables.filter((t) => t.first_key === "station_id").map((t) => t.name);
    expect(tenantTables.length).toBeGreaterThan(40);
    const distributed = calls.filter((c) => c.kind === "distributed");
    expect(distributed.map((c) => c.table_name).sort()).toEqual(tenantTables.sort());
    expect(distributed.every((c) => c.distribution_column === "station_id")).toBe(true);
    const [anchor, ...rest] = distributed;
    expect(anchor!.colocate_with).toBeNull();
    expect(rest.every((c) => c.colocate_with === anchor!.table_name)).toBe(true);
    const reference = calls.filter((c) => c.kind === "reference").map((c) => c.table_name);
    expect(reference).toEqual(expect.arrayContaining(["division", "station", "contractor", "app_user", "role_grant", "division_month_fact"]));
  });

  it("puts every foreign key back as it was, none from a shared table to a station's", () => {
    expect(foreignKeysAfter).toEqual(foreignKeysBefore);
    expect(foreignKeysBefore.length).toBeGreaterThan(100);
    // Citus refuses a key from a reference table to a distributed one.
    const kindOf = new Map(calls.map((c) => [c.table_name, c.kind]));
    expect(foreignKeysAfter.filter((fk) => kindOf.get(fk.from) === "reference" && kindOf.get(fk.to) === "distributed")).toEqual([]);
    // Between a station's tables, Citus needs the key to carry station_id on both sides.
    const tenantKeys = foreignKeysAfter.filter((fk) => kindOf.get(fk.from) === "distributed" && kindOf.get(fk.to) === "distributed");
    expect(tenantKeys.length).toBeGreaterThan(30);
    expect(tenantKeys.filter((fk) => !/^FOREIGN KEY \(station_id, .*REFERENCES \w+\(station_id, /.test(fk.definition))).toEqual([]);
  });

  it("converts the shared tables before the station group, whose first table anchors the rest", () => {
    const firstDistributed = calls.findIndex((c) => c.kind === "distributed");
    expect(calls.slice(firstDistributed).every((c) => c.kind === "distributed")).toBe(true);
  });

  it("stops with the table's name when a new table has no place in the plan", async () => {
    const db = dbs.owner.db;
    await sql`create table public.unplanned (id int primary key)`.execute(db);
    await expect(
      db.connection().execute(async (conn) => {
        await sql`set search_path = public, citus_stand_in`.execute(conn);
        try {
          await sql.raw(SCRIPT).execute(conn);
        } finally {
          await sql`reset search_path`.execute(conn);
        }
      }),
    ).rejects.toThrow(/unplanned has no place in the Citus plan/);
    await sql`drop table public.unplanned`.execute(db);
  });
});
