import { sql } from "kysely";
import type { Tx } from "@shegong/db";
import { lockDurationMs, throttleKeys, THROTTLE_WINDOW_MS, type ThrottleKind } from "./throttle-rules.ts";

/** Seconds until a login from this address for this account may be tried again (0: now). */
export async function loginRetryAfter(tx: Tx, username: string, ip: string, now: Date): Promise<number> {
  const keys = Object.values(throttleKeys(username, ip));
  const rows = await tx.selectFrom("login_throttle").select(["locked_until"]).where("key", "in", keys).execute();
  let until = 0;
  for (const row of rows) {
    if (row.locked_until && row.locked_until > now) until = Math.max(until, row.locked_until.getTime());
  }
  return until ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordLoginFailure(tx: Tx, username: string, ip: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const keys = throttleKeys(username, ip);
  for (const [kind, key] of Object.entries(keys) as [ThrottleKind, string][]) {
    const row = await tx
      .insertInto("login_throttle")
      .values({ key, failures: 1, first_failure_at: now, locked_until: null })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          // A failure after the window has passed starts a new count.
          failures: sql`case when login_throttle.first_failure_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
          first_failure_at: sql`case when login_throttle.first_failure_at < ${windowStart} then ${now} else login_throttle.first_failure_at end`,
        }),
      )
      .returning(["failures"])
      .executeTakeFirstOrThrow();
    const lockMs = lockDurationMs(kind, row.failures);
    if (lockMs > 0) {
      await tx
        .updateTable("login_throttle")
        .set({ locked_until: new Date(now.getTime() + lockMs) })
        .where("key", "=", key)
        .execute();
    }
  }
}

/** A correct password clears the account's own counters (not the address's). */
export async function clearLoginFailures(tx: Tx, username: string, ip: string): Promise<void> {
  const keys = throttleKeys(username, ip);
  await tx.deleteFrom("login_throttle").where("key", "in", [keys.pair, keys.account]).execute();
}
