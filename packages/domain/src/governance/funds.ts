import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { ZIsoDateSchema } from "../time.ts";
import { ZFundingSourceSchema } from "./agreements.ts";
import { formatFen } from "../visits/economic-survey.ts";
import { ZAmountFenSchema } from "./money.ts";
import { optionalLine, requiredLine } from "./text.ts";

/** Funds (R14, R15): allocated per source, disbursed by the township to the contractor, spent by category. */
export const SPENDING_CATEGORIES = ["personnel", "activities", "training", "office", "other"] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];
export const SPENDING_CATEGORY_LABELS: VocabLabels<SpendingCategory> = {
  personnel: { zh: "人员经费", en: "Personnel" },
  activities: { zh: "活动经费", en: "Activities" },
  training: { zh: "培训经费", en: "Training" },
  office: { zh: "办公经费", en: "Office" },
  other: { zh: "其他", en: "Other" },
};

export interface FundTotals {
  allocatedFen: number;
  disbursedFen: number;
  spentFen: number;
}

export interface FundBalances extends FundTotals {
  /** Allocated but not yet paid to the contractor. */
  undisbursedFen: number;
  /** Paid to the contractor but not yet spent; negative when the contractor has advanced money. */
  unspentFen: number;
}

export function fundBalances(totals: FundTotals): FundBalances {
  return { ...totals, undisbursedFen: totals.allocatedFen - totals.disbursedFen, unspentFen: totals.disbursedFen - totals.spentFen };
}

/** Null when the payment fits within what was allocated; else how far beyond it goes, in words. */
export function checkDisbursement(totals: Pick<FundTotals, "allocatedFen" | "disbursedFen">, amountFen: number): { overByFen: number; message: BilingualMessage } | null {
  const overByFen = totals.disbursedFen + amountFen - totals.allocatedFen;
  if (overByFen <= 0) return null;
  return {
    overByFen,
    message: {
      zh: `本次拨付后累计拨付将超出已下达资金 ${formatFen(overByFen)}`,
      en: `This payment would exceed the allocated funds by ${formatFen(overByFen).replace("元", " CNY")}`,
    },
  };
}

export const ZAllocationSchema = z.object({
  source: ZFundingSourceSchema,
  amountFen: ZAmountFenSchema,
  allocatedOn: ZIsoDateSchema,
  documentNo: optionalLine(60).optional(),
  note: optionalLine(200).optional(),
});
export type TAllocation = z.output<typeof ZAllocationSchema>;

export const ZDisbursementSchema = z.object({
  amountFen: ZAmountFenSchema,
  paidOn: ZIsoDateSchema,
  voucherNo: requiredLine(60, { zh: "凭证号", en: "Voucher number" }),
  note: optionalLine(200).optional(),
  // Paying beyond the allocation needs funds.override and a reason, and is audited (R15).
  override: z.object({ reason: requiredLine(500, { zh: "超额拨付理由", en: "Reason for paying beyond the allocation" }) }).optional(),
});
export type TDisbursement = z.output<typeof ZDisbursementSchema>;

export const ZSpendingSchema = z.object({
  category: z.enum(SPENDING_CATEGORIES),
  amountFen: ZAmountFenSchema,
  spentOn: ZIsoDateSchema,
  description: requiredLine(200, { zh: "用途说明", en: "Description" }),
  voucherNo: optionalLine(60).optional(),
});
export type TSpending = z.output<typeof ZSpendingSchema>;
