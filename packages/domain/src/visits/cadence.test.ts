import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS } from "../registry/categories.ts";
import {
  addCadence,
  compareCadence,
  DEFAULT_CADENCE,
  daysBetween,
  daysOverdue,
  describeCadence,
  dueStatus,
  nextDueDate,
  resolveCadence,
  ZCadenceOverridesSchema,
  ZCadenceSchema,
  type Cadence,
} from "./cadence.ts";

const weeks = (every: number): Cadence => ({ unit: "week", every });
const months = (every: number): Cadence => ({ unit: "month", every });
const quarterly: Cadence = { unit: "quarter", every: 1 };
const yearly: Cadence = { unit: "year", every: 1 };

describe("default cadence (issue 4 item 1)", () => {
  it("has a rule for every category", () => {
    for (const key of CATEGORY_KEYS) expect(ZCadenceSchema.safeParse(DEFAULT_CADENCE[key]).success, key).toBe(true);
  });

  it("visits 特困 and left-behind elderly and every child category monthly (R9, R10), 低保 at the annual review (R11)", () => {
    expect(DEFAULT_CADENCE.elderly_tekun).toEqual(months(1));
    expect(DEFAULT_CADENCE.elderly_left_behind).toEqual(months(1));
    for (const key of ["child_left_behind", "child_in_difficulty", "child_orphan", "child_unsupported"] as const) {
      expect(DEFAULT_CADENCE[key]).toEqual(months(1));
    }
    expect(DEFAULT_CADENCE.elderly_advanced_age).toEqual(quarterly);
    expect(DEFAULT_CADENCE.assist_dibao).toEqual(yearly);
  });

  it("cannot be changed through a resolved rule", () => {
    const resolved = resolveCadence(["elderly_tekun"]);
    expect(() => {
      (resolved!.cadence as { every: number }).every = 6;
    }).toThrow(TypeError);
    expect(DEFAULT_CADENCE.elderly_tekun.every).toBe(1);
  });
});

describe("ZCadenceSchema", () => {
  it.each([
    [{ unit: "week", every: 2 }, true],
    [{ unit: "year", every: 3 }, true],
    [{ unit: "month", every: 0 }, false],
    [{ unit: "month", every: 1.5 }, false],
    [{ unit: "month", every: 30 }, false],
    [{ unit: "day", every: 1 }, false],
  ])("%j valid: %s", (cadence, ok) => {
    expect(ZCadenceSchema.safeParse(cadence).success).toBe(ok);
  });

  it("says why a long interval is refused, in both languages", () => {
    const result = ZCadenceSchema.safeParse({ unit: "year", every: 4 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/最长为3年 \/ .*at most 3 years/);
    expect(result.error?.issues[0]?.path).toEqual(["every"]);
  });

  it("overrides are keyed by category; null switches a category's rounds off", () => {
    expect(ZCadenceOverridesSchema.parse({ elderly_advanced_age: null, assist_dibao: { unit: "quarter", every: 2 } })).toEqual({
      elderly_advanced_age: null,
      assist_dibao: { unit: "quarter", every: 2 },
    });
    expect(ZCadenceOverridesSchema.safeParse({ elderly_rich: months(1) }).success).toBe(false);
  });
});

describe("compareCadence", () => {
  it("orders by length: 1 week < 2 weeks < 4 weeks < 1 month < 1 quarter = 3 months < 1 year", () => {
    expect(compareCadence(weeks(1), weeks(2))).toBeLessThan(0);
    expect(compareCadence(weeks(4), months(1))).toBeLessThan(0);
    expect(compareCadence(weeks(5), months(1))).toBeGreaterThan(0);
    expect(compareCadence(months(1), quarterly)).toBeLessThan(0);
    expect(compareCadence(months(3), quarterly)).toBe(0);
    expect(compareCadence(yearly, { unit: "quarter", every: 3 })).toBeGreaterThan(0);
  });
});

describe("describeCadence", () => {
  it.each([
    [months(1), "每月一次", "Monthly"],
    [months(2), "每2个月一次", "Every 2 months"],
    [weeks(2), "每2周一次", "Every 2 weeks"],
    [quarterly, "每季度一次", "Quarterly"],
    [yearly, "每年一次", "Yearly"],
  ])("%j", (cadence, zh, en) => {
    expect(describeCadence(cadence, "zh-CN")).toBe(zh);
    expect(describeCadence(cadence, "en")).toBe(en);
  });
});

describe("resolveCadence: strictest wins (issue 4 item 1)", () => {
  it("is null without categories, or when every held category's rounds are off", () => {
    expect(resolveCadence([])).toBeNull();
    expect(resolveCadence(["elderly_advanced_age"], { regionOverrides: { elderly_advanced_age: null } })).toBeNull();
  });

  it("takes the shortest interval over several categories", () => {
    // A 低保 household member (yearly) who is also a left-behind elderly person (monthly).
    expect(resolveCadence(["assist_dibao", "elderly_left_behind"])).toEqual({
      cadence: months(1),
      fromCategory: "elderly_left_behind",
      livingAlone: false,
    });
    expect(resolveCadence(["assist_dibao", "elderly_advanced_age"])?.fromCategory).toBe("elderly_advanced_age");
  });

  it("breaks ties by category order, not input order", () => {
    const a = resolveCadence(["child_orphan", "child_left_behind"]);
    const b = resolveCadence(["child_left_behind", "child_orphan"]);
    expect(a?.fromCategory).toBe("child_left_behind");
    expect(b).toEqual(a);
  });

  it("applies overrides default < region < station", () => {
    const regionOverrides = { assist_dibao: { unit: "quarter", every: 2 }, elderly_advanced_age: months(2) } as const;
    expect(resolveCadence(["assist_dibao"], { regionOverrides })?.cadence).toEqual({ unit: "quarter", every: 2 });
    // The station's rule beats the region's, even when it is looser.
    expect(resolveCadence(["assist_dibao"], { regionOverrides, stationOverrides: { assist_dibao: yearly } })?.cadence).toEqual(yearly);
    // A station rule for one category leaves the region's rule for another in force.
    expect(
      resolveCadence(["elderly_advanced_age"], { regionOverrides, stationOverrides: { assist_dibao: yearly } })?.cadence,
    ).toEqual(months(2));
    // A station can switch on rounds a region switched off.
    expect(
      resolveCadence(["elderly_advanced_age"], {
        regionOverrides: { elderly_advanced_age: null },
        stationOverrides: { elderly_advanced_age: quarterly },
      })?.cadence,
    ).toEqual(quarterly);
  });

  it("lets a stricter override change which category wins", () => {
    const resolved = resolveCadence(["elderly_tekun", "assist_tekun"], { stationOverrides: { assist_tekun: weeks(2) } });
    expect(resolved).toEqual({ cadence: weeks(2), fromCategory: "assist_tekun", livingAlone: false });
  });

  it("visits elderly people living alone at least monthly (R9)", () => {
    expect(resolveCadence(["elderly_advanced_age"], { livingArrangement: "alone" })).toEqual({
      cadence: months(1),
      fromCategory: "elderly_advanced_age",
      livingAlone: true,
    });
    expect(resolveCadence(["elderly_advanced_age"], { livingArrangement: "with_spouse" })?.cadence).toEqual(quarterly);
    // A region's looser rule is tightened too.
    expect(
      resolveCadence(["elderly_tekun"], { livingArrangement: "alone", regionOverrides: { elderly_tekun: months(2) } })?.cadence,
    ).toEqual(months(1));
  });

  it("does not loosen a stricter rule, nor tighten non-elderly or switched-off categories, for living alone", () => {
    expect(
      resolveCadence(["elderly_tekun"], { livingArrangement: "alone", stationOverrides: { elderly_tekun: weeks(2) } }),
    ).toEqual({ cadence: weeks(2), fromCategory: "elderly_tekun", livingAlone: false });
    expect(resolveCadence(["assist_dibao"], { livingArrangement: "alone" })?.cadence).toEqual(yearly);
    expect(
      resolveCadence(["elderly_advanced_age"], { livingArrangement: "alone", regionOverrides: { elderly_advanced_age: null } }),
    ).toBeNull();
  });
});

describe("calendar arithmetic", () => {
  it.each([
    ["2025-01-31", months(1), "2025-02-28"],
    ["2024-01-31", months(1), "2024-02-29"],
    ["2024-03-31", months(1), "2024-04-30"],
    ["2025-01-31", months(2), "2025-03-31"],
    ["2024-11-30", quarterly, "2025-02-28"],
    ["2023-11-30", quarterly, "2024-02-29"],
    ["2025-12-15", months(1), "2026-01-15"],
    ["2025-10-31", { unit: "quarter", every: 2 } as Cadence, "2026-04-30"],
    ["2024-02-29", yearly, "2025-02-28"],
    ["2024-02-29", { unit: "year", every: 2 } as Cadence, "2026-02-28"],
    ["2025-12-29", weeks(1), "2026-01-05"],
    ["2024-02-26", weeks(1), "2024-03-04"],
    ["2023-02-26", weeks(1), "2023-03-05"],
    ["2025-03-28", weeks(2), "2025-04-11"],
  ])("%s + %j = %s", (date, cadence, expected) => {
    expect(addCadence(date, cadence)).toBe(expected);
  });

  it("counts days across month ends and leap days", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2025-12-31", "2025-01-01")).toBe(-364);
  });

  it("rejects dates that do not exist", () => {
    expect(() => addCadence("2025-02-29", months(1))).toThrow(RangeError);
    expect(() => daysBetween("2025-1-1", "2025-01-02")).toThrow(RangeError);
  });
});

describe("nextDueDate", () => {
  it("is due at once when never visited", () => {
    expect(nextDueDate(null, months(1), { firstDueFrom: "2025-03-10" })).toBe("2025-03-10");
  });

  it("is one interval after the last visit", () => {
    expect(nextDueDate("2025-01-31", months(1), { firstDueFrom: "2024-06-01" })).toBe("2025-02-28");
    expect(nextDueDate("2024-01-31", months(1), { firstDueFrom: "2024-01-01" })).toBe("2024-02-29");
  });

  it("is never before the rounds began", () => {
    // Visited as a 低保 member in 2024, entered 留守老人 on 1 March 2025: due then, not overdue since January.
    expect(nextDueDate("2024-01-10", months(1), { firstDueFrom: "2025-03-01" })).toBe("2025-03-01");
    // Visited the week before entering: the visit counts.
    expect(nextDueDate("2025-02-25", months(1), { firstDueFrom: "2025-03-01" })).toBe("2025-03-25");
  });

  it("rejects a malformed firstDueFrom even when never visited", () => {
    expect(() => nextDueDate(null, months(1), { firstDueFrom: "2025-02-30" })).toThrow(RangeError);
  });
});

describe("dueStatus and daysOverdue", () => {
  it.each([
    ["2025-02-28", "2025-03-01", "overdue", 1],
    ["2024-02-28", "2024-03-01", "overdue", 2],
    ["2025-03-01", "2025-03-01", "due_today", 0],
    ["2025-03-08", "2025-03-01", "due_soon", 0],
    ["2025-03-09", "2025-03-01", "later", 0],
    ["2026-01-02", "2025-12-30", "due_soon", 0],
  ] as const)("due %s, today %s: %s, %i days late", (due, today, status, late) => {
    expect(dueStatus(due, today)).toBe(status);
    expect(daysOverdue(due, today)).toBe(late);
  });

  it("takes the look-ahead as an option", () => {
    expect(dueStatus("2025-03-04", "2025-03-01", { soonDays: 3 })).toBe("due_soon");
    expect(dueStatus("2025-03-05", "2025-03-01", { soonDays: 3 })).toBe("later");
    expect(dueStatus("2025-03-02", "2025-03-01", { soonDays: 0 })).toBe("later");
  });
});
