import { openDatabase, openPglite, type ShegongDb } from "./database.ts";
import { loadDivisions } from "./divisions.ts";
import { migrateToLatest } from "./migrate.ts";
import pg from "pg";

export interface TestDatabases {
  kind: "pglite" | "postgres";
  /** PostgreSQL only: the connection string of this test's own database. */
  url?: string;
  owner: ShegongDb;
  app: ShegongDb;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database with Xinjiang's divisions for one test file: in-memory PGlite by
 * default, or a new database on the server named by TEST_DATABASE_URL (the same tests, both ways).
 */
export async function createTestDatabases(kind: "pglite" | "postgres" = process.env.TEST_DATABASE_URL ? "postgres" : "pglite"): Promise<TestDatabases> {
  if (kind === "pglite") {
    const instance = await openPglite("memory://");
    const owner = await openDatabase({ role: "owner", pglite: instance });
    const app = await openDatabase({ role: "app", pglite: instance });
    await migrateToLatest(owner.db);
    await loadDivisions(owner.db, "xinjiang");
    return { kind, owner, app, close: () => instance.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `shegong_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const owner = await openDatabase({ role: "owner", connectionString: url.toString() });
  await migrateToLatest(owner.db);
  await loadDivisions(owner.db, "xinjiang");
  const app = await openDatabase({ role: "app", connectionString: url.toString() });
  return {
    kind,
    url: url.toString(),
    owner,
    app,
    close: async () => {
      await app.close();
      await owner.close();
      // The pools are ended, but a closing socket can still hold its backend for a moment: wait for
      // it rather than force it, which would send a FATAL to a client that is already ending.
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      for (let attempt = 0; ; attempt++) {
        try {
          await drop.query(`drop database if exists ${name}${attempt >= 50 ? " with (force)" : ""}`);
          break;
        } catch (error) {
          if (attempt >= 50 || (error as { code?: string }).code !== "55006") throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await drop.end();
    },
  };
}
