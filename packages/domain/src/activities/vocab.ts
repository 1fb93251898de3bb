import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";

/**
 * Vocabularies of group work, publicity, volunteers, resources and supervision (issue 4 items 5–7).
 * Keys are stored; the Chinese labels are what the activity pages and the evaluators' checks show.
 */

/** The three kinds of activity the plan counts separately: 小组, 社区活动, 宣传教育. */
export const ACTIVITY_KINDS = ["group", "community", "publicity"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ZActivityKindSchema = z.enum(ACTIVITY_KINDS);
export const ACTIVITY_KIND_LABELS: VocabLabels<ActivityKind> = {
  group: { zh: "小组活动", en: "Group work", variants: ["小组", "小组工作"] },
  community: { zh: "社区活动", en: "Community activity", variants: ["社区工作"] },
  publicity: { zh: "宣传教育", en: "Publicity and education", variants: ["政策宣传", "宣传活动"] },
};

/**
 * What a publicity session was about: policy publicity on assistance (R11) and social affairs
 * (R12), guardianship law and safety education for children (R10).
 */
export const PUBLICITY_TOPICS = ["assistance_policy", "social_affairs_policy", "guardianship_law", "safety_education", "other"] as const;
export type PublicityTopic = (typeof PUBLICITY_TOPICS)[number];
export const ZPublicityTopicSchema = z.enum(PUBLICITY_TOPICS);
export const PUBLICITY_TOPIC_LABELS: VocabLabels<PublicityTopic> = {
  assistance_policy: { zh: "社会救助政策宣传", en: "Social assistance policy", variants: ["救助政策宣传", "低保政策宣传"] },
  social_affairs_policy: { zh: "社会事务政策宣传", en: "Social affairs policy", variants: ["婚姻殡葬政策宣传"] },
  guardianship_law: { zh: "监护法律宣传", en: "Guardianship law", variants: ["未成年人保护法宣传", "监护责任宣传"] },
  safety_education: { zh: "安全教育", en: "Safety education", variants: ["儿童安全教育", "防溺水教育"] },
  other: { zh: "其他宣传", en: "Other publicity" },
};

/** 链接资源: what came in from outside, because bureaus count goods, money and services apart. */
export const RESOURCE_KINDS = ["goods", "money", "service"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export const ZResourceKindSchema = z.enum(RESOURCE_KINDS);
export const RESOURCE_KIND_LABELS: VocabLabels<ResourceKind> = {
  goods: { zh: "物资", en: "Goods", variants: ["实物"] },
  money: { zh: "资金", en: "Money", variants: ["现金", "善款"] },
  service: { zh: "服务", en: "Services", variants: ["志愿服务", "专业服务"] },
};

export const SUPERVISION_FORMATS = ["individual", "group"] as const;
export type SupervisionFormat = (typeof SUPERVISION_FORMATS)[number];
export const ZSupervisionFormatSchema = z.enum(SUPERVISION_FORMATS);
export const SUPERVISION_FORMAT_LABELS: VocabLabels<SupervisionFormat> = {
  individual: { zh: "个别督导", en: "Individual supervision", variants: ["个体督导"] },
  group: { zh: "团体督导", en: "Group supervision", variants: ["小组督导", "集体督导"] },
};

/** What a satisfaction follow-up (回访) is about. Cases are refused until the case capability lands. */
export const FOLLOWUP_SUBJECT_KINDS = ["activity", "case"] as const;
export type FollowupSubjectKind = (typeof FOLLOWUP_SUBJECT_KINDS)[number];
export const ZFollowupSubjectKindSchema = z.enum(FOLLOWUP_SUBJECT_KINDS);
export const FOLLOWUP_SUBJECT_KIND_LABELS: VocabLabels<FollowupSubjectKind> = {
  activity: { zh: "活动", en: "Activity" },
  case: { zh: "个案", en: "Case" },
};

/** Five-point satisfaction, as evaluators' survey forms print it. */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export const SATISFACTION_SCORE_LABELS: Readonly<Record<(typeof SATISFACTION_SCORES)[number], { zh: string; en: string }>> = {
  1: { zh: "很不满意", en: "Very dissatisfied" },
  2: { zh: "不满意", en: "Dissatisfied" },
  3: { zh: "一般", en: "Neutral" },
  4: { zh: "满意", en: "Satisfied" },
  5: { zh: "很满意", en: "Very satisfied" },
};
