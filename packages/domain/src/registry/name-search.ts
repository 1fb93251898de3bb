import { pinyin } from "pinyin-pro";
import { z } from "zod";
import { ZIsoDateSchema } from "../time.ts";
import { ZCategoryKeySchema } from "./categories.ts";
import { normalizeText } from "./text.ts";

/**
 * Search keys stored beside each person so that `zs` or `zhangsan` finds 张三 (issue 3 item 5)
 * with a plain prefix/substring index, no pinyin work at query time.
 */
export interface NameSearchKeys {
  pinyin: string;
  initials: string;
}

/** Separators inside names: the interpunct of transcribed minority names (阿依古丽·买买提) and its look-alikes. */
const NAME_SEPARATORS = /[\s·•・‧∙.\-_]+/g;

/** Latin letters with accents folded (José → jose), anything else dropped. */
function asciiLetters(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export function nameSearchKeys(name: string): NameSearchKeys {
  const text = normalizeText(name);
  // surname "head": the first character is read as a surname (单 shan, 曾 zeng, 仇 qiu), as people
  // say the name. `v: true` writes ü as v (lv for 吕), the way pinyin keyboards type it. Runs of
  // non-Chinese text come back as they are and are split into words like the syllables are.
  // (type "array" is about 4x faster than "all", which matters when a 10,000-row ledger is imported.)
  const pieces = pinyin(text, { type: "array", toneType: "none", surname: "head", nonZh: "consecutive", v: true });
  let full = "";
  let initials = "";
  for (const piece of pieces) {
    for (const word of piece.split(NAME_SEPARATORS)) {
      const letters = asciiLetters(word);
      full += letters;
      initials += letters.slice(0, 1);
    }
  }
  return { pinyin: full, initials };
}

export type SearchQueryKind =
  | { kind: "id_digits"; digits: string }
  | { kind: "pinyin"; text: string }
  | { kind: "name"; text: string };

/**
 * What a single search box query means: ID digits (usually the last 4–6, which the blind index
 * or masked suffix can match), pinyin or initials, or a name. An empty query is `name` with empty
 * text, i.e. no name filter.
 */
export function classifySearch(query: string): SearchQueryKind {
  const text = normalizeText(query);
  const compact = text.replace(/ /g, "");
  if (/^\d{2,17}[\dXx]$/.test(compact)) return { kind: "id_digits", digits: compact.toUpperCase() };
  if (/^[A-Za-z]+$/.test(compact)) return { kind: "pinyin", text: compact.toLowerCase() };
  return { kind: "name", text };
}

export const ZPersonSearchSchema = z.object({
  query: z.string().max(40, { error: "搜索内容不能超过40个字 / The search text must be at most 40 characters" }).default(""),
  villageCode: z
    .string()
    .regex(/^\d{12}$/, { error: "村（社区）代码须为12位数字 / A village code has 12 digits" })
    .optional(),
  category: ZCategoryKeySchema.optional(),
  asOf: ZIsoDateSchema.optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});
export type TPersonSearch = z.output<typeof ZPersonSearchSchema>;
