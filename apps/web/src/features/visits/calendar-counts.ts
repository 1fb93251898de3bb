/**
 * The station calendar's numbers (issue 4 item 1): per day, visits made and people falling due.
 * Anyone already late is counted on today, where the work actually waits.
 */
export interface DayCounts {
  done: number;
  due: number;
}

export function calendarCounts(due: readonly { dueOn: string }[], visits: readonly { visitedOn: string }[], today: string): Map<string, DayCounts> {
  const days = new Map<string, DayCounts>();
  const at = (day: string) => {
    const c = days.get(day) ?? { done: 0, due: 0 };
    days.set(day, c);
    return c;
  };
  for (const v of visits) at(v.visitedOn).done += 1;
  for (const d of due) at(d.dueOn < today ? today : d.dueOn).due += 1;
  return days;
}
