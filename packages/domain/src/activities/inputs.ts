import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import { ZPersonNameSchema, ZPhoneSchema } from "../registry/person.ts";
import { normalizeProse } from "../registry/text.ts";
import { isIsoDate, ZIsoDateSchema } from "../time.ts";
import { multilineText } from "../visits/text-fields.ts";
import { ZServiceAreaSchema, ZVisitModeSchema } from "../visits/vocab.ts";
import {
  ZActivityKindSchema,
  ZFollowupSubjectKindSchema,
  ZPublicityTopicSchema,
  ZResourceKindSchema,
  ZSupervisionFormatSchema,
} from "./vocab.ts";

/**
 * Inputs of issue 4 items 5–7, shared by the API and the forms. Durations are whole minutes on every
 * record (item 7: service hours add up); money is whole fen.
 */

/** One line of required text (a topic, a place, a source), cleaned as prose. */
export const requiredLine = (max: number, label: BilingualMessage) =>
  z
    .string()
    .transform((raw) => normalizeProse(raw).replace(/\s+/g, " "))
    .pipe(
      z
        .string()
        .min(1, { error: `${label.zh}不能为空 / ${label.en} is required` })
        .max(max, { error: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` }),
    );

/** Whole minutes between 1 and `max`, with the messages every duration field shows. */
export const durationMinutes = (max: number) =>
  z
    .number()
    .int({ error: "时长须为整数分钟 / Duration is whole minutes" })
    .min(1, { error: "时长至少1分钟 / Duration must be at least 1 minute" })
    .max(max, { error: `时长不能超过${max}分钟 / Duration is at most ${max} minutes` });

const distinctIds = (label: BilingualMessage, min: number, max: number) =>
  z
    .array(z.uuid())
    .min(min, { error: `至少选择${min}名${label.zh} / Choose at least ${min} ${label.en}` })
    .max(max, { error: `最多${max}名${label.zh} / At most ${max} ${label.en}` })
    .refine((ids) => new Set(ids).size === ids.length, { error: `${label.zh}不能重复 / A ${label.en} is listed twice` });

export const ZActivityVolunteerHoursSchema = z.object({
  volunteerId: z.uuid(),
  // A volunteer may serve a whole day at a market-day publicity stall, but not longer than the day.
  minutes: durationMinutes(1440),
});

export const ZActivityInputSchema = z
  .object({
    kind: ZActivityKindSchema,
    publicityTopic: ZPublicityTopicSchema.optional(),
    area: ZServiceAreaSchema,
    topic: requiredLine(100, { zh: "活动主题", en: "Topic" }),
    heldOn: ZIsoDateSchema,
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "开始时间须为 HH:MM / Start time must be HH:MM" })
      .optional(),
    durationMinutes: durationMinutes(720),
    // Station rooms come with the governance issue; until then the place is written out.
    place: requiredLine(100, { zh: "活动地点", en: "Place" }),
    othersCount: z
      .number()
      .int({ error: "人数须为整数 / A head count is a whole number" })
      .min(0, { error: "人数不能为负 / A head count cannot be negative" })
      .max(100_000, { error: "人数过大 / The head count is too large" })
      .default(0),
    attendeePersonIds: distinctIds({ zh: "参加的服务对象", en: "attendees" }, 0, 500).default([]),
    workerUserIds: distinctIds({ zh: "社工", en: "workers" }, 1, 10),
    volunteers: z
      .array(ZActivityVolunteerHoursSchema)
      .max(200, { error: "最多200名志愿者 / At most 200 volunteers" })
      .refine((rows) => new Set(rows.map((r) => r.volunteerId)).size === rows.length, {
        error: "志愿者不能重复 / A volunteer is listed twice",
      })
      .default([]),
    summary: multilineText(4000, { zh: "活动总结", en: "Summary" }),
  })
  .superRefine((activity, ctx) => {
    // Publicity is counted per topic (R10–R12); an untopiced session would count nowhere.
    if (activity.kind === "publicity" && activity.publicityTopic === undefined) {
      ctx.addIssue({ code: "custom", path: ["publicityTopic"], message: bilingual({ zh: "宣传教育须选择宣传主题", en: "Choose the topic of the publicity session" }) });
    }
    if (activity.kind !== "publicity" && activity.publicityTopic !== undefined) {
      ctx.addIssue({ code: "custom", path: ["publicityTopic"], message: bilingual({ zh: "只有宣传教育活动有宣传主题", en: "Only publicity sessions have a publicity topic" }) });
    }
  });
export type TActivityInput = z.output<typeof ZActivityInputSchema>;
export type TActivityInputDraft = z.input<typeof ZActivityInputSchema>;

export const ZVolunteerInputSchema = z.object({
  name: ZPersonNameSchema,
  phone: ZPhoneSchema.optional(),
  skills: multilineText(200, { zh: "特长", en: "Skills" }),
  joinedOn: ZIsoDateSchema,
  leftOn: ZIsoDateSchema.optional(),
  note: multilineText(500, { zh: "备注", en: "Note" }),
}).refine((v) => v.leftOn === undefined || v.leftOn >= v.joinedOn, {
  path: ["leftOn"],
  error: bilingual({ zh: "退出日期不能早于加入日期", en: "The leaving date cannot be before the joining date" }),
});
export type TVolunteerInput = z.output<typeof ZVolunteerInputSchema>;

/** Whom a linked resource was brought in for: exactly one person, household or activity. */
export const ZResourceBeneficiarySchema = z.union(
  [z.strictObject({ personId: z.uuid() }), z.strictObject({ householdId: z.uuid() }), z.strictObject({ activityId: z.uuid() })],
  { error: bilingual({ zh: "须选择受益的服务对象、家庭或活动之一", en: "Choose one beneficiary: a person, a household or an activity" }) },
);

export const ZLinkedResourceInputSchema = z.object({
  kind: ZResourceKindSchema,
  source: requiredLine(100, { zh: "资源来源", en: "Source" }),
  description: requiredLine(200, { zh: "资源内容", en: "Description" }),
  // Fen, never yuan with decimals: bureaus add these up and floats would drift.
  valueFen: z
    .number()
    .int({ error: "价值须为整数（分） / The value is whole fen" })
    .min(0, { error: "价值不能为负 / The value cannot be negative" })
    .max(2_000_000_000, { error: "单笔价值不能超过2000万元 / One record is at most 20 million yuan" }),
  receivedOn: ZIsoDateSchema,
  beneficiary: ZResourceBeneficiarySchema,
});
export type TLinkedResourceInput = z.output<typeof ZLinkedResourceInputSchema>;

/** A case talked through in supervision; ids are checked once cases exist, so a note alone will do. */
export const ZCaseDiscussedSchema = z
  .object({
    caseId: z.uuid().optional(),
    note: multilineText(300, { zh: "讨论要点", en: "Discussion note" }),
  })
  .refine((c) => c.caseId !== undefined || c.note !== undefined, {
    error: bilingual({ zh: "讨论的个案须填写个案或要点", en: "A case discussed needs its case or a note" }),
  });

export const ZSupervisionInputSchema = z
  .object({
    format: ZSupervisionFormatSchema,
    supervisorUserId: z.uuid().optional(),
    // Many stations buy supervision from a university teacher or an NGO who has no account here.
    supervisorName: requiredLine(40, { zh: "督导姓名", en: "Supervisor name" }).optional(),
    heldOn: ZIsoDateSchema,
    durationMinutes: durationMinutes(720),
    workerUserIds: distinctIds({ zh: "参加督导的社工", en: "workers supervised" }, 1, 30),
    topics: requiredLine(500, { zh: "督导主题", en: "Topics" }),
    casesDiscussed: z.array(ZCaseDiscussedSchema).max(30, { error: "最多30个个案 / At most 30 cases" }).default([]),
  })
  .superRefine((session, ctx) => {
    if (session.supervisorUserId === undefined && session.supervisorName === undefined) {
      ctx.addIssue({ code: "custom", path: ["supervisorName"], message: bilingual({ zh: "须填写督导（本站账号或外聘督导姓名）", en: "Name the supervisor (an account here or an external supervisor's name)" }) });
    }
    if (session.format === "individual" && session.workerUserIds.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["workerUserIds"], message: bilingual({ zh: "个别督导只能有一名社工", en: "Individual supervision has exactly one worker" }) });
    }
    if (session.supervisorUserId !== undefined && session.workerUserIds.includes(session.supervisorUserId)) {
      ctx.addIssue({ code: "custom", path: ["workerUserIds"], message: bilingual({ zh: "督导不能同时是被督导的社工", en: "The supervisor cannot also be a worker supervised" }) });
    }
  });
export type TSupervisionInput = z.output<typeof ZSupervisionInputSchema>;

export const ZSatisfactionInputSchema = z.object({
  subjectKind: ZFollowupSubjectKindSchema,
  subjectId: z.uuid(),
  followedUpOn: ZIsoDateSchema,
  mode: ZVisitModeSchema,
  durationMinutes: durationMinutes(600),
  score: z
    .number()
    .int({ error: "满意度须为1至5的整数 / The score is a whole number from 1 to 5" })
    .min(1, { error: "满意度须为1至5的整数 / The score is a whole number from 1 to 5" })
    .max(5, { error: "满意度须为1至5的整数 / The score is a whole number from 1 to 5" }),
  comment: multilineText(500, { zh: "意见建议", en: "Comment" }),
  respondentPersonId: z.uuid().optional(),
});
export type TSatisfactionInput = z.output<typeof ZSatisfactionInputSchema>;

export type ServiceDateError = { field: string } & BilingualMessage;

/** A service cannot be recorded for a day that has not come (today = todayInShanghai()). */
export function checkServiceDate(field: string, date: string, today: string): ServiceDateError | null {
  if (!isIsoDate(date) || !isIsoDate(today)) throw new RangeError("date and today must be real YYYY-MM-DD dates");
  if (date <= today) return null;
  return { field, zh: `日期不能晚于今天（${today}）`, en: `The date cannot be after today (${today})` };
}
