import { describe, expect, it } from "vitest";
import { ZIsoDateSchema, daysToIsoDate, isIsoDate, isoDateToDays, todayInShanghai } from "./time.ts";

describe("todayInShanghai", () => {
  it("uses the Beijing date, which runs 8 hours ahead of UTC", () => {
    expect(todayInShanghai(new Date("2025-12-31T15:59:59Z"))).toBe("2025-12-31");
    expect(todayInShanghai(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
  });

  it("agrees with the time zone data, also across 1986–1991 summer time", () => {
    const zone = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
    for (let t = Date.UTC(1985, 0, 1); t < Date.UTC(2040, 0, 1); t += 7 * 86_400_000 + 3_599_000) {
      expect(todayInShanghai(new Date(t))).toBe(zone.format(new Date(t)));
    }
    // 1988-07-01 15:30 UTC is 00:30 on 2 July under that summer's UTC+9.
    expect(todayInShanghai(new Date("1988-07-01T15:30:00Z"))).toBe("1988-07-02");
  });

  it("pads months and days", () => {
    expect(todayInShanghai(new Date("2026-03-04T00:00:00Z"))).toBe("2026-03-04");
  });
});

describe("isIsoDate / ZIsoDateSchema", () => {
  it.each(["2024-02-29", "2000-02-29", "2026-12-31", "1949-10-01"])("accepts %s", (d) => {
    expect(isIsoDate(d)).toBe(true);
    expect(ZIsoDateSchema.parse(d)).toBe(d);
  });

  it.each(["2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-1", "20260101", ""])(
    "rejects %j",
    (d) => {
      expect(isIsoDate(d)).toBe(false);
      expect(ZIsoDateSchema.safeParse(d).error?.issues[0]?.message).toMatch(/日期.*Date/);
    },
  );
});

describe("day numbers", () => {
  it("agree with the platform calendar for every day from 1900 to 2100", () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const days = ms / 86_400_000;
      if (isoDateToDays(iso) !== days || daysToIsoDate(days) !== iso) throw new Error(`mismatch at ${iso}`);
    }
  });

  it("refuse what is not a real date", () => {
    for (const bad of ["2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "2024/01/01", "abcd-ef-gh", "2024-01-32", ""]) expect(isoDateToDays(bad)).toBeNull();
    expect(isoDateToDays("2000-02-29")).toBe(11_016);
  });
});
