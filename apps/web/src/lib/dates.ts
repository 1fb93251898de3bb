import { TIME_ZONE, type Locale } from "@shegong/domain";

const formatters = new Map<Locale, Intl.DateTimeFormat>();

/**
 * Instants shown as Beijing time wherever the browser is. The API sends timestamps as JSON strings
 * (no transformer), though their inferred type says Date, so both are accepted.
 */
export function formatDateTime(value: Date | string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "—";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
    formatters.set(locale, formatter);
  }
  return formatter.format(date);
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
