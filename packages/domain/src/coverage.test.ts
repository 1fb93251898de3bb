import { describe, expect, it } from "vitest";
import { coverageRatio, formatSmallCount } from "./coverage.ts";

describe("coverageRatio", () => {
  it("divides active stations by township units", () => {
    expect(coverageRatio(1, 4)).toBe(0.25);
    expect(coverageRatio(1400, 1400)).toBe(1);
  });

  it("stays in [0, 1]", () => {
    expect(coverageRatio(3, 0)).toBe(0);
    expect(coverageRatio(0, 0)).toBe(0);
    expect(coverageRatio(5, 4)).toBe(1);
    expect(coverageRatio(-1, 4)).toBe(0);
    expect(coverageRatio(Number.NaN, 4)).toBe(0);
  });
});

describe("formatSmallCount", () => {
  it("hides 1 to 4 but not 0 or 5", () => {
    expect(formatSmallCount(0)).toBe("0");
    expect(formatSmallCount(1)).toBe("<5");
    expect(formatSmallCount(4)).toBe("<5");
    expect(formatSmallCount(5)).toBe("5");
    expect(formatSmallCount(1234)).toBe("1234");
  });

  it("honours a custom threshold", () => {
    expect(formatSmallCount(9, 10)).toBe("<10");
    expect(formatSmallCount(10, 10)).toBe("10");
  });

  it("refuses values that are not counts", () => {
    expect(() => formatSmallCount(-1)).toThrow(RangeError);
    expect(() => formatSmallCount(2.5)).toThrow(RangeError);
  });
});
