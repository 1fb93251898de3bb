import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import type { VocabLabels } from "../registry/vocab.ts";
import { isoDateToDays, ZIsoDateSchema } from "../time.ts";
import { optionalLine, requiredLine } from "./text.ts";

/**
 * Evaluation, inspection and rectification (issue 5 item 8, R15, R18): the bureau or a
 * third-party evaluator scores a station's year against a rubric, inspectors get read access that
 * ends by itself, and findings become rectification items (整改) the station answers with evidence.
 */

/** The dimensions evaluators use for township stations (ANCHORS: Chinese civil-affairs platforms). */
export const EVALUATION_DIMENSIONS = ["administration", "finance", "service_output", "satisfaction", "publicity_innovation"] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];
export const EVALUATION_DIMENSION_LABELS: VocabLabels<EvaluationDimension> = {
  administration: { zh: "行政管理", en: "Administration" },
  finance: { zh: "财务管理", en: "Finance" },
  service_output: { zh: "服务成效与产出", en: "Service delivery and output" },
  satisfaction: { zh: "社会评价/满意度", en: "Social evaluation / satisfaction" },
  publicity_innovation: { zh: "宣传与创新", en: "Publicity and innovation" },
};

/**
 * Where the number behind an indicator comes from: each is read from the station's own records
 * for the evaluated year, so the evaluator scores against data, not against what is claimed.
 */
export const EVALUATION_DATA_SOURCES = [
  "none",
  "visits_vs_target",
  "cases_closed",
  "activities_held",
  "publicity_activities",
  "satisfaction_score",
  "qualified_staff_ratio",
  "staffing_vs_agreement",
  "funds_spent_ratio",
] as const;
export type EvaluationDataSource = (typeof EVALUATION_DATA_SOURCES)[number];
export const EVALUATION_DATA_SOURCE_LABELS: VocabLabels<EvaluationDataSource> = {
  none: { zh: "无（评估人现场核查）", en: "None (checked on site)" },
  visits_vs_target: { zh: "走访完成数 / 协议目标", en: "Visits made vs agreement target" },
  cases_closed: { zh: "结案个案数 / 协议目标", en: "Cases closed vs agreement target" },
  activities_held: { zh: "小组与社区活动场次 / 协议目标", en: "Group and community activities vs agreement target" },
  publicity_activities: { zh: "宣传教育活动场次", en: "Publicity activities held" },
  satisfaction_score: { zh: "服务对象满意度（回访）", en: "Satisfaction from follow-ups" },
  qualified_staff_ratio: { zh: "持证社工占比", en: "Share of qualified workers" },
  staffing_vs_agreement: { zh: "驻站人数 / 协议要求", en: "Workers stationed vs agreement" },
  funds_spent_ratio: { zh: "资金支出 / 到位资金", en: "Funds spent vs allocated" },
};

/** Score weights and scores in tenths of a point: evaluators give half points, and sums stay exact. */
const ZPointsSchema = z.number().min(0).max(100).multipleOf(0.1);

export const ZEvaluationIndicatorSchema = z.object({
  code: z.string().regex(/^[a-z0-9_.-]{1,40}$/, { message: "lowercase code, 1–40 characters" }),
  dimension: z.enum(EVALUATION_DIMENSIONS),
  title: requiredLine(120, { zh: "指标名称", en: "Indicator" }),
  /** What earns the points, as the rubric states it. */
  guidance: optionalLine(500),
  weight: ZPointsSchema.refine((w) => w > 0, { error: bilingual({ zh: "分值须大于 0", en: "The weight must be above 0" }) }),
  dataSource: z.enum(EVALUATION_DATA_SOURCES),
});
export type TEvaluationIndicator = z.output<typeof ZEvaluationIndicatorSchema>;

/** Tenths as integers, so 33.3 + 33.3 + 33.4 is exactly 100. */
const tenths = (points: number) => Math.round(points * 10);

/** Null when the rubric is sound: at least one indicator, codes unique, weights summing to exactly 100. */
export function checkTemplateIndicators(indicators: readonly Pick<TEvaluationIndicator, "code" | "weight">[]): BilingualMessage | null {
  if (indicators.length === 0) return { zh: "评估模板至少需要一项指标", en: "A rubric needs at least one indicator" };
  const codes = new Set(indicators.map((i) => i.code));
  if (codes.size !== indicators.length) return { zh: "指标编码不能重复", en: "Indicator codes must be unique" };
  const sum = indicators.reduce((s, i) => s + tenths(i.weight), 0) / 10;
  if (sum !== 100) return { zh: `各指标分值合计须为 100，现为 ${sum}`, en: `Weights must sum to 100; they sum to ${sum}` };
  return null;
}

export const ZEvaluationTemplateSchema = z
  .object({
    name: requiredLine(80, { zh: "模板名称", en: "Rubric name" }),
    indicators: z.array(ZEvaluationIndicatorSchema).max(60),
  })
  .superRefine((template, ctx) => {
    const problem = checkTemplateIndicators(template.indicators);
    if (problem) ctx.addIssue({ code: "custom", path: ["indicators"], message: bilingual(problem) });
  });
export type TEvaluationTemplate = z.output<typeof ZEvaluationTemplateSchema>;

const indicator = (code: string, dimension: EvaluationDimension, weight: number, dataSource: EvaluationDataSource, title: string, guidance: string): TEvaluationIndicator => ({
  code,
  dimension,
  weight,
  dataSource,
  title,
  guidance,
});

/** The default rubric: five dimensions, each with a few concrete indicators bound to data where data exists. */
export const DEFAULT_EVALUATION_TEMPLATE: TEvaluationTemplate = {
  name: "乡镇（街道）社会工作服务站年度评估（默认）",
  indicators: [
    indicator("admin.staffing", "administration", 8, "staffing_vs_agreement", "驻站人员配备达到协议要求", "驻站社工人数不少于购买服务协议约定人数"),
    indicator("admin.qualified", "administration", 6, "qualified_staff_ratio", "持证社工比例", "持有社会工作者职业资格证书且在有效期内的驻站人员占比"),
    indicator("admin.rules", "administration", 6, "none", "制度上墙与档案管理", "组织与职责、服务流程、人员、志愿者、场地使用、档案、对象数据库等制度齐全并执行"),
    indicator("finance.spending", "finance", 8, "funds_spent_ratio", "资金使用进度", "项目资金按预算使用，支出与到位资金相符"),
    indicator("finance.vouchers", "finance", 7, "none", "财务凭证规范", "支出有凭证、专款专用、无超范围支出"),
    indicator("service.visits", "service_output", 15, "visits_vs_target", "入户走访完成情况", "按协议完成每月入户巡访人次"),
    indicator("service.cases", "service_output", 12, "cases_closed", "个案服务成效", "个案按协议目标结案，服务记录完整"),
    indicator("service.activities", "service_output", 13, "activities_held", "小组与社区活动", "按协议开展小组、社区活动"),
    indicator("satisfaction.followups", "satisfaction", 10, "satisfaction_score", "服务对象满意度", "回访满意度（4、5 分为满意）"),
    indicator("satisfaction.township", "satisfaction", 5, "none", "乡镇与村（社区）评价", "乡镇政府、村（社区）对服务的评价"),
    indicator("publicity.activities", "publicity_innovation", 5, "publicity_activities", "宣传教育活动", "开展政策宣传、社会工作宣传活动"),
    indicator("publicity.innovation", "publicity_innovation", 5, "none", "服务创新与特色", "形成特色服务项目或案例，被上级推广"),
  ],
};

export const EVALUATOR_KINDS = ["bureau", "third_party"] as const;
export type EvaluatorKind = (typeof EVALUATOR_KINDS)[number];
export const EVALUATOR_KIND_LABELS: VocabLabels<EvaluatorKind> = {
  bureau: { zh: "民政局评估", en: "Bureau evaluation" },
  third_party: { zh: "第三方评估", en: "Third-party evaluation" },
};

export const EVALUATION_STATUSES = ["draft", "finalized"] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EVALUATION_STATUS_LABELS: VocabLabels<EvaluationStatus> = {
  draft: { zh: "评分中", en: "Scoring" },
  finalized: { zh: "已定稿", en: "Finalized" },
};

export const ZIndicatorScoreSchema = z.object({
  code: z.string().min(1).max(40),
  score: ZPointsSchema,
  comment: optionalLine(500),
});
export type TIndicatorScore = z.output<typeof ZIndicatorScoreSchema>;

/** Null when the score fits its indicator: from 0 up to the indicator's weight. */
export function checkIndicatorScore(weight: number, score: number): BilingualMessage | null {
  if (score < 0 || tenths(score) > tenths(weight)) return { zh: `得分须在 0 到 ${weight} 之间`, en: `The score must be between 0 and ${weight}` };
  return null;
}

export const EVALUATION_GRADES = ["excellent", "good", "pass", "fail"] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];
export const EVALUATION_GRADE_LABELS: VocabLabels<EvaluationGrade> = {
  excellent: { zh: "优秀", en: "Excellent" },
  good: { zh: "良好", en: "Good" },
  pass: { zh: "合格", en: "Pass" },
  fail: { zh: "不合格", en: "Fail" },
};

/** The usual bands in township station evaluations: 90 / 80 / 60. */
export function evaluationGrade(total: number): EvaluationGrade {
  if (total >= 90) return "excellent";
  if (total >= 80) return "good";
  if (total >= 60) return "pass";
  return "fail";
}

export interface EvaluationTotal {
  total: number;
  byDimension: Record<EvaluationDimension, { weight: number; score: number }>;
  scored: number;
  indicators: number;
  complete: boolean;
  grade: EvaluationGrade;
}

/** The total of a scored rubric, per dimension too; indicators not yet scored count as 0. */
export function evaluationTotal(indicators: readonly Pick<TEvaluationIndicator, "code" | "dimension" | "weight">[], scores: readonly Pick<TIndicatorScore, "code" | "score">[]): EvaluationTotal {
  const byCode = new Map(scores.map((s) => [s.code, s.score]));
  const acc = Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, { weight: 0, score: 0 }])) as Record<EvaluationDimension, { weight: number; score: number }>;
  let total = 0;
  let scored = 0;
  for (const i of indicators) {
    const score = byCode.get(i.code);
    acc[i.dimension].weight += tenths(i.weight);
    if (score === undefined) continue;
    scored += 1;
    acc[i.dimension].score += tenths(score);
    total += tenths(score);
  }
  for (const d of EVALUATION_DIMENSIONS) acc[d] = { weight: acc[d].weight / 10, score: acc[d].score / 10 };
  return { total: total / 10, byDimension: acc, scored, indicators: indicators.length, complete: scored === indicators.length, grade: evaluationGrade(total / 10) };
}

/** Rectification (整改): the station answers a finding with evidence; only the bureau closes it. */
export const RECTIFICATION_STATUSES = ["open", "evidence_submitted", "closed", "reopened"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: VocabLabels<RectificationStatus> = {
  open: { zh: "待整改", en: "Open" },
  evidence_submitted: { zh: "已提交整改材料", en: "Evidence submitted" },
  closed: { zh: "已销号", en: "Closed" },
  reopened: { zh: "退回重新整改", en: "Reopened" },
};

export const RECTIFICATION_ACTIONS = ["submit_evidence", "close", "reopen"] as const;
export type RectificationAction = (typeof RECTIFICATION_ACTIONS)[number];

const RECTIFICATION_TRANSITIONS: Record<RectificationAction, { from: readonly RectificationStatus[]; to: RectificationStatus }> = {
  submit_evidence: { from: ["open", "reopened"], to: "evidence_submitted" },
  // The bureau closes only what the station has answered: closing an unanswered finding hides it.
  close: { from: ["evidence_submitted"], to: "closed" },
  // Evidence that does not convince, or a closed item found not to hold, goes back to the station.
  reopen: { from: ["evidence_submitted", "closed"], to: "reopened" },
};

/** The status after `action`, or null when the item's status does not allow it. */
export function nextRectificationStatus(status: RectificationStatus, action: RectificationAction): RectificationStatus | null {
  const t = RECTIFICATION_TRANSITIONS[action];
  return t.from.includes(status) ? t.to : null;
}

/** Overdue: not closed, and the due day (Beijing) has passed. */
export function isRectificationOverdue(item: { status: RectificationStatus; dueOn: string }, today: string): boolean {
  return item.status !== "closed" && item.dueOn < today;
}

export const ZRectificationSchema = z.object({
  finding: requiredLine(500, { zh: "问题描述", en: "Finding" }),
  requirement: optionalLine(500),
  ownerUserId: z.uuid(),
  dueOn: ZIsoDateSchema,
  evaluationId: z.uuid().optional(),
  indicatorCode: z.string().min(1).max(40).optional(),
});
export type TRectification = z.output<typeof ZRectificationSchema>;

/** Inspectors (R18): finance, audit and evaluators; only evaluators score. */
export const INSPECTOR_KINDS = ["finance", "audit", "evaluator"] as const;
export type InspectorKind = (typeof INSPECTOR_KINDS)[number];
export const INSPECTOR_KIND_LABELS: VocabLabels<InspectorKind> = {
  finance: { zh: "财政检查", en: "Finance inspection" },
  audit: { zh: "审计", en: "Audit" },
  evaluator: { zh: "第三方评估", en: "Third-party evaluator" },
};

/** An inspection is a visit, not a standing role: 90 days covers a year-end evaluation round. */
export const INSPECTOR_GRANT_MAX_DAYS = 90;

/** Null when the grant ends after `now` and no later than the maximum period from it. */
export function checkInspectorGrantExpiry(now: Date, expiresAt: Date): BilingualMessage | null {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms <= 0 || ms > INSPECTOR_GRANT_MAX_DAYS * 86_400_000) {
    return { zh: `到期时间须在今后 ${INSPECTOR_GRANT_MAX_DAYS} 天以内`, en: `Access must end within the next ${INSPECTOR_GRANT_MAX_DAYS} days` };
  }
  return null;
}

/** Days from `today` to the due day (negative when overdue); null for a malformed date. */
export function daysUntilDue(dueOn: string, today: string): number | null {
  const due = isoDateToDays(dueOn);
  const now = isoDateToDays(today);
  return due === null || now === null ? null : due - now;
}
