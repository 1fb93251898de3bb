import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import { normalizeProse } from "../registry/text.ts";
import { isIsoDate, ZIsoDateSchema } from "../time.ts";
import { ZWorkerUserIdsSchema } from "../visits/findings.ts";
import { multilineText, normalizeMultilineText } from "../visits/text-fields.ts";
import { ZCaseClosureOutcomeSchema, ZCaseRiskLevelSchema, ZCaseServiceAreaSchema, ZCaseSourceSchema, ZQualificationLevelSchema, ZReferralTargetSchema } from "./vocab.ts";

/** Required free text: cleaned like the visit form's, and not blank once cleaned. */
const requiredText = (max: number, label: BilingualMessage) =>
  z
    .string()
    .transform(normalizeMultilineText)
    .pipe(
      z
        .string()
        .min(1, { error: bilingual({ zh: `请填写${label.zh}`, en: `${label.en} is required` }) })
        .max(max, { error: bilingual({ zh: `${label.zh}不能超过${max}个字`, en: `${label.en} must be at most ${max} characters` }) }),
    );

const shortText = (max: number) => z.string().transform(normalizeProse).pipe(z.string().max(max));

export const ZCaseIntakeSchema = z
  .object({
    personId: z.uuid(),
    source: ZCaseSourceSchema,
    // A case opened from a visit names the visit, so its risk flag can be closed by the case.
    sourceVisitId: z.uuid().optional(),
    referredBy: shortText(100).optional(),
    intakeOn: ZIsoDateSchema,
    presentingProblem: requiredText(2000, { zh: "求助问题", en: "Presenting problem" }),
    riskLevel: ZCaseRiskLevelSchema,
    assignedWorkerId: z.uuid().nullable().optional(),
  })
  .superRefine((intake, ctx) => {
    if ((intake.source === "visit") !== (intake.sourceVisitId !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["sourceVisitId"],
        message: bilingual({ zh: "来源为巡访发现时须关联该次走访", en: "A case found on a visit names that visit, and only then" }),
      });
    }
    if (intake.source === "referral" && !intake.referredBy) {
      ctx.addIssue({ code: "custom", path: ["referredBy"], message: bilingual({ zh: "请填写转介单位", en: "Name who referred the case" }) });
    }
  });
export type TCaseIntake = z.output<typeof ZCaseIntakeSchema>;

export const ZCaseAssessmentSchema = z.object({
  assessedOn: ZIsoDateSchema,
  needs: requiredText(4000, { zh: "需求评估", en: "Needs" }),
  strengths: multilineText(2000, { zh: "优势与资源", en: "Strengths and resources" }),
  riskLevel: ZCaseRiskLevelSchema,
});
export type TCaseAssessment = z.output<typeof ZCaseAssessmentSchema>;

export const ZCaseGoalSchema = z.object({
  goal: requiredText(500, { zh: "服务目标", en: "Goal" }),
  measure: requiredText(500, { zh: "衡量标准", en: "Measure" }),
  due: ZIsoDateSchema,
});
export type TCaseGoal = z.output<typeof ZCaseGoalSchema>;

export const ZCasePlanSchema = z.object({
  goals: z
    .array(ZCaseGoalSchema)
    .min(1, { error: bilingual({ zh: "服务计划至少有一个目标", en: "A plan has at least one goal" }) })
    .max(20),
  approach: multilineText(4000, { zh: "介入策略", en: "Approach" }),
});
export type TCasePlan = z.output<typeof ZCasePlanSchema>;

export const ZCaseServiceSchema = z.object({
  area: ZCaseServiceAreaSchema,
  servedOn: ZIsoDateSchema,
  // Issue 4: every service record carries its duration, so service hours add up.
  durationMinutes: z
    .number()
    .int({ error: "时长须为整数分钟 / Duration is whole minutes" })
    .min(1, { error: "时长至少1分钟 / Duration must be at least 1 minute" })
    .max(1440, { error: "单次服务不能超过24小时 / A single service lasts at most 24 hours" }),
  workerUserIds: ZWorkerUserIdsSchema,
  note: requiredText(4000, { zh: "服务记录", en: "Service note" }),
});
export type TCaseService = z.output<typeof ZCaseServiceSchema>;

export const ZCaseReviewSchema = z.object({
  reviewedOn: ZIsoDateSchema,
  progress: requiredText(4000, { zh: "进展评估", en: "Progress" }),
  nextSteps: multilineText(2000, { zh: "下一步安排", en: "Next steps" }),
  riskLevel: ZCaseRiskLevelSchema,
});
export type TCaseReview = z.output<typeof ZCaseReviewSchema>;

export const ZCaseClosureSchema = z.object({
  closedOn: ZIsoDateSchema,
  outcome: ZCaseClosureOutcomeSchema,
  summary: requiredText(4000, { zh: "结案小结", en: "Closing summary" }),
});
export type TCaseClosure = z.output<typeof ZCaseClosureSchema>;

export const ZCaseReferralSchema = z
  .object({
    toKind: ZReferralTargetSchema,
    toName: shortText(100).pipe(z.string().min(1, { error: bilingual({ zh: "请填写转介对象", en: "Name where the case is referred" }) })),
    reason: requiredText(2000, { zh: "转介原因", en: "Reason" }),
    referredOn: ZIsoDateSchema,
    dueOn: ZIsoDateSchema,
  })
  .refine((r) => r.dueOn >= r.referredOn, {
    path: ["dueOn"],
    error: bilingual({ zh: "反馈期限不能早于转介日期", en: "The due date cannot be before the referral date" }),
  });
export type TCaseReferral = z.output<typeof ZCaseReferralSchema>;

export const ZReferralFollowUpSchema = z.object({
  followedUpOn: ZIsoDateSchema,
  note: requiredText(2000, { zh: "跟进情况", en: "Follow-up note" }),
});
export type TReferralFollowUp = z.output<typeof ZReferralFollowUpSchema>;

export const ZSignOffDecisionSchema = z
  .object({
    decision: z.enum(["approved", "returned"]),
    comment: multilineText(2000, { zh: "督导意见", en: "Comment" }),
  })
  .refine((d) => d.decision === "approved" || d.comment !== undefined, {
    path: ["comment"],
    // A returned request must tell the worker what to change.
    error: bilingual({ zh: "退回时须填写督导意见", en: "Say why when returning a request" }),
  });
export type TSignOffDecision = z.output<typeof ZSignOffDecisionSchema>;

export const ZStaffQualificationSchema = z.object({
  education: shortText(50).optional(),
  major: shortText(50).optional(),
  qualificationLevel: ZQualificationLevelSchema,
  certificateNo: shortText(50).optional(),
  certificateExpiresOn: ZIsoDateSchema.optional(),
  supervisorUserId: z.uuid().nullable(),
});
export type TStaffQualification = z.output<typeof ZStaffQualificationSchema>;

/** Case records are written on or after the day; never ahead of today (Asia/Shanghai). */
export function checkCaseDate(date: string, today: string): BilingualMessage | null {
  if (!isIsoDate(date) || !isIsoDate(today)) throw new RangeError("dates must be real YYYY-MM-DD dates");
  if (date <= today) return null;
  return { zh: `日期不能晚于今天（${today}）`, en: `The date cannot be after today (${today})` };
}

/** `2026-0007`: the station's seventh case of 2026, the number printed on the case file. */
export function formatCaseNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, "0")}`;
}
