import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE } from "../src/database.ts";
import { analyzeEmbedded } from "../src/embedded-statistics.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

describe("planner statistics on the embedded database", () => {
  let dbs: TestDatabases;
  beforeAll(async () => {
    dbs = await createTestDatabases();
  }, 60_000);
  afterAll(() => dbs?.close());

  const divisionRowsEstimate = async () =>
    Number((await sql<{ n: number }>`select reltuples::int8 as n from pg_class where relname = 'division'`.execute(dbs.owner.db)).rows[0]!.n);

  it("analyzes as the owner from a handle running as the app role, and leaves it the app role", async () => {
    if (dbs.kind !== "pglite") {
      // A real server has autovacuum; nothing to do there.
      expect(await analyzeEmbedded(dbs.app)).toBe(false);
      return;
    }
    await sql`set role ${sql.raw(APP_ROLE)}`.execute(dbs.app.db);
    try {
      expect(await divisionRowsEstimate()).toBeLessThan(1);
      expect(await analyzeEmbedded(dbs.app)).toBe(true);
      expect(await divisionRowsEstimate()).toBeGreaterThan(10_000);
      const role = await sql<{ r: string }>`select current_user as r`.execute(dbs.app.db);
      expect(role.rows[0]!.r).toBe(APP_ROLE);
    } finally {
      await sql`reset role`.execute(dbs.app.db);
    }
  });
});
