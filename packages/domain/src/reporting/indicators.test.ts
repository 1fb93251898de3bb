import { describe, expect, it } from "vitest";
import { INDICATORS, INDICATOR_IDS, monthAsOf, monthsEndingWith, suppressedAbove } from "./indicators.ts";

describe("indicator definitions", () => {
  it("define every id once, with names and a definition in both languages", () => {
    for (const id of INDICATOR_IDS) {
      const d = INDICATORS[id];
      expect(d.id).toBe(id);
      for (const text of [d.name, d.definition]) {
        expect(text.zh.length).toBeGreaterThan(1);
        expect(text.en.length).toBeGreaterThan(1);
      }
    }
  });

  it("read a stock on the month's last day, or today while the month runs", () => {
    expect(monthAsOf("2024-02", "2026-11-27")).toBe("2024-02-29");
    expect(monthAsOf("2026-11", "2026-11-27")).toBe("2026-11-27");
    expect(monthAsOf("2026-12", "2026-11-27")).toBe("2026-11-27");
  });

  it("give a year's months across a year end", () => {
    expect(monthsEndingWith("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("suppress small counts of people only", () => {
    expect(suppressedAbove("people.category", 3)).toBe("<5");
    expect(suppressedAbove("people.category", 0)).toBeNull();
    expect(suppressedAbove("people.category", 5)).toBeNull();
    expect(suppressedAbove("visits.minutes", 3)).toBeNull();
  });
});
