import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";

/**
 * Vocabularies of casework (个案, issue 4 item 4). Keys are stored; the Chinese labels are what
 * the case file (个案档案) shows and prints.
 */

/** Where a case comes from: a visit that raised a risk, a referral in, or someone walking in. */
export const CASE_SOURCES = ["visit", "referral", "walk_in"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const ZCaseSourceSchema = z.enum(CASE_SOURCES);
export const CASE_SOURCE_LABELS: VocabLabels<CaseSource> = {
  visit: { zh: "巡访发现", en: "Found on a visit", variants: ["走访发现"] },
  referral: { zh: "转介转入", en: "Referred in", variants: ["转介"] },
  walk_in: { zh: "主动求助", en: "Walk-in", variants: ["来访求助", "来站求助"] },
};

/** Four levels: a case's risk can exceed what a visit flags (critical = danger to life or safety now). */
export const CASE_RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type CaseRiskLevel = (typeof CASE_RISK_LEVELS)[number];
export const ZCaseRiskLevelSchema = z.enum(CASE_RISK_LEVELS);
export const CASE_RISK_LABELS: VocabLabels<CaseRiskLevel> = {
  low: { zh: "低风险", en: "Low" },
  medium: { zh: "中风险", en: "Medium" },
  high: { zh: "高风险", en: "High" },
  critical: { zh: "危急", en: "Critical", variants: ["紧急"] },
};

/** A visit's risk flag (none/low/medium/high) as the case's opening risk level. */
export function caseRiskFromVisitRisk(visitRisk: string): CaseRiskLevel {
  return visitRisk === "high" ? "high" : visitRisk === "medium" ? "medium" : "low";
}

/** The services a case record names (R9 elderly, R10 children, R12 social affairs). */
export const CASE_SERVICE_AREAS = [
  "health_aid",
  "emotional_care",
  "rights_protection",
  "end_of_life_care",
  "education",
  "rescue_protection",
  "marriage_family",
  "funeral_consultation",
  "other",
] as const;
export type CaseServiceArea = (typeof CASE_SERVICE_AREAS)[number];
export const ZCaseServiceAreaSchema = z.enum(CASE_SERVICE_AREAS);
export const CASE_SERVICE_AREA_LABELS: VocabLabels<CaseServiceArea> = {
  health_aid: { zh: "健康帮扶", en: "Health aid", variants: ["就医帮扶", "医疗帮扶"] },
  emotional_care: { zh: "精神慰藉", en: "Emotional care", variants: ["心理疏导", "情绪支持"] },
  rights_protection: { zh: "权益维护", en: "Rights protection", variants: ["权益保障", "维权"] },
  end_of_life_care: { zh: "临终关怀", en: "End-of-life care", variants: ["安宁疗护"] },
  education: { zh: "教育帮扶", en: "Education support", variants: ["学业辅导", "助学"] },
  rescue_protection: { zh: "救助保护", en: "Rescue and protection", variants: ["困境儿童保护", "流浪乞讨救助"] },
  marriage_family: { zh: "婚姻家庭辅导", en: "Marriage and family counselling", variants: ["婚姻家庭咨询", "家庭辅导"] },
  funeral_consultation: { zh: "殡葬咨询", en: "Funeral consultation", variants: ["丧葬咨询", "殡葬服务"] },
  other: { zh: "其他服务", en: "Other service", variants: ["其他"] },
};

export const CASE_CLOSURE_OUTCOMES = ["goals_met", "partly_met", "referred_on", "moved_away", "deceased", "declined", "other"] as const;
export type CaseClosureOutcome = (typeof CASE_CLOSURE_OUTCOMES)[number];
export const ZCaseClosureOutcomeSchema = z.enum(CASE_CLOSURE_OUTCOMES);
export const CASE_CLOSURE_OUTCOME_LABELS: VocabLabels<CaseClosureOutcome> = {
  goals_met: { zh: "目标达成", en: "Goals met" },
  partly_met: { zh: "部分达成", en: "Goals partly met" },
  referred_on: { zh: "转介他处", en: "Referred elsewhere" },
  moved_away: { zh: "服务对象迁出", en: "Moved away" },
  deceased: { zh: "服务对象去世", en: "Deceased" },
  declined: { zh: "服务对象终止服务", en: "Declined further service" },
  other: { zh: "其他", en: "Other" },
};

/** 职业水平等级 of the national social-work qualification exams. */
export const QUALIFICATION_LEVELS = ["none", "assistant", "intermediate", "senior"] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];
export const ZQualificationLevelSchema = z.enum(QUALIFICATION_LEVELS);
export const QUALIFICATION_LEVEL_LABELS: VocabLabels<QualificationLevel> = {
  none: { zh: "未取得", en: "None", variants: ["无", "未持证"] },
  assistant: { zh: "助理社会工作师", en: "Assistant social worker", variants: ["初级"] },
  intermediate: { zh: "社会工作师", en: "Social worker", variants: ["中级"] },
  senior: { zh: "高级社会工作师", en: "Senior social worker", variants: ["高级"] },
};

export const REFERRAL_TARGETS = ["township", "agency"] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];
export const ZReferralTargetSchema = z.enum(REFERRAL_TARGETS);
export const REFERRAL_TARGET_LABELS: VocabLabels<ReferralTarget> = {
  township: { zh: "乡镇（街道）", en: "Township" },
  agency: { zh: "其他机构", en: "Other agency", variants: ["部门", "机构"] },
};

export const SIGNOFF_KINDS = ["plan_approval", "closure"] as const;
export type SignoffKind = (typeof SIGNOFF_KINDS)[number];
export const SIGNOFF_KIND_LABELS: VocabLabels<SignoffKind> = {
  plan_approval: { zh: "服务计划审批", en: "Plan approval" },
  closure: { zh: "结案审批", en: "Case closure" },
};
