import { z } from "zod";

/** All stations are in China; "today" for deadlines (R13: 15 Nov, 31 Dec) is the Beijing-time date. */
export const TIME_ZONE = "Asia/Shanghai";

const shanghaiDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// en-CA formats as YYYY-MM-DD; called once per ledger row, so it stays a single format() call.
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate.format(now);
}

/** True for a YYYY-MM-DD string naming a real Gregorian date (rejects 2023-02-29, 2024-13-01). */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; UTC avoids any local-zone DST shifts.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export const ZIsoDateSchema = z.string().refine(isIsoDate, {
  error: "日期须为有效的 YYYY-MM-DD 格式 / Date must be a real date in YYYY-MM-DD form",
});
export type TIsoDate = z.infer<typeof ZIsoDateSchema>;
