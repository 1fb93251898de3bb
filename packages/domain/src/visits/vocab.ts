import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";

/**
 * Vocabularies of field work (issue 4 items 1–2). Keys are stored; the Chinese labels are what the
 * visit form, the visit ledger (巡访台账) and the monthly report show.
 */

/** The three kinds of visit the plan names: elderly rounds (R9), children's follow-ups (R10), household investigations (R11). */
export const VISIT_KINDS = ["patrol", "follow_up", "household_investigation"] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const ZVisitKindSchema = z.enum(VISIT_KINDS);
export const VISIT_KIND_LABELS: VocabLabels<VisitKind> = {
  patrol: { zh: "巡访", en: "Visit round", variants: ["上门巡访", "走访", "探访"] },
  follow_up: { zh: "随访", en: "Follow-up", variants: ["跟踪随访", "回访跟进"] },
  household_investigation: { zh: "入户调查", en: "Household investigation", variants: ["入户核查", "家庭经济状况调查"] },
};

export const VISIT_MODES = ["home", "phone", "video"] as const;
export type VisitMode = (typeof VISIT_MODES)[number];
export const ZVisitModeSchema = z.enum(VISIT_MODES);
export const VISIT_MODE_LABELS: VocabLabels<VisitMode> = {
  home: { zh: "上门", en: "Home visit", variants: ["入户", "上门走访", "当面"] },
  phone: { zh: "电话", en: "Phone", variants: ["电话访问", "电话随访"] },
  video: { zh: "视频", en: "Video call", variants: ["视频通话", "微信视频"] },
};

/** Medium and high risks are the ones that alert the supervisor or open a case (issue 4 item 2). */
export const RISK_LEVELS = ["none", "low", "medium", "high"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const ZRiskLevelSchema = z.enum(RISK_LEVELS);
export const RISK_LEVEL_LABELS: VocabLabels<RiskLevel> = {
  none: { zh: "无", en: "None", variants: ["无风险"] },
  low: { zh: "低", en: "Low", variants: ["低风险"] },
  medium: { zh: "中", en: "Medium", variants: ["中风险"] },
  high: { zh: "高", en: "High", variants: ["高风险"] },
};

/**
 * The four service areas of the plan (R9 elderly, R10 children, R11 assistance, R12 social affairs).
 * Same keys as the registry's CATEGORY_GROUP_KEYS, so a visit's area can be read off the category
 * that made it due; that registry table is plain messages, hence this vocabulary for the forms.
 */
export const SERVICE_AREAS = ["elderly", "children", "assistance", "social_affairs"] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];
export const ZServiceAreaSchema = z.enum(SERVICE_AREAS);
export const SERVICE_AREA_LABELS: VocabLabels<ServiceArea> = {
  elderly: { zh: "老年人", en: "Elderly people", variants: ["养老服务", "老年人服务"] },
  children: { zh: "儿童", en: "Children", variants: ["儿童关爱", "儿童福利"] },
  assistance: { zh: "社会救助", en: "Social assistance", variants: ["救助"] },
  social_affairs: { zh: "社会事务", en: "Social affairs", variants: ["婚姻殡葬", "流浪乞讨救助"] },
};

/** Whether an item on a due list is late, due, or coming up (issue 4 item 1: due and overdue lists). */
export const DUE_STATUSES = ["overdue", "due_today", "due_soon", "later"] as const;
export type DueStatus = (typeof DUE_STATUSES)[number];
export const DUE_STATUS_LABELS: VocabLabels<DueStatus> = {
  overdue: { zh: "已逾期", en: "Overdue", variants: ["逾期", "超期"] },
  due_today: { zh: "今日到期", en: "Due today" },
  due_soon: { zh: "即将到期", en: "Due soon" },
  later: { zh: "未到期", en: "Not yet due" },
};
