import { maskCitizenId, parseCitizenId } from "../citizen-id.ts";
import { adulthoodDate, checkCategoryAge, DEFAULT_REGION_RULES, type TRegionRules } from "../registry/age-rules.ts";
import { CATEGORIES, categoryKeyOf, type CategoryKey } from "../registry/categories.ts";
import { normalizePhone, PHONE_PATTERN, ZPersonInputSchema, type TPersonInput, type TPersonInputRaw } from "../registry/person.ts";
import { foldText, normalizeText } from "../registry/text.ts";
import {
  CARE_STATUS_LABELS,
  DISABILITY_GRADE_LABELS,
  DISABILITY_TYPE_LABELS,
  ECONOMIC_SOURCE_LABELS,
  ethnicityCodeOf,
  GUARDIAN_RELATION_LABELS,
  LIVING_ARRANGEMENT_LABELS,
  SEX_LABELS,
  vocabChoicesZh,
  vocabKeyOf,
  type DisabilityGrade,
  type DisabilityType,
  type EthnicityCode,
  type GuardianRelation,
  type VocabLabels,
} from "../registry/vocab.ts";
import { cellCitizenId, cellDate, cellText, citizenIdCellProblem, isPlaceholderText, type CellValue } from "./cell-values.ts";
import type { LedgerColumnKey, LedgerKind } from "./ledger-kinds.ts";

/**
 * One ledger row → one person (issue 3 "Ledgers in"). Every problem in the row is reported at
 * once, in Chinese, against the column as the station named it, so a clerk can fix the sheet in
 * one pass; nothing is guessed.
 */

export interface LedgerRowError {
  /** Chinese column header, as in the ledger definition. */
  column: string;
  reason: string;
  reasonEn: string;
}

export type TLedgerRecord = TPersonInput & {
  /** When the person entered the ledger's category (纳入日期); absent when the row does not say. */
  categoryStart?: string;
  /**
   * For child ledgers: the 18th birthday, when it is on or before `today`. The row is accepted
   * (it was true when the ledger was kept) and the importer records the category as already left
   * on this date (R10 dynamic management).
   */
  categoryEndedOn?: string;
  /** The overall register's 服务对象类别 cell, resolved. */
  categories?: CategoryKey[];
  /** The 村（社区） cell as written, kept when no village list was given to resolve it. */
  villageName?: string;
  guardianName?: string;
  guardianRelation?: GuardianRelation;
  guardianPhone?: string;
};

export interface VillageRef {
  code: string;
  name: string;
}

export interface LedgerRowOptions {
  /** The Beijing date of the import (todayInShanghai()). */
  today: string;
  rules?: TRegionRules;
  /** The station's own villages; when given, the 村（社区） cell must name one of them (R1). */
  villages?: readonly VillageRef[];
}

export type LedgerRowResult = { ok: true; value: TLedgerRecord } | { ok: false; errors: LedgerRowError[] };

const VILLAGE_SUFFIX = /(社区居民委员会|村民委员会|居民委员会|社区居委会|村委会|居委会|社区|村)$/;

/** '下六工村村委会' → '下六工': the committee suffix, then the 村/社区 it stands on, both removed. */
function villageCore(folded: string): string {
  let core = folded;
  for (let previous = ""; previous !== core; ) {
    previous = core;
    core = core.replace(VILLAGE_SUFFIX, "");
  }
  return core;
}

/**
 * A station's village named loosely: '六工村', '六工村委会', '六工', or its code. Null when none
 * or more than one village matches.
 */
export function villageCodeOf(text: string, villages: readonly VillageRef[]): string | null {
  const folded = foldText(text);
  if (folded === "") return null;
  const exact = villages.filter((v) => v.code === folded || foldText(v.name) === folded);
  if (exact.length === 1) return exact[0]?.code ?? null;
  const core = villageCore(folded);
  if (core === "") return null;
  const loose = villages.filter((v) => villageCore(foldText(v.name)) === core);
  return loose.length === 1 ? (loose[0]?.code ?? null) : null;
}

const GRADE_IN_TEXT = /(?:([一二三四壹贰叁肆1-4])|(iv|i{1,3}))级/;
const GRADE_BY_CHAR: Record<string, DisabilityGrade> = {
  一: "1", 壹: "1", "1": "1", i: "1",
  二: "2", 贰: "2", "2": "2", ii: "2",
  三: "3", 叁: "3", "3": "3", iii: "3",
  四: "4", 肆: "4", "4": "4", iv: "4",
};

/**
 * '肢体二级', '二级肢体', '视力残疾 1级', '多重残疾（一级）', '智力': the single 残疾类别及等级 column
 * holds type and grade together. Null when the text names neither.
 */
export function parseDisability(text: string): { type?: DisabilityType; grade?: DisabilityGrade } | null {
  const folded = foldText(text);
  const gradeMatch = GRADE_IN_TEXT.exec(folded);
  const grade = gradeMatch ? GRADE_BY_CHAR[gradeMatch[1] ?? gradeMatch[2] ?? ""] : undefined;
  const rest = (gradeMatch ? folded.replace(gradeMatch[0], "") : folded).replace(/[()（）,，、/:：;；.]/g, "");
  if (rest === "") return grade ? { grade } : null;
  const type =
    vocabKeyOf(DISABILITY_TYPE_LABELS, rest) ?? vocabKeyOf(DISABILITY_TYPE_LABELS, rest.replace(/残疾|残$/g, ""));
  if (!type) return null;
  return grade ? { type, grade } : { type };
}

/** Splits a 服务对象类别 cell; names that themselves contain '、' are protected first. */
function parseCategoryList(text: string): { keys: CategoryKey[]; unknown: string[] } {
  let value = normalizeText(text);
  for (const key of Object.keys(CATEGORIES) as CategoryKey[]) {
    for (const alias of CATEGORIES[key].variants ?? []) {
      if (alias.includes("、")) value = value.split(alias).join(CATEGORIES[key].zh);
    }
  }
  const keys: CategoryKey[] = [];
  const unknown: string[] = [];
  for (const part of value.split(/[、,，;；/\s]+/)) {
    if (part === "") continue;
    const key = categoryKeyOf(part);
    if (key === null) unknown.push(part);
    else if (!keys.includes(key)) keys.push(key);
  }
  return { keys, unknown };
}

/**
 * Phones as cells hold them: Excel drops a landline's leading 0 when the cell is a number
 * (9942345678), and some cells list two numbers ('139…/138…'). Returns every number, first first.
 */
function parsePhones(value: CellValue): { phones: string[]; invalid: string | null } {
  let text = cellText(value);
  if (typeof value === "number" && /^[2-9]\d{8,10}$/.test(text)) text = `0${text}`;
  const phones: string[] = [];
  for (const part of text.split(/[/、,，;；]+/)) {
    if (part.trim() === "") continue;
    const whole = normalizePhone(part);
    if (PHONE_PATTERN.test(whole)) {
      phones.push(whole);
      continue;
    }
    const tokens = part.trim().split(/ +/).map(normalizePhone);
    if (tokens.length > 1 && tokens.every((t) => PHONE_PATTERN.test(t))) phones.push(...tokens);
    else return { phones, invalid: part.trim() };
  }
  return { phones, invalid: null };
}

/**
 * Whether a 出生日期/出生年月 cell agrees with the ID's birth date. Only a check (the ID is the
 * source), so it accepts year-month forms ('1950.01', '1950年1月') and the number Excel makes of
 * '1950.10' (1950.1), which would otherwise read as a 1905 serial date.
 */
function birthCellAgrees(value: CellValue, idBirthDate: string): boolean | null {
  const full = cellDate(value);
  if (full === idBirthDate) return true;
  const idYear = Number(idBirthDate.slice(0, 4));
  const idMonth = Number(idBirthDate.slice(5, 7));
  if (typeof value === "number" && !Number.isInteger(value) && value > 1900 && value < 2200) {
    const year = Math.floor(value);
    const fraction = value - year;
    const months = [Math.round(fraction * 100), Math.round(fraction * 10)];
    if (year === idYear && months.includes(idMonth)) return true;
    return false;
  }
  const yearMonth = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(cellText(value).replace(/ /g, ""));
  if (yearMonth) return Number(yearMonth[1]) === idYear && Number(yearMonth[2] ?? yearMonth[3]) === idMonth;
  return full === null ? null : false;
}

const ERROR_COLUMN_BY_FIELD: Partial<Record<keyof TPersonInputRaw, LedgerColumnKey>> = {
  name: "name",
  citizenId: "citizenId",
  sex: "sex",
  birthDate: "birthDate",
  ethnicityCode: "ethnicity",
  phone: "phone",
  villageCode: "village",
  address: "address",
  livingArrangement: "livingArrangement",
  economicSource: "economicSource",
  disabilityType: "disability",
  disabilityGrade: "disability",
  careStatus: "careStatus",
  note: "note",
};

/** Our schema messages are "中文 / English"; the row report keeps the two apart. */
function splitBilingual(message: string): { zh: string; en: string } {
  const at = message.indexOf(" / ");
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/** Even a mistyped ID number is personal data: errors show it masked, like every other ID. */
function maskTypedId(text: string): string {
  return text.length >= 10 ? `${text.slice(0, 6)}${"*".repeat(text.length - 10)}${text.slice(-4)}` : "*".repeat(text.length);
}

export function parseLedgerRow(
  cells: readonly CellValue[],
  mapping: ReadonlyMap<LedgerColumnKey, number>,
  kind: LedgerKind,
  options: LedgerRowOptions,
): LedgerRowResult {
  const rules = options.rules ?? DEFAULT_REGION_RULES;
  const errors: LedgerRowError[] = [];
  const headerOf = (key: LedgerColumnKey) => kind.columns.find((c) => c.key === key)?.header ?? key;
  const fail = (key: LedgerColumnKey, zh: string, en: string) => errors.push({ column: headerOf(key), reason: zh, reasonEn: en });
  const raw = (key: LedgerColumnKey): CellValue => {
    const index = mapping.get(key);
    return index === undefined ? undefined : cells[index];
  };
  /** Text of an optional column; placeholders such as '无' and '/' count as empty. */
  const optionalText = (key: LedgerColumnKey): string => {
    const text = cellText(raw(key));
    return isPlaceholderText(text) ? "" : text;
  };
  const fromVocab = <K extends string>(key: LedgerColumnKey, labels: VocabLabels<K>): K | undefined => {
    const text = optionalText(key);
    if (text === "") return undefined;
    const found = vocabKeyOf(labels, text);
    if (found === null) {
      fail(key, `无法识别“${text}”，可填：${vocabChoicesZh(labels).join("、")}`, `“${text}” is not a recognised value`);
      return undefined;
    }
    return found;
  };

  const name = cellText(raw("name"));
  if (name === "") fail("name", "姓名不能为空", "Name is required");

  const idCell = raw("citizenId");
  const idProblem = citizenIdCellProblem(idCell);
  const idText = cellCitizenId(idCell);
  const id = idProblem || idText === "" ? null : parseCitizenId(idText, options.today);
  if (idProblem) fail("citizenId", idProblem.zh, idProblem.en);
  else if (idText === "") fail("citizenId", "身份证号不能为空", "The ID number is required");
  else if (id && !id.ok) fail("citizenId", `${id.error.zh}（${maskTypedId(idText)}）`, id.error.en);
  const parsedId = id?.ok ? id.value : null;

  const sex = fromVocab("sex", SEX_LABELS);
  if (sex && parsedId && sex !== parsedId.sex) {
    fail("sex", `性别与身份证号不符（身份证号为${SEX_LABELS[parsedId.sex].zh}性）`, `Sex does not match the ID number (${parsedId.sex})`);
  }

  const birthCell = raw("birthDate");
  if (optionalText("birthDate") !== "") {
    const agrees = parsedId ? birthCellAgrees(birthCell, parsedId.birthDate) : cellDate(birthCell) === null ? null : true;
    if (agrees === null) fail("birthDate", `无法识别的日期“${cellText(birthCell)}”`, "Not a recognisable date");
    else if (!agrees && parsedId) {
      fail("birthDate", `出生日期与身份证号不符（身份证号为${parsedId.birthDate}）`, `Birth date does not match the ID number (${parsedId.birthDate})`);
    }
  }

  let ethnicityCode: EthnicityCode | undefined;
  const ethnicityText = optionalText("ethnicity");
  if (ethnicityText !== "") {
    ethnicityCode = ethnicityCodeOf(ethnicityText) ?? undefined;
    if (!ethnicityCode) fail("ethnicity", `无法识别的民族“${ethnicityText}”`, `Unknown ethnicity “${ethnicityText}”`);
  }

  let villageCode: string | undefined;
  let villageName: string | undefined;
  const villageText = optionalText("village");
  if (villageText !== "") {
    if (options.villages) {
      villageCode = villageCodeOf(villageText, options.villages) ?? undefined;
      if (!villageCode) {
        fail("village", `“${villageText}”不是本站服务的村（社区）`, `“${villageText}” is not one of this station's villages`);
      }
    } else {
      villageName = villageText;
    }
  }

  const notes: string[] = [];
  const phoneCell = optionalText("phone") === "" ? undefined : raw("phone");
  const phones = parsePhones(phoneCell);
  if (phones.invalid !== null) {
    fail("phone", `电话号码“${phones.invalid}”格式不正确（须为11位手机号或带区号的固定电话）`, "Not a mobile or landline number");
  }
  // A second number is kept in the note rather than dropped.
  if (phones.phones.length > 1) notes.push(`其他电话：${phones.phones.slice(1).join("、")}`);

  const livingArrangement = fromVocab("livingArrangement", LIVING_ARRANGEMENT_LABELS);
  const economicSource = fromVocab("economicSource", ECONOMIC_SOURCE_LABELS);
  const careStatus = fromVocab("careStatus", CARE_STATUS_LABELS);

  const disabilityText = optionalText("disability");
  const disability = disabilityText === "" ? {} : parseDisability(disabilityText);
  if (disability === null) {
    fail(
      "disability",
      `无法识别的残疾类别及等级“${disabilityText}”（如：肢体二级；类别可填${vocabChoicesZh(DISABILITY_TYPE_LABELS).join("、")}，等级${vocabChoicesZh(DISABILITY_GRADE_LABELS).join("、")}）`,
      "Unrecognised disability type and grade",
    );
  }

  const guardianName = optionalText("guardianName");
  if (guardianName.length > 40) fail("guardianName", "监护人姓名不能超过40个字", "Guardian name must be at most 40 characters");
  const guardianRelation = fromVocab("guardianRelation", GUARDIAN_RELATION_LABELS);
  const guardianPhoneCell = optionalText("guardianPhone") === "" ? undefined : raw("guardianPhone");
  const guardianPhones = parsePhones(guardianPhoneCell);
  if (guardianPhones.invalid !== null) {
    fail("guardianPhone", `电话号码“${guardianPhones.invalid}”格式不正确（须为11位手机号或带区号的固定电话）`, "Not a mobile or landline number");
  }

  let categoryStart: string | undefined;
  const startText = optionalText("categoryStart");
  if (startText !== "") {
    const start = cellDate(raw("categoryStart"));
    if (start === null) fail("categoryStart", `无法识别的日期“${startText}”`, "Not a recognisable date");
    else if (start > options.today) fail("categoryStart", `纳入日期${start}晚于今天（${options.today}）`, "The start date is in the future");
    else if (parsedId && start < parsedId.birthDate) {
      fail("categoryStart", `纳入日期${start}早于出生日期${parsedId.birthDate}`, "The start date is before the birth date");
    } else categoryStart = start;
  }

  let categories: CategoryKey[] | undefined;
  const categoriesText = optionalText("categories");
  if (categoriesText !== "") {
    const list = parseCategoryList(categoriesText);
    if (list.unknown.length > 0) {
      fail("categories", `无法识别的类别“${list.unknown.join("、")}”`, `Unknown categories: ${list.unknown.join(", ")}`);
    }
    categories = list.keys;
  }

  // R9/R10 age rules, on the day the person entered the category (or today when the row is silent).
  let categoryEndedOn: string | undefined;
  if (parsedId) {
    const onDate = kind.category ? (categoryStart ?? options.today) : options.today;
    const ageColumn: LedgerColumnKey = kind.category && categoryStart ? "categoryStart" : "citizenId";
    for (const category of kind.category ? [kind.category] : (categories ?? [])) {
      const ageError = checkCategoryAge(category, parsedId.birthDate, onDate, rules);
      if (ageError) fail(ageColumn, ageError.zh, ageError.en);
    }
    if (kind.category && CATEGORIES[kind.category].endsAtAdulthood) {
      const adulthood = adulthoodDate(parsedId.birthDate, rules);
      if (adulthood <= options.today) categoryEndedOn = adulthood;
    }
  }

  const note = [optionalText("note"), ...notes].filter((t) => t !== "").join("；");
  const person: TPersonInputRaw = {
    name,
    citizenId: parsedId?.normalized ?? idText,
    sex: parsedId?.sex,
    birthDate: parsedId?.birthDate,
    ethnicityCode,
    phone: phones.phones[0],
    villageCode,
    address: optionalText("address") || undefined,
    livingArrangement,
    economicSource,
    disabilityType: disability?.type,
    disabilityGrade: disability?.grade,
    careStatus,
    note: note || undefined,
  };
  // The schema checks what the column parsers do not (name characters, lengths); fields already
  // reported above are not reported twice.
  const reported = new Set(errors.map((e) => e.column));
  const parsed = ZPersonInputSchema.safeParse(person);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as keyof TPersonInputRaw | undefined;
      const columnKey = field === undefined ? undefined : ERROR_COLUMN_BY_FIELD[field];
      if (!columnKey || reported.has(headerOf(columnKey))) continue;
      const message = splitBilingual(issue.message);
      fail(columnKey, message.zh, message.en);
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };

  const value: TLedgerRecord = { ...parsed.data };
  if (categoryStart) value.categoryStart = categoryStart;
  if (categoryEndedOn) value.categoryEndedOn = categoryEndedOn;
  if (categories) value.categories = categories;
  if (villageName) value.villageName = villageName;
  if (guardianName) value.guardianName = guardianName;
  if (guardianRelation) value.guardianRelation = guardianRelation;
  if (guardianPhones.phones[0]) value.guardianPhone = guardianPhones.phones[0];
  return { ok: true, value };
}

/**
 * Rows with nothing in them, which hand-kept sheets have between blocks and at the end. With the
 * header mapping, a row holding only a pre-filled 序号 counts as blank too (templates number
 * rows 1…100 in advance).
 */
export function isBlankRow(cells: readonly CellValue[], mapping?: ReadonlyMap<LedgerColumnKey, number>): boolean {
  const seq = mapping?.get("seq");
  return cells.every((value, index) => index === seq || cellText(value) === "");
}

const FOOTER_START = /^(合计|总计|小计|共计|填表人|填报人|审核人|制表人|负责人|统计人|注[:：]|备注[:：]|说明[:：])/;

/** '合计：25人', '填表人：…  审核人：…' below the last person: a footer word first, and no name or ID besides. */
export function isFooterRow(cells: readonly CellValue[], mapping: ReadonlyMap<LedgerColumnKey, number>): boolean {
  const at = (key: LedgerColumnKey) => {
    const index = mapping.get(key);
    return index === undefined ? "" : cellText(cells[index]);
  };
  // The footer text may sit in any column, the name or ID column included (merged across the row).
  const footerOrEmpty = (text: string) => text === "" || FOOTER_START.test(text);
  const first = cells.map(cellText).find((t) => t !== "");
  return first !== undefined && FOOTER_START.test(first) && footerOrEmpty(at("name")) && footerOrEmpty(at("citizenId"));
}

export interface RowCitizenId {
  /** The row number as Excel shows it (1-based). */
  rowNumber: number;
  citizenId: string;
}

export interface DuplicateInFile {
  citizenIdMasked: string;
  rowNumbers: number[];
}

/** IDs that appear on more than one row of one file, in order of first appearance. */
export function findDuplicateRowsInFile(records: readonly RowCitizenId[]): DuplicateInFile[] {
  const rowsById = new Map<string, number[]>();
  for (const record of records) {
    const id = cellCitizenId(record.citizenId);
    const rows = rowsById.get(id);
    if (rows) rows.push(record.rowNumber);
    else rowsById.set(id, [record.rowNumber]);
  }
  return [...rowsById]
    .filter(([, rows]) => rows.length > 1)
    .map(([id, rows]) => ({ citizenIdMasked: maskCitizenId(id), rowNumbers: rows }));
}

export interface RowError extends LedgerRowError {
  rowNumber: number;
}

/**
 * One person per file: the first row with an ID is kept, each later one is rejected naming the
 * first, so a re-import of the same file can never create the same person twice (issue 3 item 7).
 */
export function rejectDuplicateRows(records: readonly RowCitizenId[], column = "身份证号"): RowError[] {
  const errors: RowError[] = [];
  for (const duplicate of findDuplicateRowsInFile(records)) {
    const [first, ...rest] = duplicate.rowNumbers;
    for (const rowNumber of rest) {
      errors.push({
        rowNumber,
        column,
        reason: `身份证号${duplicate.citizenIdMasked}与第${first}行重复，同一文件中每人只能出现一次`,
        reasonEn: `The ID number ${duplicate.citizenIdMasked} repeats row ${first}; each person may appear once per file`,
      });
    }
  }
  return errors.sort((a, b) => a.rowNumber - b.rowNumber);
}
