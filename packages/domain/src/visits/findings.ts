import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { isIsoDate, ZIsoDateSchema } from "../time.ts";
import { ZBarthelSchema } from "./barthel.ts";
import { ZEconomicSurveySchema } from "./economic-survey.ts";
import { multilineText } from "./text-fields.ts";
import { ZRiskLevelSchema, ZServiceAreaSchema, ZVisitKindSchema, ZVisitModeSchema, type RiskLevel } from "./vocab.ts";

/**
 * A visit record (issue 4 item 2): when, who went, whom, how, and structured findings per service
 * area, which the visit ledger (巡访台账) prints column by column.
 */

/** R10: whether a child's guardian actually looks after them, the first thing a follow-up checks. */
export const GUARDIANSHIP_STATES = ["in_place", "weak", "absent"] as const;
export type GuardianshipState = (typeof GUARDIANSHIP_STATES)[number];
export const ZGuardianshipStateSchema = z.enum(GUARDIANSHIP_STATES);
export const GUARDIANSHIP_STATE_LABELS: VocabLabels<GuardianshipState> = {
  in_place: { zh: "监护到位", en: "Guardianship in place", variants: ["监护良好"] },
  weak: { zh: "监护薄弱", en: "Weak guardianship", variants: ["监护缺失风险", "监护不力"] },
  absent: { zh: "无人监护", en: "No guardian", variants: ["监护缺失", "监护缺位"] },
};

/**
 * R10 (控辍保学): whether a child is in school. A 16-year-old who finished compulsory schooling and
 * works has not dropped out, so that case has its own key rather than inflating 辍学 counts.
 */
export const SCHOOLING_STATES = ["in_school", "dropped_out", "not_school_age", "finished_compulsory"] as const;
export type SchoolingState = (typeof SCHOOLING_STATES)[number];
export const ZSchoolingStateSchema = z.enum(SCHOOLING_STATES);
export const SCHOOLING_STATE_LABELS: VocabLabels<SchoolingState> = {
  in_school: { zh: "在校", en: "In school", variants: ["在读", "在学"] },
  dropped_out: { zh: "辍学", en: "Dropped out", variants: ["失学"] },
  not_school_age: { zh: "未到学龄", en: "Not yet of school age", variants: ["学龄前", "未入学"] },
  finished_compulsory: { zh: "完成义务教育未升学", en: "Finished compulsory school, not enrolled", variants: ["初中毕业未升学"] },
};

const FINDING_MAX = 1000;

export const ZElderlyFindingsSchema = z.object({ barthel: ZBarthelSchema.optional() });
export const ZChildFindingsSchema = z.object({
  guardianship: ZGuardianshipStateSchema.optional(),
  schooling: ZSchoolingStateSchema.optional(),
  safety: multilineText(FINDING_MAX, { zh: "安全情况", en: "Safety" }),
});
export const ZAssistanceFindingsSchema = z.object({ economicSurvey: ZEconomicSurveySchema.optional() });

/**
 * The five findings every visit form has, plus one optional part per service area. A part is not
 * tied to the visit's area: 特困供养 (assistance, R11) assessments include self-care, so a Barthel
 * score can come from an assistance visit, and a left-behind child may live in a 低保 household.
 */
export const ZVisitFindingsSchema = z.object({
  livingConditions: multilineText(FINDING_MAX, { zh: "生活状况", en: "Living conditions" }),
  health: multilineText(FINDING_MAX, { zh: "身体状况", en: "Health" }),
  mentalState: multilineText(FINDING_MAX, { zh: "精神状况", en: "Mental state" }),
  safetyRisks: multilineText(FINDING_MAX, { zh: "安全隐患", en: "Safety risks" }),
  needs: multilineText(FINDING_MAX, { zh: "服务需求", en: "Needs" }),
  elderly: ZElderlyFindingsSchema.optional(),
  children: ZChildFindingsSchema.optional(),
  assistance: ZAssistanceFindingsSchema.optional(),
});
export type TVisitFindings = z.output<typeof ZVisitFindingsSchema>;

/** Medium and high risks alert the supervisor or open a case (issue 4 item 2). */
export function riskNeedsFollowUp(risk: RiskLevel): boolean {
  return risk === "medium" || risk === "high";
}

/** Whom the visit was for: one person, or a household (入户调查 is of the household, R11). */
export const ZVisitSubjectSchema = z.union([z.strictObject({ personId: z.uuid() }), z.strictObject({ householdId: z.uuid() })], {
  error: bilingual({ zh: "须选择一名服务对象或一户家庭", en: "Choose either one person or one household" }),
});
export type TVisitSubject = z.output<typeof ZVisitSubjectSchema>;

/** Who did the work (a visit, a case service): one to five of the station's members. */
export const ZWorkerUserIdsSchema = z
  .array(z.uuid())
  .min(1, { error: "至少选择一名社工 / Choose at least one worker" })
  .max(5, { error: "最多选择5名社工 / At most 5 workers" })
  .refine((ids) => new Set(ids).size === ids.length, { error: "社工不能重复选择 / A worker is listed twice" });

export const ZVisitInputSchema = z
  .object({
    visitedOn: ZIsoDateSchema,
    kind: ZVisitKindSchema,
    mode: ZVisitModeSchema,
    // Issue 4 item 7: every service record carries its duration, so service hours add up.
    durationMinutes: z
      .number()
      .int({ error: "时长须为整数分钟 / Duration is whole minutes" })
      .min(1, { error: "时长至少1分钟 / Duration must be at least 1 minute" })
      .max(600, { error: "单次时长不能超过600分钟 / A single visit lasts at most 600 minutes" }),
    subject: ZVisitSubjectSchema,
    workerUserIds: ZWorkerUserIdsSchema,
    area: ZServiceAreaSchema,
    findings: ZVisitFindingsSchema.default({}),
    risk: ZRiskLevelSchema.default("none"),
    riskNote: multilineText(500, { zh: "风险说明", en: "Risk note" }),
    summary: multilineText(2000, { zh: "走访情况", en: "Summary" }),
  })
  .superRefine((visit, ctx) => {
    // A supervisor alerted to a risk must learn what it is from the record itself.
    if (riskNeedsFollowUp(visit.risk) && visit.riskNote === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["riskNote"],
        message: bilingual({ zh: "风险等级为中或高时须填写风险说明", en: "Describe the risk when it is medium or high" }),
      });
    }
    // 入户调查 (R11) means entering the home: income and assets are verified on site, not by phone.
    if (visit.kind === "household_investigation" && visit.mode !== "home") {
      ctx.addIssue({
        code: "custom",
        path: ["mode"],
        message: bilingual({ zh: "入户调查须上门进行", en: "A household investigation is made in person at the home" }),
      });
    }
  });
export type TVisitInput = z.output<typeof ZVisitInputSchema>;
export type TVisitInputDraft = z.input<typeof ZVisitInputSchema>;

export type VisitDateError = { field: "visitedOn" } & BilingualMessage;

/**
 * A visit cannot be recorded for a day that has not come (today = todayInShanghai()). Kept out of
 * the schema so the schema stays static for tRPC and the form, and tests can fix "today".
 */
export function checkVisitDate(visitedOn: string, today: string): VisitDateError | null {
  if (!isIsoDate(visitedOn) || !isIsoDate(today)) throw new RangeError("visitedOn and today must be real YYYY-MM-DD dates");
  if (visitedOn <= today) return null;
  return {
    field: "visitedOn",
    zh: `走访日期不能晚于今天（${today}）`,
    en: `The visit date cannot be after today (${today})`,
  };
}
