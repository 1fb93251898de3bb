import { z } from "zod";
import { CATEGORIES, CATEGORY_KEYS, type CategoryKey } from "../registry/categories.ts";
import { foldText } from "../registry/text.ts";

/**
 * The ledgers (台账) a station sends upward (R9–R11, R18 "ledger data every quarter"): one per
 * statutory category plus the station's overall register. The same definition drives export
 * (header text, column width) and import (accepted synonyms), so a ledger we export reads back.
 */
export interface LedgerColumn {
  key: LedgerColumnKey;
  /** Chinese header as exported. */
  header: string;
  /** Further headers accepted on import; the header itself is always accepted too. */
  synonyms: string[];
  required: boolean;
  /** Column width in characters for the exported sheet. */
  width: number;
}

export const LEDGER_COLUMN_KEYS = [
  "seq",
  "name",
  "sex",
  "ethnicity",
  "citizenId",
  "birthDate",
  "age",
  "village",
  "address",
  "phone",
  "livingArrangement",
  "economicSource",
  "disability",
  "careStatus",
  "guardianName",
  "guardianRelation",
  "guardianPhone",
  "categories",
  "categoryStart",
  "note",
] as const;
export type LedgerColumnKey = (typeof LEDGER_COLUMN_KEYS)[number];

const column = (key: LedgerColumnKey, header: string, width: number, synonyms: string[], required = false): LedgerColumn => ({
  key,
  header,
  synonyms,
  required,
  width,
});

/** Synonyms seen in stations' own ledgers (issue 3 "Ledgers in"). Matching ignores spaces, brackets, colons and `*`. */
const COLUMNS: Record<LedgerColumnKey, LedgerColumn> = {
  seq: column("seq", "序号", 6, ["编号", "序", "no", "顺序号"]),
  // Only name and ID are required on import: they identify the person; the rest can be filled later.
  name: column("name", "姓名", 10, ["名字", "老人姓名", "儿童姓名", "对象姓名", "服务对象姓名", "救助对象姓名", "人员姓名"], true),
  sex: column("sex", "性别", 6, []),
  ethnicity: column("ethnicity", "民族", 10, ["族别"]),
  citizenId: column(
    "citizenId",
    "身份证号",
    22,
    ["身份证号码", "公民身份号码", "身份证", "证件号码", "公民身份证号码", "身份证件号码", "居民身份证号码", "身份号码", "身份证号码18位"],
    true,
  ),
  birthDate: column("birthDate", "出生日期", 12, ["出生年月", "出生年月日", "生日"]),
  age: column("age", "年龄", 6, ["周岁", "年龄岁", "实际年龄"]),
  village: column("village", "村（社区）", 14, ["村社区", "所在村", "所属村", "村", "社区", "村居", "所在村社区", "所属村社区", "村委会", "村别"]),
  address: column("address", "家庭住址", 30, ["住址", "家庭地址", "现住址", "居住地址", "详细地址", "户籍地址", "地址", "现居住地址"]),
  phone: column("phone", "联系电话", 16, ["电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "本人电话", "本人联系电话"]),
  livingArrangement: column("livingArrangement", "居住状况", 14, ["居住情况", "居住方式", "居住类型"]),
  economicSource: column("economicSource", "经济来源", 14, ["主要经济来源", "收入来源", "生活来源"]),
  disability: column("disability", "残疾类别及等级", 16, ["残疾类别", "残疾类型", "残疾情况", "残疾等级", "残疾类别等级", "残疾类型及等级"]),
  careStatus: column("careStatus", "失能状况", 10, ["失能情况", "自理能力", "生活自理能力", "自理情况", "失能程度"]),
  guardianName: column("guardianName", "监护人姓名", 10, ["监护人"]),
  guardianRelation: column("guardianRelation", "与儿童关系", 12, [
    "监护人与儿童关系",
    "与儿童的关系",
    "监护人关系",
    "与被监护人关系",
    "监护关系",
    "关系",
  ]),
  guardianPhone: column("guardianPhone", "监护人电话", 16, ["监护人联系电话", "监护人手机", "监护人联系方式", "监护人手机号"]),
  categories: column("categories", "服务对象类别", 30, ["类别", "对象类别", "人员类别", "所属类别", "服务类别"]),
  categoryStart: column("categoryStart", "纳入日期", 12, ["纳入时间", "认定日期", "认定时间", "享受时间", "开始享受时间", "批准日期", "审批日期", "入库时间"]),
  note: column("note", "备注", 24, ["说明"]),
};

export const PEOPLE_LEDGER_KEY = "people";
export const LEDGER_KIND_KEYS = [PEOPLE_LEDGER_KEY, ...CATEGORY_KEYS] as const;
export type LedgerKindKey = (typeof LEDGER_KIND_KEYS)[number];
export const ZLedgerKindKeySchema = z.enum(LEDGER_KIND_KEYS);

export interface LedgerKind {
  key: LedgerKindKey;
  title: string;
  /** The category the ledger lists; null for the overall register, which lists every person. */
  category: CategoryKey | null;
  columns: LedgerColumn[];
}

function columnsFor(category: CategoryKey | null): LedgerColumn[] {
  const group = category ? CATEGORIES[category].group : null;
  const keys: LedgerColumnKey[] = [
    "seq",
    "name",
    "sex",
    "ethnicity",
    "citizenId",
    "birthDate",
    "age",
    "village",
    "address",
    "phone",
    "livingArrangement",
  ];
  // R9 asks for income source for the elderly; assistance ledgers record it for means testing (R11).
  if (group === null || group === "elderly" || group === "assistance") keys.push("economicSource");
  if (group === null || category === "elderly_disabled_poor" || category === "elderly_disabled_dibao") keys.push("disability");
  if (group === null || group === "elderly") keys.push("careStatus");
  if (group === "children") keys.push("guardianName", "guardianRelation", "guardianPhone");
  keys.push(category === null ? "categories" : "categoryStart", "note");
  return keys.map((key) => COLUMNS[key]);
}

export const LEDGER_KINDS: Readonly<Record<LedgerKindKey, LedgerKind>> = Object.fromEntries([
  [PEOPLE_LEDGER_KEY, { key: PEOPLE_LEDGER_KEY, title: "服务对象总台账", category: null, columns: columnsFor(null) }],
  ...CATEGORY_KEYS.map((key) => [key, { key, title: `${CATEGORIES[key].zh}台账`, category: key, columns: columnsFor(key) }]),
]) as Record<LedgerKindKey, LedgerKind>;

/** A ledger kind by key or by its Chinese title (for the CLI's --ledger); null when unknown. */
export function ledgerKindOf(keyOrTitle: string): LedgerKind | null {
  const folded = foldText(keyOrTitle);
  for (const key of LEDGER_KIND_KEYS) {
    const kind = LEDGER_KINDS[key];
    if (folded === key || folded === foldText(kind.title)) return kind;
  }
  return null;
}

/** The column of a kind with this key, e.g. to name it in an error. */
export function ledgerColumnOf(kind: LedgerKind, key: LedgerColumnKey): LedgerColumn | undefined {
  return kind.columns.find((c) => c.key === key);
}
