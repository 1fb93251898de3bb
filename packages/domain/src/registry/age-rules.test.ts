import { describe, expect, it } from "vitest";
import { DEFAULT_REGION_RULES, ZRegionRulesSchema, adulthoodDate, ageOn, categoryEndsBy, checkCategoryAge } from "./age-rules.ts";

describe("ageOn (周岁)", () => {
  it("counts full years, turning older on the birthday itself", () => {
    expect(ageOn("1950-06-15", "2026-06-14")).toBe(75);
    expect(ageOn("1950-06-15", "2026-06-15")).toBe(76);
    expect(ageOn("1950-12-31", "2026-01-01")).toBe(75);
    expect(ageOn("2026-01-01", "2026-01-01")).toBe(0);
  });

  it("makes a 29 February birthday fall on 1 March in common years", () => {
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2004-02-29", "2028-02-28")).toBe(23);
    expect(ageOn("2004-02-29", "2028-02-29")).toBe(24);
  });

  it("refuses malformed dates and a date before birth", () => {
    expect(() => ageOn("2023-02-29", "2026-01-01")).toThrow(RangeError);
    expect(() => ageOn("1950-01-01", "2026/01/01")).toThrow(RangeError);
    expect(() => ageOn("2026-01-02", "2026-01-01")).toThrow(RangeError);
  });
});

describe("adulthoodDate", () => {
  it("is the 18th birthday, 1 March for a 29 February birth in a common year", () => {
    expect(adulthoodDate("2008-11-27")).toBe("2026-11-27");
    expect(adulthoodDate("2008-02-29")).toBe("2026-03-01");
    expect(adulthoodDate("2012-02-29", { ...DEFAULT_REGION_RULES, adultAt: 16 })).toBe("2028-02-29");
  });

  it.each(["2008-02-29", "2007-12-31", "2010-01-01", "2008-03-01", "2008-02-28"])("agrees with ageOn for %s", (birth) => {
    const adult = adulthoodDate(birth);
    expect(ageOn(birth, adult)).toBe(18);
    const dayBefore = new Date(Date.parse(`${adult}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(ageOn(birth, dayBefore)).toBe(17);
  });
});

describe("ZRegionRulesSchema", () => {
  it("defaults to 60 / 80 / 18 and takes a regional advanced age", () => {
    expect(ZRegionRulesSchema.parse({})).toEqual(DEFAULT_REGION_RULES);
    expect(ZRegionRulesSchema.parse({ advancedAgeFrom: 75 })).toEqual({ elderlyFromAge: 60, advancedAgeFrom: 75, adultAt: 18 });
  });

  it("refuses an advanced age below the elderly age", () => {
    const result = ZRegionRulesSchema.safeParse({ advancedAgeFrom: 55 });
    expect(result.success).toBe(false);
    expect(ZRegionRulesSchema.safeParse({ elderlyFromAge: 70, advancedAgeFrom: 65 }).error?.issues[0]?.path).toEqual([
      "advancedAgeFrom",
    ]);
  });
});

describe("checkCategoryAge", () => {
  it("requires 80 for 高龄老人 by default, naming the age needed and the person's age", () => {
    expect(checkCategoryAge("elderly_advanced_age", "1950-06-01", "2026-11-27")).toEqual({
      code: "CATEGORY_AGE_ADVANCED",
      zh: "高龄老人须年满80周岁，此人在2026-11-27为76周岁",
      en: "Advanced-age elderly: must be at least 80; this person was 76 on 2026-11-27",
    });
    expect(checkCategoryAge("elderly_advanced_age", "1946-11-27", "2026-11-27")).toBeNull();
    expect(checkCategoryAge("elderly_advanced_age", "1946-11-28", "2026-11-27")?.zh).toContain("为79周岁");
  });

  it("follows a region that grants advanced age from 75", () => {
    const rules = ZRegionRulesSchema.parse({ advancedAgeFrom: 75 });
    expect(checkCategoryAge("elderly_advanced_age", "1950-06-01", "2026-11-27", rules)).toBeNull();
    expect(checkCategoryAge("elderly_advanced_age", "1951-11-28", "2026-11-27", rules)?.zh).toBe(
      "高龄老人须年满75周岁，此人在2026-11-27为74周岁",
    );
  });

  it("requires 60 for the other elderly registers", () => {
    expect(checkCategoryAge("elderly_tekun", "1966-11-28", "2026-11-27")).toMatchObject({
      code: "CATEGORY_AGE_ELDERLY",
      zh: "特困老人须年满60周岁，此人在2026-11-27为59周岁",
    });
    expect(checkCategoryAge("elderly_left_behind", "1966-11-27", "2026-11-27")).toBeNull();
  });

  it("requires children to be under 18 on the date", () => {
    expect(checkCategoryAge("child_left_behind", "2008-11-27", "2026-11-26")).toBeNull();
    expect(checkCategoryAge("child_left_behind", "2008-11-27", "2026-11-27")).toMatchObject({
      code: "CATEGORY_AGE_CHILD",
      zh: "农村留守儿童须未满18周岁，此人在2026-11-27已满18周岁",
    });
    expect(checkCategoryAge("child_orphan", "2008-02-29", "2026-02-28")).toBeNull();
    expect(checkCategoryAge("child_orphan", "2008-02-29", "2026-03-01")?.code).toBe("CATEGORY_AGE_CHILD");
  });

  it("sets no age for assistance and social affairs", () => {
    expect(checkCategoryAge("assist_dibao", "2020-01-01", "2026-01-01")).toBeNull();
    expect(checkCategoryAge("affairs_vagrant", "1930-01-01", "2026-01-01")).toBeNull();
  });
});

describe("categoryEndsBy", () => {
  it("ends a child category on the 18th birthday", () => {
    expect(categoryEndsBy("child_in_difficulty", { birthDate: "2008-02-29" })).toBe("2026-03-01");
  });

  it("takes the earliest of death, moving out and adulthood", () => {
    expect(categoryEndsBy("child_orphan", { birthDate: "2010-05-01", deathDate: "2020-01-01" })).toBe("2020-01-01");
    expect(categoryEndsBy("child_orphan", { birthDate: "2010-05-01", movedOutDate: "2030-01-01" })).toBe("2028-05-01");
    expect(categoryEndsBy("elderly_tekun", { birthDate: "1940-01-01", deathDate: "2026-03-02", movedOutDate: "2025-12-01" })).toBe(
      "2025-12-01",
    );
  });

  it("is null when nothing ends the category", () => {
    expect(categoryEndsBy("elderly_tekun", { birthDate: "1940-01-01" })).toBeNull();
    expect(categoryEndsBy("assist_dibao", { birthDate: "2015-01-01", deathDate: null })).toBeNull();
  });
});
