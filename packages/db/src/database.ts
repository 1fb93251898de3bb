import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";
import { readDbEnv, type TDbEnv } from "./env.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

/** The role the server runs as: owns nothing, cannot bypass row-level security. */
export const APP_ROLE = "shegong_app";

export type DatabaseKind = "pglite" | "postgres";

export interface ShegongDb {
  kind: DatabaseKind;
  /** Queries run as APP_ROLE (for the server) or as the owner (for migrations and operator CLI). */
  db: Kysely<Database>;
  role: "app" | "owner";
  /** PostgreSQL only: the pool under `db`, for what Kysely cannot say (COPY, in bulk loads). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// Same value shapes from both drivers: dates stay 'YYYY-MM-DD' strings (no time-zone shifts),
// int8 becomes a number (our int8 values are counters far below 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

export interface OpenOptions {
  role: "app" | "owner";
  env?: TDbEnv;
  /** PGlite only: a data folder, or "memory://" for a throwaway database (tests). */
  dataDir?: string;
  /** An already-open PGlite instance (tests share one between owner and app handles). */
  pglite?: PGlite;
  /** Postgres only: overrides DATABASE_URL. */
  connectionString?: string;
}

export async function openPglite(dataDir: string, options: { loadDataDir?: Blob } = {}): Promise<PGlite> {
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const instance = new PGlite(dataDir, {
    // A backup's data-folder tarball to start from (restore and the restore drill).
    loadDataDir: options.loadDataDir,
    parsers: {
      [DATE_OID]: (v: string) => v,
      [INT8_OID]: (v: string) => Number(v),
      [NUMERIC_OID]: (v: string) => Number(v),
    },
  });
  await instance.waitReady;
  return instance;
}

export async function openDatabase(options: OpenOptions): Promise<ShegongDb> {
  const env = options.env ?? readDbEnv();
  const url = options.connectionString ?? (options.pglite ? undefined : env.DATABASE_URL);
  if (!url) {
    const ownsInstance = !options.pglite;
    const instance = options.pglite ?? (await openPglite(options.dataDir ?? env.SHEGONG_DATA_DIR));
    const db = new Kysely<Database>({ dialect: new PGliteDialect(instance) });
    // PGlite boots as a superuser; the app handle drops to APP_ROLE for the whole session
    // (the role may not exist before the first migration: assumeAppRole is then called after it).
    const handle: ShegongDb = {
      kind: "pglite",
      db,
      role: options.role,
      close: async () => {
        if (ownsInstance) await instance.close();
      },
    };
    return handle;
  }
  const appUrl = options.role === "app" && !options.connectionString ? env.APP_DATABASE_URL : undefined;
  const pool = new pg.Pool({ connectionString: appUrl ?? url, max: env.SHEGONG_DB_POOL_SIZE });
  // An idle connection can die (server restart, failover); the pool replaces it. Without a listener
  // node-postgres would throw the error and take the whole server down.
  pool.on("error", (error) => console.error(`[db] idle connection lost: ${error.message}`));
  if (options.role === "app" && !appUrl) {
    // Connected as the owner's login: every pooled connection becomes APP_ROLE before first use.
    pool.on("connect", (client) => {
      client.query(`set role ${APP_ROLE}`).catch(() => undefined);
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: lastStatementAnswers(pool) }) });
  return { kind: "postgres", db, role: options.role, pool, close: () => db.destroy() };
}

/**
 * The pool as Kysely sees it. Several statements in one string (no parameters: the simple protocol)
 * answer with the last statement's rows, as they do on PGlite (pglite-dialect.ts): node-postgres
 * gives one result per statement, which Kysely would drop; a station transaction's opening round
 * trip reads the session this way. And a connection the server ends while it is checked out (an
 * idle-in-transaction timeout, a failover) is noted and destroyed on release: node-postgres would
 * otherwise throw that error with no listener, and take the whole server down.
 */
function lastStatementAnswers(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, { client: PostgresPoolClient; broken: boolean; onError: () => void }>();
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let held = wrapped.get(client);
      if (!held) {
        const query = (text: unknown, values?: readonly unknown[]): unknown => {
          // A cursor (Kysely's streaming) is passed through as it is.
          if (typeof text !== "string") return client.query(text as pg.Submittable);
          return client.query(text, values as unknown[]).then((result: pg.QueryResult | pg.QueryResult[]) => (Array.isArray(result) ? result[result.length - 1]! : result));
        };
        const state = {
          broken: false,
          onError: () => {
            state.broken = true;
          },
          client: {
            query: query as PostgresPoolClient["query"],
            release: (destroy?: boolean) => {
              client.off("error", state.onError);
              client.release(destroy || state.broken);
            },
          },
        };
        held = state;
        wrapped.set(client, held);
      }
      held.broken = false;
      client.on("error", held.onError);
      return held.client;
    },
    end: () => pool.end(),
  };
}

/**
 * The count of changes to the kept division totals (migration 2026-11-28-34), read outside any
 * transaction: an answer computed from the totals stays exact while this number stays the same.
 */
export async function readRollupGeneration(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom("rollup_generation").select("generation").executeTakeFirstOrThrow();
  return String(row.generation);
}

/** Reports which database answers and that it answers (GET /healthz). */
export async function pingDatabase(handle: ShegongDb): Promise<boolean> {
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  }
}
