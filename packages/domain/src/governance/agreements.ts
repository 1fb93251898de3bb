import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { isoDateToDays, ZIsoDateSchema } from "../time.ts";
import { formatFen } from "../visits/economic-survey.ts";
import { ZAmountFenSchema } from "./money.ts";
import { optionalLine, requiredLine } from "./text.ts";

/**
 * Purchase-of-service agreements (政府购买服务协议, R13, R14, R17): the township buys, the
 * contractor provides, for one station, from the day workers are stationed to 31 December.
 */

/** R14, R17: where the money comes from. */
export const FUNDING_SOURCES = ["region_pilot", "xinjiang_aid", "welfare_lottery", "local_budget", "assistance_share"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const ZFundingSourceSchema = z.enum(FUNDING_SOURCES);
export const FUNDING_SOURCE_LABELS: VocabLabels<FundingSource> = {
  region_pilot: { zh: "自治区试点资金", en: "Region pilot fund" },
  xinjiang_aid: { zh: "援疆资金", en: "Xinjiang-aid funds" },
  welfare_lottery: { zh: "福彩公益金", en: "Welfare-lottery funds" },
  local_budget: { zh: "本级购买服务预算", en: "Local purchase-of-service budget" },
  assistance_share: { zh: "社会救助工作经费（3%）", en: "3% of social-assistance work funds" },
};

/** Deliverables as measurable targets; each kind says what its number counts. */
export const DELIVERABLE_KINDS = ["visits_per_month", "cases", "group_activities", "community_activities", "trainings", "other"] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];
export const DELIVERABLE_KIND_LABELS: VocabLabels<DeliverableKind> = {
  visits_per_month: { zh: "每月入户巡访（人次）", en: "Home visits a month" },
  cases: { zh: "个案（个）", en: "Cases" },
  group_activities: { zh: "小组活动（次）", en: "Group activities" },
  community_activities: { zh: "社区活动（次）", en: "Community activities" },
  trainings: { zh: "培训（次）", en: "Trainings" },
  other: { zh: "其他", en: "Other" },
};

/** Filing (备案) with the prefecture bureau (R15). */
export const AGREEMENT_STATUSES = ["draft", "submitted", "returned", "acknowledged"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
export const AGREEMENT_STATUS_LABELS: VocabLabels<AgreementStatus> = {
  draft: { zh: "草稿", en: "Draft" },
  submitted: { zh: "已报备待确认", en: "Submitted for filing" },
  returned: { zh: "已退回修改", en: "Returned with comments" },
  acknowledged: { zh: "已备案", en: "Filed (acknowledged)" },
};

export type AgreementAction = "edit" | "submit" | "acknowledge" | "return";

/** A returned agreement is corrected and resubmitted; an acknowledged one is frozen. */
export function agreementActionAllowed(action: AgreementAction, status: AgreementStatus): boolean {
  switch (action) {
    case "edit":
    case "submit":
      return status === "draft" || status === "returned";
    case "acknowledge":
    case "return":
      return status === "submitted";
  }
}

export function agreementStatusAfter(action: Exclude<AgreementAction, "edit">): AgreementStatus {
  return action === "submit" ? "submitted" : action === "acknowledge" ? "acknowledged" : "returned";
}

/** R13: service runs from the day workers are stationed to 31 December of that year. */
export function defaultServiceEnd(serviceStart: string): string {
  return `${serviceStart.slice(0, 4)}-12-31`;
}

export interface FundingLine {
  source: FundingSource;
  amountFen: number;
}

/** Null when the funding sources add up to the agreement amount, each source once; else why not. */
export function checkFunding(amountFen: number, funding: readonly FundingLine[]): BilingualMessage | null {
  const seen = new Set<string>();
  for (const line of funding) {
    if (seen.has(line.source)) {
      return { zh: `资金来源“${FUNDING_SOURCE_LABELS[line.source].zh}”重复，请合并为一行`, en: `Funding source ${FUNDING_SOURCE_LABELS[line.source].en} appears twice; combine it into one line` };
    }
    seen.add(line.source);
  }
  const total = funding.reduce((sum, line) => sum + line.amountFen, 0);
  if (total !== amountFen) {
    return {
      zh: `各资金来源合计 ${formatFen(total)}，与协议金额 ${formatFen(amountFen)}不一致`,
      en: `The funding sources add up to ${formatFen(total).replace("元", " CNY")}, not the agreement amount of ${formatFen(amountFen).replace("元", " CNY")}`,
    };
  }
  return null;
}

export const ZFundingLineSchema = z.object({ source: ZFundingSourceSchema, amountFen: ZAmountFenSchema });

export const ZDeliverableSchema = z.object({
  kind: z.enum(DELIVERABLE_KINDS),
  target: z.number().int().min(1).max(100_000),
  note: optionalLine(200).optional(),
});
export type TDeliverable = z.output<typeof ZDeliverableSchema>;

export const ZAgreementSchema = z
  .object({
    agreementNo: optionalLine(60).optional(),
    purchaserName: requiredLine(100, { zh: "购买方", en: "Purchaser" }),
    contractorId: z.uuid(),
    signedOn: ZIsoDateSchema,
    serviceStart: ZIsoDateSchema,
    // Omitted: 31 December of the start year (R13).
    serviceEnd: ZIsoDateSchema.optional(),
    amountFen: ZAmountFenSchema,
    funding: z.array(ZFundingLineSchema).min(1, { error: bilingual({ zh: "请至少填写一项资金来源", en: "Give at least one funding source" }) }).max(FUNDING_SOURCES.length),
    staffingRequired: z.number().int().min(1, { error: bilingual({ zh: "驻站社工人数至少为1", en: "At least one resident worker" }) }).max(50),
    deliverables: z.array(ZDeliverableSchema).min(1, { error: bilingual({ zh: "请至少填写一项服务指标", en: "Give at least one deliverable" }) }).max(20),
  })
  .transform((v) => ({ ...v, serviceEnd: v.serviceEnd ?? defaultServiceEnd(v.serviceStart) }))
  .superRefine((v, ctx) => {
    if ((isoDateToDays(v.serviceEnd) ?? 0) < (isoDateToDays(v.serviceStart) ?? 0)) {
      ctx.addIssue({ code: "custom", path: ["serviceEnd"], message: bilingual({ zh: "服务期结束日期不能早于开始日期", en: "The service period cannot end before it starts" }) });
    }
    const funding = checkFunding(v.amountFen, v.funding);
    if (funding) ctx.addIssue({ code: "custom", path: ["funding"], message: bilingual(funding) });
  });
export type TAgreement = z.output<typeof ZAgreementSchema>;
export type TAgreementInput = z.input<typeof ZAgreementSchema>;

export const ZFilingReturnSchema = z.object({ comment: requiredLine(1000, { zh: "退回意见", en: "Comments" }) });

export interface AgreementPeriod {
  serviceStart: string;
  serviceEnd: string;
  status: string;
  /** Orders agreements entered on the same terms: the newest wins. */
  createdAt: Date;
}

/**
 * The agreement in force on `day`, whose staffing and deliverables the station owes: of those whose
 * service period covers the day, a filed (acknowledged) one first, then the newest. The staff panel
 * and the staffing rollup both read it, so they never disagree.
 */
export function agreementInForceOn<T extends AgreementPeriod>(agreements: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const a of agreements) {
    if (a.serviceStart > day || a.serviceEnd < day) continue;
    if (!best) best = a;
    else {
      const [filed, bestFiled] = [a.status === "acknowledged", best.status === "acknowledged"];
      if ((filed && !bestFiled) || (filed === bestFiled && a.createdAt.getTime() > best.createdAt.getTime())) best = a;
    }
  }
  return best;
}
