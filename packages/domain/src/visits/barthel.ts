import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import type { CareStatus, VocabLabel, VocabLabels } from "../registry/vocab.ts";

/**
 * The Barthel index of activities of daily living (issue 4 item 2; R9 "physical assessment and
 * monitoring"): ten items, 0–100. Item names and level wording follow the Chinese version used on
 * 日常生活活动能力评定表 (WS/T 431 护理分级 and most 长护险/养老服务 forms), so the printed form reads
 * as workers and assessors know it.
 */

export const BARTHEL_ITEM_KEYS = [
  "feeding",
  "bathing",
  "grooming",
  "dressing",
  "bowels",
  "bladder",
  "toiletUse",
  "transfers",
  "mobility",
  "stairs",
] as const;
export type BarthelItemKey = (typeof BARTHEL_ITEM_KEYS)[number];

export interface BarthelLevel extends BilingualMessage {
  score: number;
}
export interface BarthelItemDefinition extends VocabLabel {
  /** Allowed scores, best first; every item's first level is its maximum. */
  levels: readonly BarthelLevel[];
}

const level = (score: number, zh: string, en: string): BarthelLevel => ({ score, zh, en });

export const BARTHEL_ITEMS: Readonly<Record<BarthelItemKey, BarthelItemDefinition>> = {
  feeding: {
    zh: "进食",
    en: "Feeding",
    levels: [
      level(10, "可独立进食", "Independent"),
      level(5, "需部分帮助", "Needs some help"),
      level(0, "需极大帮助或完全依赖他人，或留置胃管", "Needs great help or fully dependent, or tube-fed"),
    ],
  },
  bathing: {
    zh: "洗澡",
    en: "Bathing",
    levels: [
      level(5, "准备好洗澡水后，可自己独立完成洗澡过程", "Bathes alone once the water is ready"),
      level(0, "在洗澡过程中需他人帮助", "Needs help while bathing"),
    ],
  },
  grooming: {
    zh: "修饰",
    en: "Grooming",
    levels: [
      level(5, "可自己独立完成洗脸、梳头、刷牙、剃须等", "Washes face, combs hair, brushes teeth and shaves alone"),
      level(0, "需他人帮助", "Needs help"),
    ],
  },
  dressing: {
    zh: "穿衣",
    en: "Dressing",
    levels: [
      level(10, "可独立完成（穿脱衣服、鞋袜、系扣子等）", "Independent, including buttons and shoes"),
      level(5, "需部分帮助", "Needs some help"),
      level(0, "需极大帮助或完全依赖他人", "Needs great help or fully dependent"),
    ],
  },
  bowels: {
    zh: "控制大便",
    en: "Bowel control",
    levels: [
      level(10, "可控制大便", "Continent"),
      level(5, "偶尔失控（每周<1次），或需要他人提示", "Occasional accident (under once a week) or needs prompting"),
      level(0, "完全失控", "Incontinent"),
    ],
  },
  bladder: {
    zh: "控制小便",
    en: "Bladder control",
    levels: [
      level(10, "可控制小便", "Continent"),
      level(5, "偶尔失控（每天<1次，但每周>1次），或需要他人提示", "Occasional accident (under once a day) or needs prompting"),
      level(0, "完全失控，或留置导尿管", "Incontinent, or catheterised"),
    ],
  },
  toiletUse: {
    zh: "如厕",
    en: "Toilet use",
    levels: [
      level(10, "可独立完成", "Independent"),
      level(5, "需部分帮助", "Needs some help"),
      level(0, "需极大帮助或完全依赖他人", "Needs great help or fully dependent"),
    ],
  },
  transfers: {
    zh: "床椅转移",
    en: "Bed–chair transfers",
    levels: [
      level(15, "可独立完成", "Independent"),
      level(10, "需部分帮助", "Needs some help"),
      level(5, "需极大帮助", "Needs great help"),
      level(0, "完全依赖他人", "Fully dependent"),
    ],
  },
  mobility: {
    zh: "平地行走",
    en: "Walking on level ground",
    levels: [
      level(15, "可独立在平地上行走45米", "Walks 45 m alone"),
      level(10, "需部分帮助", "Needs some help"),
      level(5, "需极大帮助", "Needs great help"),
      level(0, "完全依赖他人", "Fully dependent"),
    ],
  },
  stairs: {
    zh: "上下楼梯",
    en: "Stairs",
    levels: [
      level(10, "可独立上下楼梯", "Independent on stairs"),
      level(5, "需部分帮助", "Needs some help"),
      level(0, "需极大帮助或完全依赖他人", "Needs great help or fully dependent"),
    ],
  },
};

function itemScoreSchema(key: BarthelItemKey) {
  const item = BARTHEL_ITEMS[key];
  const scores = item.levels.map((l) => l.score);
  // Listed lowest first in the message, the order of the printed form's score column.
  const list = [...scores].sort((a, b) => a - b);
  return z.number().refine((score) => scores.includes(score), {
    error: bilingual({
      zh: `${item.zh}得分只能为 ${list.join("、")} 分`,
      en: `${item.en} must score ${list.slice(0, -1).join(", ")} or ${list.at(-1)}`,
    }),
  });
}

/** All ten items are required: a total from a partial assessment would understate the person's ability. */
export const ZBarthelSchema = z.object(
  Object.fromEntries(BARTHEL_ITEM_KEYS.map((key) => [key, itemScoreSchema(key)])) as Record<
    BarthelItemKey,
    ReturnType<typeof itemScoreSchema>
  >,
);
export type TBarthel = z.output<typeof ZBarthelSchema>;

export function barthelTotal(items: TBarthel): number {
  return BARTHEL_ITEM_KEYS.reduce((sum, key) => sum + items[key], 0);
}

/** Dependence bands of the Chinese Barthel form: 100 / 61–99 / 41–60 / ≤40. */
export const BARTHEL_LEVELS = ["independent", "mild", "moderate", "severe"] as const;
export type BarthelDependence = (typeof BARTHEL_LEVELS)[number];
export const BARTHEL_LEVEL_LABELS: VocabLabels<BarthelDependence> = {
  independent: { zh: "自理", en: "Independent", variants: ["无需依赖"] },
  mild: { zh: "轻度依赖", en: "Mildly dependent" },
  moderate: { zh: "中度依赖", en: "Moderately dependent" },
  severe: { zh: "重度依赖", en: "Severely dependent" },
};

function checkTotal(total: number): void {
  if (!Number.isInteger(total) || total < 0 || total > 100 || total % 5 !== 0) {
    throw new RangeError(`A Barthel total is a multiple of 5 from 0 to 100, got ${total}`);
  }
}

export function barthelLevel(total: number): BarthelDependence {
  checkTotal(total);
  if (total === 100) return "independent";
  if (total > 60) return "mild";
  if (total > 40) return "moderate";
  return "severe";
}

/**
 * The registry's care status (CARE_STATUSES) suggested by a Barthel total: 100 → 能自理,
 * 41–99 → 半失能, ≤40 → 失能. ≤40 is the 重度依赖 band that 长期护理保险 pilots and provincial
 * 失能 assessments treat as 失能 (needing others for nearly everything); mild and moderate
 * dependence are what stations call 半失能 — the same split the registry's variants already encode
 * (轻度/中度失能 → partly_dependent, 重度失能 → dependent). A suggestion only: an official 失能等级
 * (GB/T 42195 老年人能力评估) also weighs cognition and perception, so the worker confirms it.
 */
export function careStatusFromBarthel(total: number): CareStatus {
  const band = barthelLevel(total);
  if (band === "independent") return "independent";
  return band === "severe" ? "dependent" : "partly_dependent";
}
