import type { BilingualMessage } from "../errors.ts";
import { cellText, type CellValue } from "./cell-values.ts";
import type { LedgerColumnKey, LedgerKind } from "./ledger-kinds.ts";

/**
 * Finding the header of a ledger as stations keep them (issue 3 "Ledgers in"): title rows above
 * it ('六工镇特困老人台账', '填报单位：…  日期：…'), headers in any order and under synonyms, and
 * two-row headers where a merged parent ('监护人') sits above its children ('姓名', '电话').
 */

/** What detectHeader needs of a kind: its columns with header, synonyms and whether required. */
export interface HeaderColumnSpec<K extends string = string> {
  key: K;
  header: string;
  synonyms: readonly string[];
  required: boolean;
}

export type HeaderDetection<K extends string = LedgerColumnKey> =
  | {
      ok: true;
      /** Index of the (first) header row in `rows`. */
      headerRowIndex: number;
      /** Index of the first row after the header: headerRowIndex + 1, or + 2 for a two-row header. */
      dataStartIndex: number;
      columns: Map<K, number>;
      /** Header texts that named no column of this ledger, or a column already found to their left. */
      ignoredHeaders: string[];
    }
  | { ok: false; reason: BilingualMessage; missing: string[] };

/**
 * Header text in comparable form: spaces, punctuation, required-field markers and "必填" removed,
 * lower-cased, so '* 身份证号码：', '身份证号码(必填)' and '身份证 号码' compare equal.
 */
export function normalizeHeader(text: string): string {
  return cellText(text)
    .replace(/[\s:：()（）[\]【】{}<>《》*＊、,，.。;；'"‘’“”/\\|_\-—~!！?？#]/g, "")
    .replace(/(必填|选填|必录)$/, "")
    .toLowerCase();
}

/** Header text with bracketed qualifiers dropped: '年龄（岁）' → '年龄', '身份证号码(18位)' → '身份证号码'. */
function withoutBrackets(text: string): string {
  return normalizeHeader(cellText(text).replace(/[(（[【][^)）\]】]*[)）\]】]/g, ""));
}

/** Group titles above a two-row header often end in these words: '监护人情况' above '姓名'. */
function withoutGroupSuffix(normalized: string): string {
  return normalized.replace(/(基本情况|基本信息|情况|信息)$/, "");
}

interface HeaderCell {
  index: number;
  /** Header as shown to the user in ignoredHeaders. */
  label: string;
  /** Normalized forms to try, strongest first. */
  forms: string[];
}

function singleRowCells(row: readonly CellValue[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  row.forEach((value, index) => {
    const label = cellText(value);
    if (label === "") return;
    cells.push({ index, label, forms: [normalizeHeader(label), withoutBrackets(label)] });
  });
  return cells;
}

function twoRowCells(top: readonly CellValue[], bottom: readonly CellValue[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (let index = 0; index < Math.max(top.length, bottom.length); index++) {
    const upper = cellText(top[index]);
    const lower = cellText(bottom[index]);
    if (upper === "" && lower === "") continue;
    // A cell merged down both rows (the reader fills it into each) or present in only one row.
    if (upper === lower || lower === "" || upper === "") {
      const label = lower || upper;
      cells.push({ index, label, forms: [normalizeHeader(label), withoutBrackets(label)] });
      continue;
    }
    // A parent above a child: '监护人' + '姓名' is the guardian's name, not the person's.
    const parent = normalizeHeader(upper);
    const child = normalizeHeader(lower);
    cells.push({
      index,
      label: `${upper}/${lower}`,
      forms: [parent + child, withoutGroupSuffix(parent) + child, child, withoutBrackets(lower)],
    });
  }
  return cells;
}

interface Matching<K extends string = LedgerColumnKey> {
  columns: Map<K, number>;
  ignoredHeaders: string[];
}

/**
 * Assigns columns level by level (every cell's strongest form first), left to right within a
 * level, each column at most once. So a parent+child match ('监护人姓名') outranks a bare child
 * ('姓名'), and the leftmost of two identical headers wins.
 */
function matchCells<K extends string>(cells: HeaderCell[], lookup: ReadonlyMap<string, K>): Matching<K> {
  const columns = new Map<K, number>();
  const matched = new Set<number>();
  const levels = Math.max(0, ...cells.map((c) => c.forms.length));
  for (let level = 0; level < levels; level++) {
    for (const cell of cells) {
      if (matched.has(cell.index)) continue;
      const form = cell.forms[level];
      const key = form === undefined || form === "" ? undefined : lookup.get(form);
      if (key === undefined || columns.has(key)) continue;
      columns.set(key, cell.index);
      matched.add(cell.index);
    }
  }
  const ignoredHeaders = cells.filter((c) => !matched.has(c.index)).map((c) => c.label);
  return { columns, ignoredHeaders };
}

function synonymLookup<K extends string>(kind: { columns: readonly HeaderColumnSpec<K>[] }): Map<string, K> {
  const lookup = new Map<string, K>();
  for (const column of kind.columns) {
    for (const text of [column.header, ...column.synonyms]) {
      const form = normalizeHeader(text);
      if (!lookup.has(form)) lookup.set(form, column.key);
    }
  }
  return lookup;
}

export function detectHeader<K extends string = LedgerColumnKey>(
  rows: readonly (readonly CellValue[])[],
  kind: { columns: readonly HeaderColumnSpec<K>[] } | LedgerKind,
  { maxScanRows = 15 }: { maxScanRows?: number } = {},
): HeaderDetection<K> {
  return detectHeaderOf(rows, kind as { columns: readonly HeaderColumnSpec<K>[] }, maxScanRows);
}

function detectHeaderOf<K extends string>(
  rows: readonly (readonly CellValue[])[],
  kind: { columns: readonly HeaderColumnSpec<K>[] },
  maxScanRows: number,
): HeaderDetection<K> {
  const lookup = synonymLookup(kind);
  const required = kind.columns.filter((c) => c.required);
  const scan = Math.min(rows.length, maxScanRows);
  if (rows.every((row) => row.every((value) => cellText(value) === ""))) {
    return {
      ok: false,
      reason: { zh: "文件中没有任何内容", en: "The sheet is empty" },
      missing: required.map((c) => c.header),
    };
  }

  type Candidate = Matching<K> & { headerRowIndex: number; height: 1 | 2; complete: boolean };
  let best: Candidate | null = null;
  // Complete beats incomplete, more columns beat fewer, and on a tie one row beats two: a second
  // header row is only believed when it matches more than a single row does, so a title row above
  // the header or the first data row below it never joins it. Earlier rows win remaining ties.
  const better = (a: Candidate, b: Candidate | null) => {
    if (b === null) return true;
    if (a.complete !== b.complete) return a.complete;
    if (a.columns.size !== b.columns.size) return a.columns.size > b.columns.size;
    return a.height < b.height;
  };

  for (let r = 0; r < scan; r++) {
    const row = rows[r] ?? [];
    const options: Candidate[] = [];
    options.push({ ...matchCells(singleRowCells(row), lookup), headerRowIndex: r, height: 1, complete: false });
    if (r + 1 < scan) {
      const pair = matchCells(twoRowCells(row, rows[r + 1] ?? []), lookup);
      options.push({ ...pair, headerRowIndex: r, height: 2, complete: false });
    }
    for (const option of options) {
      option.complete = required.every((c) => option.columns.has(c.key));
      if (better(option, best)) best = option;
    }
  }

  if (best && best.complete) {
    return {
      ok: true,
      headerRowIndex: best.headerRowIndex,
      dataStartIndex: best.headerRowIndex + best.height,
      columns: best.columns,
      ignoredHeaders: best.ignoredHeaders,
    };
  }

  const found = best?.columns ?? new Map<K, number>();
  const missing = required.filter((c) => !found.has(c.key));
  const names = missing.map((c) => `“${c.header}”`).join("、");
  const accepted = missing.map((c) => `${c.header}：${[c.header, ...c.synonyms].join("、")}`).join("；");
  return {
    ok: false,
    reason: {
      zh: `前${scan}行中找不到表头：缺少${names}列（可用的列名 ${accepted}）`,
      en: `No header row in the first ${scan} rows: missing ${missing.map((c) => c.key).join(", ")} (see the accepted column names)`,
    },
    missing: missing.map((c) => c.header),
  };
}
