import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { isIsoDate } from "../time.ts";
import { CATEGORIES, type CategoryKey } from "./categories.ts";

/**
 * Age rules of the statutory categories (R9, R10; issue 3 item 2). Everything works on
 * 'YYYY-MM-DD' calendar dates (Beijing dates from todayInShanghai), never on instants, so the
 * answer does not depend on the server's time zone.
 */

function dateParts(value: string, what: string): [number, number, number] {
  if (!isIsoDate(value)) throw new RangeError(`${what} must be a real YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  return [Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The birthday in a given year. Someone born on 29 February has it on 1 March in common years,
 * the reading used for 周岁 in Chinese civil practice, so they come of age on 1 March.
 */
function birthdayIn(year: number, month: number, day: number): [number, number] {
  return month === 2 && day === 29 && !isLeapYear(year) ? [3, 1] : [month, day];
}

/** Age in full years (周岁) on a date. Throws RangeError for malformed dates or onDate before birth. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = dateParts(birthDate, "birthDate");
  const [oy, om, od] = dateParts(onDate, "onDate");
  if (onDate < birthDate) throw new RangeError(`onDate ${onDate} is before birthDate ${birthDate}`);
  const [month, day] = birthdayIn(oy, bm, bd);
  const hadBirthday = om > month || (om === month && od >= day);
  return oy - by - (hadBirthday ? 0 : 1);
}

/**
 * Per-region settings. Advanced-age subsidies (高龄补贴, R9) start at 80 in most regions but some
 * set a lower age (e.g. 75), so it is configurable; 60 and 18 follow national law.
 */
export const ZRegionRulesSchema = z
  .object({
    elderlyFromAge: z.number().int().min(50).max(100).default(60),
    advancedAgeFrom: z.number().int().min(60).max(120).default(80),
    adultAt: z.number().int().min(14).max(21).default(18),
  })
  .refine((rules) => rules.advancedAgeFrom >= rules.elderlyFromAge, {
    error: "高龄起始年龄不能低于老年人起始年龄 / The advanced-age threshold cannot be below the elderly threshold",
    path: ["advancedAgeFrom"],
  });
export type TRegionRules = z.output<typeof ZRegionRulesSchema>;

export const DEFAULT_REGION_RULES: Readonly<TRegionRules> = Object.freeze({
  elderlyFromAge: 60,
  advancedAgeFrom: 80,
  adultAt: 18,
});

export type CategoryAgeErrorCode = "CATEGORY_AGE_ELDERLY" | "CATEGORY_AGE_ADVANCED" | "CATEGORY_AGE_CHILD";
export type CategoryAgeError = { code: CategoryAgeErrorCode } & BilingualMessage;

/**
 * Whether someone may hold a category on a date, with a message naming the age needed and the
 * person's age. Throws RangeError if onDate is before birthDate: callers check that first and
 * report it in their own words (a 纳入日期 before the birth date is a typo, not an age question).
 */
export function checkCategoryAge(
  category: CategoryKey,
  birthDate: string,
  onDate: string,
  rules: TRegionRules = DEFAULT_REGION_RULES,
): CategoryAgeError | null {
  const definition = CATEGORIES[category];
  if (definition.ageRule === "none") return null;
  const age = ageOn(birthDate, onDate);
  const { zh, en } = definition;
  switch (definition.ageRule) {
    case "elderly":
      if (age >= rules.elderlyFromAge) return null;
      return {
        code: "CATEGORY_AGE_ELDERLY",
        zh: `${zh}须年满${rules.elderlyFromAge}周岁，此人在${onDate}为${age}周岁`,
        en: `${en}: must be at least ${rules.elderlyFromAge}; this person was ${age} on ${onDate}`,
      };
    case "advanced_age":
      if (age >= rules.advancedAgeFrom) return null;
      return {
        code: "CATEGORY_AGE_ADVANCED",
        zh: `${zh}须年满${rules.advancedAgeFrom}周岁，此人在${onDate}为${age}周岁`,
        en: `${en}: must be at least ${rules.advancedAgeFrom}; this person was ${age} on ${onDate}`,
      };
    case "child":
      if (age < rules.adultAt) return null;
      return {
        code: "CATEGORY_AGE_CHILD",
        zh: `${zh}须未满${rules.adultAt}周岁，此人在${onDate}已满${age}周岁`,
        en: `${en}: must be under ${rules.adultAt}; this person was ${age} on ${onDate}`,
      };
  }
}

/** The date of the 18th (rules.adultAt) birthday; a 29 February birth comes of age on 1 March in common years. */
export function adulthoodDate(birthDate: string, rules: TRegionRules = DEFAULT_REGION_RULES): string {
  const [by, bm, bd] = dateParts(birthDate, "birthDate");
  const year = by + rules.adultAt;
  const [month, day] = birthdayIn(year, bm, bd);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export interface CategoryEndFacts {
  birthDate: string;
  deathDate?: string | null;
  movedOutDate?: string | null;
}

/**
 * The date a category ends by itself (issue 3 item 2: "a child who turns 18 or a person who dies
 * leaves child/living categories on that date"), or null if nothing ends it. It is the first day
 * the person is no longer in the category: on an as-of date d the category holds while
 * start <= d < end.
 */
export function categoryEndsBy(
  category: CategoryKey,
  facts: CategoryEndFacts,
  rules: TRegionRules = DEFAULT_REGION_RULES,
): string | null {
  const definition = CATEGORIES[category];
  const candidates: string[] = [];
  if (definition.endsOnDeath && facts.deathDate) candidates.push(facts.deathDate);
  // A person who moves out of the station leaves its registers; the new station enrols them anew.
  if (facts.movedOutDate) candidates.push(facts.movedOutDate);
  if (definition.endsAtAdulthood) candidates.push(adulthoodDate(facts.birthDate, rules));
  for (const date of candidates) dateParts(date, "end date");
  return candidates.length === 0 ? null : candidates.reduce((a, b) => (b < a ? b : a));
}
