import { z } from "zod";

/**
 * Statistical division codes (统计用区划代码) are 12 digits: province 2, prefecture 2, county 2,
 * township 3, village 3. We store them at their natural length (65, 6523, 652301, 652301105,
 * 652301105001) so that "is inside" is a plain prefix test (R1 three tiers).
 */
export const DIVISION_LEVELS = ["province", "prefecture", "county", "township", "village"] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

const LEVEL_BY_LENGTH: ReadonlyMap<number, DivisionLevel> = new Map([
  [2, "province"],
  [4, "prefecture"],
  [6, "county"],
  [9, "township"],
  [12, "village"],
]);

/** Where each level's own segment ends inside the code. */
const SEGMENT_ENDS = [2, 4, 6, 9, 12] as const;

/**
 * First two digits of the 34 provincial-level divisions (GB/T 2260), including Taiwan (71),
 * Hong Kong (81) and Macao (82).
 */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71", "81", "82",
]);

/**
 * The level a code names, or null when it is not a well-formed natural-length code. A segment of
 * all zeros is refused: "652301000" is a padded county code, not a township, and accepting it
 * would let a county be onboarded as if it were a station's township.
 */
export function divisionLevelOf(code: string): DivisionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (!level) return null;
  if (!PROVINCE_CODES.has(code.slice(0, 2))) return null;
  let start = 2;
  for (const end of SEGMENT_ENDS.slice(1)) {
    if (end > code.length) break;
    if (/^0+$/.test(code.slice(start, end))) return null;
    start = end;
  }
  return level;
}

export function isTownshipCode(code: string): boolean {
  return divisionLevelOf(code) === "township";
}

/** The enclosing division's code; null for a province or a malformed code. */
export function parentCodeOf(code: string): string | null {
  const level = divisionLevelOf(code);
  if (level === null || level === "province") return null;
  const index = DIVISION_LEVELS.indexOf(level);
  return code.slice(0, SEGMENT_ENDS[index - 1]);
}

/**
 * Whether `code` lies inside `scopeCode` (a scope covers itself). An empty or missing scope covers
 * nothing: failing closed, so a grant with a lost scope never becomes a grant over everything.
 */
export function isWithinScope(code: string, scopeCode: string | null | undefined): boolean {
  if (!scopeCode) return false;
  if (divisionLevelOf(code) === null || divisionLevelOf(scopeCode) === null) return false;
  return code.startsWith(scopeCode);
}

export const ZDivisionCodeSchema = z
  .string()
  .trim()
  .refine((code) => divisionLevelOf(code) !== null, {
    error:
      "区划代码须为 2、4、6、9 或 12 位数字的有效代码 / Division code must be a valid 2, 4, 6, 9 or 12-digit code",
  });

export const ZTownshipCodeSchema = z
  .string()
  .trim()
  .refine(isTownshipCode, {
    error: "须为 9 位乡镇（街道）区划代码 / Must be a 9-digit township (subdistrict) code",
  });
