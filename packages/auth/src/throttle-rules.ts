/**
 * Login throttling. Three counters over a 15-minute window:
 * - the pair (account, address): 5 failures lock that pair for 15 minutes — the guesser is stopped;
 * - the address: 30 failures lock the address for 15 minutes — spraying many accounts is stopped;
 * - the account from anywhere: from 10 failures, a lock of 2^(n-10) seconds capped at 60 — so a
 *   stranger elsewhere can slow a real user's login by a minute at most, never lock them out.
 */
export type ThrottleKind = "pair" | "address" | "account";

export const THROTTLE_WINDOW_MS = 15 * 60_000;

export function throttleKeys(username: string, ip: string): Record<ThrottleKind, string> {
  const user = username.trim().toLowerCase();
  return { pair: `pair:${user}|${ip}`, address: `ip:${ip}`, account: `user:${user}` };
}

/** How long a key is locked after its `failures`-th failure, in ms (0: not locked). */
export function lockDurationMs(kind: ThrottleKind, failures: number): number {
  switch (kind) {
    case "pair":
      return failures >= 5 ? 15 * 60_000 : 0;
    case "address":
      return failures >= 30 ? 15 * 60_000 : 0;
    case "account":
      return failures >= 10 ? Math.min(2 ** (failures - 10), 60) * 1000 : 0;
  }
}
