import { freezeEndedMonth, markCurrentMonths, refreshDirtyRollups } from "@shegong/api";
import type { ShegongDb } from "@shegong/db";
import { todayInShanghai } from "@shegong/domain";

/**
 * Keeps the reporting rollups current (issue 7): every few seconds it recomputes the station-months
 * that writes marked, and once per Beijing day it marks every station's current month, because
 * stocks (ages, overdue visits) move with the calendar. Once a month has ended and its marks are
 * drained, it freezes that month's report (issue 7 item 4). Rounds never overlap; marks are rows,
 * so a restart simply carries on where the last process stopped.
 */
export function startRollupRefresher(database: ShegongDb, everyMs: number, log: (line: string) => void): () => Promise<void> {
  let markedDay = "";
  let frozenMonth = "";
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    const today = todayInShanghai();
    if (today !== markedDay) {
      await markCurrentMonths(database.db);
      markedDay = today;
    }
    // Drain what is marked, a batch of stations at a time, then wait for the next tick.
    while (!stopped) {
      const done = await refreshDirtyRollups(database.db, { today, stations: 20 });
      if (done.stations === 0) break;
    }
    if (!stopped && frozenMonth !== today.slice(0, 7)) {
      const frozen = await freezeEndedMonth(database.db, today);
      if (frozen.outcome === "frozen") log(`[rollups] froze the ${frozen.month} report`);
      // Not settled yet: tried again next tick. Frozen (here, by another server or the CLI): done for this month.
      if (frozen.outcome !== "not_settled") frozenMonth = today.slice(0, 7);
    }
  };
  const tick = () => {
    running = round()
      .catch((error: unknown) => log(`[rollups] refresh failed: ${(error as Error).message}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  let timer = setTimeout(tick, 1_000);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
