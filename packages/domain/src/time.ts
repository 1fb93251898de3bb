import { z } from "zod";

/** All stations are in China; "today" for deadlines (R13: 15 Nov, 31 Dec) is the Beijing-time date. */
export const TIME_ZONE = "Asia/Shanghai";

const shanghaiDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

// China has kept UTC+8 all year since 1992 (it had summer time 1986–1991): from then on the date is
// plain arithmetic, which every request's "today" can afford; earlier instants ask the time zone data.
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const UTC_PLUS_8_MS = 8 * 3_600_000;

// en-CA formats as YYYY-MM-DD.
export function todayInShanghai(now: Date = new Date()): string {
  const t = now.getTime();
  if (t >= FIXED_OFFSET_SINCE && t < Date.UTC(9999, 0, 1)) return new Date(t + UTC_PLUS_8_MS).toISOString().slice(0, 10);
  return shanghaiDate.format(now);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digitsAt(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** True for a YYYY-MM-DD string naming a real Gregorian date (rejects 2023-02-29, 2024-13-01). */
export function isIsoDate(value: string): boolean {
  return isoDateToDays(value) !== null;
}

// Date arithmetic runs for every person on a due list, so it is plain integer arithmetic on day
// numbers (H. Hinnant's days-from-civil), not Date objects and string round trips.

/** Days since 1970-01-01 for a real YYYY-MM-DD date; null for anything else. */
export function isoDateToDays(value: string): number | null {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return null;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return civilToDays(year, month, day);
}

/** Days since 1970-01-01 of a calendar date (month 1–12; day may run past the month's end). */
export function civilToDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The YYYY-MM-DD date `days` after 1970-01-01. */
export function daysToIsoDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

export const ZIsoDateSchema = z.string().refine(isIsoDate, {
  error: "日期须为有效的 YYYY-MM-DD 格式 / Date must be a real date in YYYY-MM-DD form",
});
export type TIsoDate = z.infer<typeof ZIsoDateSchema>;
