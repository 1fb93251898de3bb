/**
 * The station calendar's numbers (issue 4 item 1): per day, visits made and people falling due.
 * The server already counts anyone late on today, where the work actually waits.
 */
export interface DayCounts {
  done: number;
  due: number;
}

export function calendarCounts(due: readonly { day: string; due: number }[], visits: readonly { visitedOn: string }[]): Map<string, DayCounts> {
  const days = new Map<string, DayCounts>();
  const at = (day: string) => {
    const c = days.get(day) ?? { done: 0, due: 0 };
    days.set(day, c);
    return c;
  };
  for (const v of visits) at(v.visitedOn).done += 1;
  for (const d of due) at(d.day).due += d.due;
  return days;
}
