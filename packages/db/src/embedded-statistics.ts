import { sql } from "kysely";
import type { ShegongDb } from "./database.ts";

/**
 * PGlite runs no autovacuum daemon, so nothing would ever refresh the planner's statistics and a
 * register of 10,000 people would be planned as if it held one. On the embedded database the server
 * analyzes the way autovacuum would: once at startup and then on a timer. ANALYZE samples, so this
 * costs a fraction of a second even for a large station. A real server does this by itself.
 */
export async function analyzeEmbedded(handle: ShegongDb): Promise<boolean> {
  if (handle.kind !== "pglite") return false;
  await handle.db.transaction().execute(async (tx) => {
    // The app handle has dropped to the app role, which owns no table; the owner analyzes, for
    // this transaction only.
    await sql`set local role none`.execute(tx);
    await sql`analyze`.execute(tx);
  });
  return true;
}

/** Analyzes the embedded database every `everyMs`; returns the stop function. */
export function scheduleEmbeddedAnalyze(handle: ShegongDb, everyMs: number, onError: (error: unknown) => void): () => void {
  if (handle.kind !== "pglite") return () => undefined;
  const timer = setInterval(() => {
    analyzeEmbedded(handle).catch(onError);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
