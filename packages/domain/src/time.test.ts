import { describe, expect, it } from "vitest";
import { ZIsoDateSchema, isIsoDate, todayInShanghai } from "./time.ts";

describe("todayInShanghai", () => {
  it("uses the Beijing date, which runs 8 hours ahead of UTC", () => {
    expect(todayInShanghai(new Date("2025-12-31T15:59:59Z"))).toBe("2025-12-31");
    expect(todayInShanghai(new Date("2025-12-31T16:00:00Z"))).toBe("2026-01-01");
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
