import { readRollupGeneration, type ShegongDb } from "@shegong/db";

/**
 * Dashboard answers over the kept division totals, kept per database while those totals do not
 * change. Supervisors across a region read the same few units and months over and over, and the
 * totals move only when a station's refresh commits (which moves the generation in the same
 * transaction): between two refreshes every answer would be recomputed to the same result.
 * Access is checked before an answer is looked up, and the answer holds counts only, already
 * suppressed, so one kept answer serves every caller allowed to ask for it.
 */
interface Kept {
  generation: string;
  until: number;
  value: unknown;
}

/** A backstop for what the generation does not count (division names when a new year's codes load). */
const KEEP_MS = 60_000;
const MAX_KEPT = 500;

const keptByDatabase = new WeakMap<ShegongDb["db"], Map<string, Kept>>();

export async function keptWhileRollupsUnchanged<T>(database: ShegongDb, key: string, compute: () => Promise<T>): Promise<T> {
  // Read before computing: an answer computed after a later refresh is labelled older, never newer.
  const generation = await readRollupGeneration(database.db);
  let kept = keptByDatabase.get(database.db);
  if (!kept) keptByDatabase.set(database.db, (kept = new Map()));
  const now = Date.now();
  const hit = kept.get(key);
  if (hit && hit.generation === generation && hit.until > now) {
    // Most recently used last, so the oldest goes first when the map is full.
    kept.delete(key);
    kept.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  kept.delete(key);
  kept.set(key, { generation, until: now + KEEP_MS, value });
  if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return value;
}
