import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { vocabKeyOf, type VocabLabel } from "./vocab.ts";

/**
 * The statutory categories a station keeps registers of: elderly (R9), children (R10), social
 * assistance (R11) and social affairs (R12). A person holds any number of them, each with dates.
 */
export const CATEGORY_KEYS = [
  "elderly_tekun",
  "elderly_left_behind",
  "elderly_disabled_poor",
  "elderly_disabled_dibao",
  "elderly_advanced_age",
  "child_left_behind",
  "child_in_difficulty",
  "child_orphan",
  "child_unsupported",
  "assist_dibao",
  "assist_tekun",
  "assist_temporary",
  "affairs_vagrant",
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
export const ZCategoryKeySchema = z.enum(CATEGORY_KEYS);

export const CATEGORY_GROUP_KEYS = ["elderly", "children", "assistance", "social_affairs"] as const;
export type CategoryGroup = (typeof CATEGORY_GROUP_KEYS)[number];

export const CATEGORY_GROUPS: Record<CategoryGroup, BilingualMessage> = {
  elderly: { zh: "老年人", en: "Elderly people" },
  children: { zh: "儿童", en: "Children" },
  assistance: { zh: "社会救助", en: "Social assistance" },
  social_affairs: { zh: "社会事务", en: "Social affairs" },
};

/**
 * Which age rule a category enforces (issue 3 item 2): elderly from 60, advanced age from an age
 * each region sets (80 by default), children under 18.
 */
export type CategoryAgeRule = "elderly" | "advanced_age" | "child" | "none";

export interface CategoryDefinition extends VocabLabel {
  group: CategoryGroup;
  ageRule: CategoryAgeRule;
  /** Every category is for living people: death ends it on the date of death. */
  endsOnDeath: boolean;
  /** Child categories end on the 18th birthday (R10; issue 3 item 2). */
  endsAtAdulthood: boolean;
}

const elderly = (zh: string, en: string, variants: string[], ageRule: CategoryAgeRule = "elderly"): CategoryDefinition => ({
  group: "elderly",
  zh,
  en,
  variants,
  ageRule,
  endsOnDeath: true,
  endsAtAdulthood: false,
});
const child = (zh: string, en: string, variants: string[]): CategoryDefinition => ({
  group: "children",
  zh,
  en,
  variants,
  ageRule: "child",
  endsOnDeath: true,
  endsAtAdulthood: true,
});
const other = (group: CategoryGroup, zh: string, en: string, variants: string[]): CategoryDefinition => ({
  group,
  zh,
  en,
  variants,
  ageRule: "none",
  endsOnDeath: true,
  endsAtAdulthood: false,
});

/**
 * `variants` are the shorter names people write in a "类别" cell; 特困 alone is deliberately absent
 * because it could mean either 特困老人 or 特困供养人员.
 */
export const CATEGORIES: Readonly<Record<CategoryKey, CategoryDefinition>> = {
  elderly_tekun: elderly("特困老人", "Elderly in extreme poverty (tekun)", ["特困供养老人"]),
  elderly_left_behind: elderly("农村留守老人", "Rural left-behind elderly", ["留守老人"]),
  elderly_disabled_poor: elderly("困难残疾老人", "Elderly with disabilities in hardship", ["残疾老人"]),
  elderly_disabled_dibao: elderly("失能半失能低保老人", "Dependent or partly dependent elderly on dibao", [
    "失能低保老人",
    "半失能低保老人",
    "失能、半失能低保老人",
  ]),
  elderly_advanced_age: elderly("高龄老人", "Advanced-age elderly", ["高龄"], "advanced_age"),
  child_left_behind: child("农村留守儿童", "Rural left-behind children", ["留守儿童"]),
  child_in_difficulty: child("困境儿童", "Children in difficulty", []),
  child_orphan: child("孤儿", "Orphans", ["孤儿儿童"]),
  child_unsupported: child("事实无人抚养儿童", "De-facto unsupported children", ["无人抚养儿童"]),
  assist_dibao: other("assistance", "低保对象", "Minimum living guarantee (dibao) recipients", ["低保", "低保户", "低保人员"]),
  assist_tekun: other("assistance", "特困供养人员", "People supported as extremely poor (tekun)", ["特困人员", "特困供养", "特困供养对象"]),
  assist_temporary: other("assistance", "临时救助对象", "Temporary assistance recipients", ["临时救助", "临时救助人员"]),
  affairs_vagrant: other("social_affairs", "流浪乞讨及易走失人员", "Vagrants and people prone to wander", [
    "流浪乞讨人员",
    "易走失人员",
    "流浪乞讨、易走失人员",
  ]),
};

/** Categories of one group, in CATEGORY_KEYS order. */
export function categoriesInGroup(group: CategoryGroup): CategoryKey[] {
  return CATEGORY_KEYS.filter((key) => CATEGORIES[key].group === group);
}

/** A category named in a ledger cell ("低保", "留守儿童", "高龄老人", a key), or null. */
export function categoryKeyOf(text: string | null | undefined): CategoryKey | null {
  return vocabKeyOf(CATEGORIES, text);
}
