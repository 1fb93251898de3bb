import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { ageOn } from "../registry/age-rules.ts";
import type { CategoryKey } from "../registry/categories.ts";
import { daysInMonth, ZIsoDateSchema } from "../time.ts";

/**
 * Payouts checked against the registry (issue 6): the advanced-age subsidy (高龄补贴, R9) and the
 * children's basic-living allowance (R10: orphans and de-facto unsupported children). Which
 * categories a kind pays and its bands are structure, here; what each band is paid, per county and
 * period, is data (payout standards).
 */
export const PAYOUT_KIND_KEYS = ["advanced_age", "child_allowance"] as const;
export type PayoutKindKey = (typeof PAYOUT_KIND_KEYS)[number];
export const ZPayoutKindSchema = z.enum(PAYOUT_KIND_KEYS);

export interface PayoutBand extends BilingualMessage {
  key: string;
  /** Advanced age: the band by age in full years on the first day of the month. */
  fromAge?: number;
  toAge?: number | null;
  /** Child allowance: the band by the category held. */
  category?: CategoryKey;
}

export interface PayoutKind extends BilingualMessage {
  key: PayoutKindKey;
  categories: CategoryKey[];
  bands: PayoutBand[];
  /** Advanced age: paid from this age; child allowance: paid while under it. */
  minAge: number | null;
  adultAt: number | null;
}

export const PAYOUT_KINDS: Readonly<Record<PayoutKindKey, PayoutKind>> = {
  advanced_age: {
    key: "advanced_age",
    zh: "高龄补贴",
    en: "Advanced-age subsidy",
    categories: ["elderly_advanced_age"],
    bands: [
      { key: "80_89", zh: "80–89周岁", en: "aged 80–89", fromAge: 80, toAge: 89 },
      { key: "90_99", zh: "90–99周岁", en: "aged 90–99", fromAge: 90, toAge: 99 },
      { key: "100_plus", zh: "100周岁及以上", en: "aged 100 and over", fromAge: 100, toAge: null },
    ],
    minAge: 80,
    adultAt: null,
  },
  child_allowance: {
    key: "child_allowance",
    zh: "儿童基本生活费",
    en: "Children's basic-living allowance",
    categories: ["child_orphan", "child_unsupported"],
    bands: [
      { key: "orphan", zh: "孤儿", en: "orphan", category: "child_orphan" },
      { key: "unsupported", zh: "事实无人抚养儿童", en: "de-facto unsupported child", category: "child_unsupported" },
    ],
    minAge: null,
    adultAt: 18,
  },
};

/** A payout kind by key or Chinese name (for the CLI's --kind); null when unknown. */
export function payoutKindOf(text: string): PayoutKind | null {
  const t = text.trim();
  for (const key of PAYOUT_KIND_KEYS) if (t === key || t === PAYOUT_KINDS[key].zh) return PAYOUT_KINDS[key];
  return null;
}

export const ZPayoutMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, {
  error: "月份须为 YYYY-MM / The month must be YYYY-MM",
});

export function monthFirstDay(month: string): string {
  return `${month}-01`;
}

export function monthLastDay(month: string): string {
  const days = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return `${month}-${String(days).padStart(2, "0")}`;
}

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * A payment standard: what a band of a kind is paid per month in a county (six-digit code) or,
 * as the default, the whole region ('65'), from validFrom to validTo (inclusive; null = open).
 */
export const ZPayoutStandardSchema = z
  .object({
    kind: ZPayoutKindSchema,
    regionCode: z.string().regex(/^(65|\d{6})$/, { error: "地区代码须为“65”或六位县级代码 / Region code must be '65' or a six-digit county code" }),
    band: z.string().min(1),
    validFrom: ZIsoDateSchema,
    validTo: ZIsoDateSchema.nullable(),
    amountFen: z.number().int().positive(),
  })
  .refine((s) => PAYOUT_KINDS[s.kind].bands.some((b) => b.key === s.band), {
    error: "该补贴没有这个档次 / No such band for this payout kind",
    path: ["band"],
  })
  .refine((s) => s.validTo === null || s.validTo >= s.validFrom, {
    error: "截止日期早于起始日期 / validTo is before validFrom",
    path: ["validTo"],
  });
export type TPayoutStandard = z.output<typeof ZPayoutStandardSchema>;

/** The band of a person for a kind in a month, or null when none applies (too young, holds no category). */
export function payoutBandFor(
  kind: PayoutKind,
  facts: { birthDate: string; categoriesHeld: readonly CategoryKey[] },
  month: string,
): PayoutBand | null {
  if (kind.key === "advanced_age") {
    const first = monthFirstDay(month);
    if (first < facts.birthDate) return null;
    const age = ageOn(facts.birthDate, first);
    return kind.bands.find((b) => age >= (b.fromAge ?? 0) && (b.toAge == null || age <= b.toAge)) ?? null;
  }
  return kind.bands.find((b) => b.category !== undefined && facts.categoriesHeld.includes(b.category)) ?? null;
}

/**
 * The standard for a band in a month in a county: the county's own if it has one for that month,
 * else the region default ('65'); null when neither covers the month.
 */
export function payoutStandardFor(
  standards: readonly TPayoutStandard[],
  kind: PayoutKindKey,
  band: string,
  countyCode: string | null,
  month: string,
): TPayoutStandard | null {
  const first = monthFirstDay(month);
  const covering = standards.filter(
    (s) => s.kind === kind && s.band === band && s.validFrom <= first && (s.validTo === null || s.validTo >= first),
  );
  return (countyCode ? covering.find((s) => s.regionCode === countyCode) : undefined) ?? covering.find((s) => s.regionCode === "65") ?? null;
}
