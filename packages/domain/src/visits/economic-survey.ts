import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";
import { multilineText } from "./text-fields.ts";

/**
 * The household economic survey of an assistance household (R11 入户调查; issue 4 item 2): members,
 * incomes, assets, and per-capita monthly income against the local 低保 standard. Money is integer
 * fen everywhere, so sums and comparisons are exact.
 */

/**
 * Income kinds as 低保 household-income checks count them (工资性, 经营性, 转移性 and the rest);
 * pensions apart because they are the main income of most elderly households. The 低保 allowance
 * itself is not income for this test and is never entered.
 */
export const INCOME_SOURCES = ["wages", "pensions", "farming", "transfers", "other"] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INCOME_SOURCE_LABELS: VocabLabels<IncomeSource> = {
  wages: { zh: "工资性收入", en: "Wages", variants: ["务工收入", "工资"] },
  pensions: { zh: "养老金收入", en: "Pensions", variants: ["养老金", "退休金"] },
  farming: { zh: "经营性收入（种养殖）", en: "Farming and business", variants: ["种养殖收入", "经营性收入", "家庭经营收入"] },
  transfers: { zh: "转移性收入（赡养费、补贴等，不含低保金）", en: "Transfers (support, subsidies; not dibao)", variants: ["转移性收入", "赡养费"] },
  other: { zh: "其他收入", en: "Other income", variants: ["其他", "其它"] },
};

/** ¥100 million: far above any household, and keeps every sum well inside exact integer range. */
export const MAX_AMOUNT_FEN = 10_000_000_000;

export const ZFenSchema = z
  .number()
  .int({ error: "金额须以分为单位的整数 / Amounts are whole fen" })
  .min(0, { error: "金额不能为负 / Amounts cannot be negative" })
  .max(MAX_AMOUNT_FEN, { error: "金额过大，请核对 / The amount is implausibly large; check it" });

const incomes = z.object(
  Object.fromEntries(INCOME_SOURCES.map((source) => [source, ZFenSchema.default(0)])) as Record<
    IncomeSource,
    z.ZodDefault<typeof ZFenSchema>
  >,
);

export const ZEconomicSurveySchema = z.object({
  /** Members of the household sharing income (共同生活的家庭成员). */
  members: z
    .number()
    .int({ error: "家庭人口须为整数 / Members must be a whole number" })
    .min(1, { error: "家庭人口至少为1人 / A household has at least one member" })
    .max(30, { error: "家庭人口不能超过30人 / At most 30 members" }),
  /** Regular incomes per month: wages, pensions. */
  monthlyIncomeFen: incomes.default({ wages: 0, pensions: 0, farming: 0, transfers: 0, other: 0 }),
  /** Incomes known per year (a harvest, a year's support from children): counted as a twelfth per month. */
  yearlyIncomeFen: incomes.default({ wages: 0, pensions: 0, farming: 0, transfers: 0, other: 0 }),
  /** Housing, vehicles, savings, livestock: noted for the township, which rules on asset limits. */
  assetsNote: multilineText(1000, { zh: "家庭财产情况", en: "Assets" }),
});
export type TEconomicSurvey = z.output<typeof ZEconomicSurveySchema>;
export type TEconomicSurveyInput = z.input<typeof ZEconomicSurveySchema>;

/** Household income per month in fen, before dividing among members (yearly amounts as twelfths, unrounded: ×12). */
function monthlyIncomeTimes12(survey: TEconomicSurvey): number {
  let total = 0;
  for (const source of INCOME_SOURCES) total += 12 * survey.monthlyIncomeFen[source] + survey.yearlyIncomeFen[source];
  return total;
}

/** Integer division rounded half up, for non-negative numerator and positive denominator. */
function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/**
 * Per-capita monthly income in whole fen, rounded half up once at the end (rounding the yearly
 * twelfths first could tip a household across the standard by a fen).
 */
export function perCapitaMonthlyIncomeFen(survey: TEconomicSurvey): number {
  return divideHalfUp(monthlyIncomeTimes12(survey), 12 * survey.members);
}

/**
 * Against the local 低保 standard (per county and year; the caller looks it up). A household is
 * eligible on income when below it (低于当地最低生活保障标准); equal is not below. `gapFen` is
 * standard − per-capita: positive, it is the monthly 补差 per member; negative, how far above.
 */
export function compareToDibaoStandard(perCapitaFen: number, standardFenPerMonth: number): { below: boolean; gapFen: number } {
  if (!Number.isInteger(perCapitaFen) || !Number.isInteger(standardFenPerMonth)) {
    throw new RangeError("Amounts are integer fen");
  }
  return { below: perCapitaFen < standardFenPerMonth, gapFen: standardFenPerMonth - perCapitaFen };
}

/**
 * '1234.56元': how amounts are written in 民政 documents and the ledgers stations already keep
 * (no grouping commas, two decimals, 元 after). The one display format; xlsx cells get numbers.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Amounts are integer fen, got ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}元`;
}

/**
 * Fen from an amount typed in 元 ('1234.5', '１２３４．５６', '1,234.56', '￥1234.56', '1234.56元'), read as
 * digits, never through floating point (0.29 × 100 = 28.999…). Null when it is not an amount or
 * has more than two decimals.
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text
    .normalize("NFKC")
    .replace(/\s/g, "")
    .replace(/^¥/, "")
    .replace(/元$/, "");
  // Commas only as thousands separators: "12,34" is a typo to report, not 1234.
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number((match[1] ?? "").replace(/,/g, "")) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(fen) ? fen : null;
}
