import { join, resolve } from "node:path";
import { createDiskFileStore, seedDemo, type FileStore } from "@shegong/api";
import { createPersonalDataCipher, loadPersonalDataKey, type PersonalDataCipher } from "@shegong/auth";
import { analyzeEmbedded, APP_ROLE, readDbEnv, scheduleEmbeddedAnalyze, countDivisions, loadDivisions, migrateToLatest, openDatabase, type ShegongDb } from "@shegong/db";
import { sql } from "kysely";
import type { TServerEnv } from "./env.ts";

/**
 * Brings a database to the current schema with Xinjiang's divisions, and seeds the demo region
 * where demo mode applies (embedded database by default). Returns the app-role handle.
 */
/** The cipher for citizen ID numbers, from SHEGONG_PII_KEY or the embedded default's own key file. */
export function preparePersonalData(env: TServerEnv): PersonalDataCipher {
  const dbEnv = readDbEnv();
  return createPersonalDataCipher(loadPersonalDataKey({ envKey: env.SHEGONG_PII_KEY, dataDir: dbEnv.DATABASE_URL ? undefined : dbEnv.SHEGONG_DATA_DIR }));
}

const EMBEDDED_ANALYZE_EVERY_MS = 10 * 60_000;

/** Where attachment bytes live: SHEGONG_FILES_DIR, or files/ in the data folder. */
export function fileStoreDir(env: TServerEnv): string {
  return env.SHEGONG_FILES_DIR ? resolve(process.env.INIT_CWD || process.cwd(), env.SHEGONG_FILES_DIR) : join(readDbEnv().SHEGONG_DATA_DIR, "files");
}

export function prepareFileStore(env: TServerEnv): FileStore {
  return createDiskFileStore(fileStoreDir(env));
}

export async function prepareDatabase(env: TServerEnv, pii: PersonalDataCipher, log: (line: string) => void = console.log): Promise<ShegongDb> {
  const owner = await openDatabase({ role: "owner" });
  const migrations = await migrateToLatest(owner.db);
  for (const m of migrations.results ?? []) log(`migrated ${m.migrationName}: ${m.status}`);
  if ((await countDivisions(owner.db)) === 0) log(`loaded ${await loadDivisions(owner.db, "xinjiang")} divisions of Xinjiang`);
  const demo = env.SHEGONG_DEMO === "true" || (env.SHEGONG_DEMO === "auto" && owner.kind === "pglite");
  if (demo && (await seedDemo(owner.db, pii, prepareFileStore(env))).created) log("seeded the demo region (Changji prefecture, Liugong station)");
  if (owner.kind === "pglite") {
    // One process, one embedded database: the owner's connection drops to the app role for good
    // (each transaction sets it again locally as well).
    await sql`set role ${sql.raw(APP_ROLE)}`.execute(owner.db);
    const app: ShegongDb = { ...owner, role: "app" };
    // No autovacuum inside PGlite: keep the planner's statistics fresh ourselves.
    await analyzeEmbedded(app);
    scheduleEmbeddedAnalyze(app, EMBEDDED_ANALYZE_EVERY_MS, (error) => log(`analyze failed: ${(error as Error).message}`));
    return app;
  }
  await owner.close();
  return openDatabase({ role: "app" });
}
