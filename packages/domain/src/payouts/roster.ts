import type { BilingualMessage } from "../errors.ts";
import { parseCitizenId } from "../citizen-id.ts";
import { cellCitizenId, cellDate, cellText, citizenIdCellProblem, type CellValue } from "../ledger/cell-values.ts";
import { detectHeader, type HeaderColumnSpec } from "../ledger/header-detection.ts";
import { normalizeText } from "../registry/text.ts";
import { yuanToFen } from "../visits/economic-survey.ts";

/**
 * Reading a payout roster as bureaus and banks send it (issue 6 item 1): name, ID number, amount,
 * month, account number, under any of their usual headers, with title rows above. Only the
 * account's last four digits are kept. All-or-nothing: any bad row rejects the file.
 */
export type PayoutColumnKey = "name" | "citizenId" | "amount" | "month" | "account";

export const PAYOUT_COLUMNS: readonly HeaderColumnSpec<PayoutColumnKey>[] = [
  { key: "name", header: "姓名", synonyms: ["户名", "账户名", "收款人", "收款人姓名", "对象姓名", "领取人"], required: true },
  { key: "citizenId", header: "身份证号", synonyms: ["身份证号码", "公民身份号码", "证件号码", "身份证"], required: true },
  { key: "amount", header: "金额", synonyms: ["发放金额", "补贴金额", "金额元", "发放金额元", "实发金额", "标准", "补贴标准"], required: true },
  { key: "month", header: "月份", synonyms: ["发放月份", "所属月份", "年月", "发放年月"], required: false },
  { key: "account", header: "账号", synonyms: ["银行账号", "卡号", "银行卡号", "账户", "存折号", "社保卡号"], required: false },
];

export interface PayoutRosterRow {
  /** Row number in the sheet (1-based), as the user sees it in Excel. */
  rowNumber: number;
  name: string;
  citizenId: string;
  amountFen: number;
  accountLast4: string | null;
}

export interface PayoutRowError extends BilingualMessage {
  rowNumber: number;
  column: string;
}

export type PayoutRosterRead =
  | { ok: true; rows: PayoutRosterRow[] }
  | { ok: false; reason: BilingualMessage; errors: PayoutRowError[] };

/** A month cell: '2026-11', '2026年11月', '202611', or a date in that month → 'YYYY-MM'; null otherwise. */
export function cellMonth(value: CellValue): string | null {
  const text = cellText(value).replace(/\s/g, "");
  const match = /^(\d{4})(?:[-./年])?(\d{1,2})月?$/.exec(text);
  if (!match) {
    const date = cellDate(value);
    return date ? date.slice(0, 7) : null;
  }
  const m = Number(match[2]);
  if (m < 1 || m > 12) return null;
  return `${match[1]}-${String(m).padStart(2, "0")}`;
}

export function readPayoutRoster(sheet: readonly (readonly CellValue[])[], month: string, today: string): PayoutRosterRead {
  const header = detectHeader<PayoutColumnKey>(sheet, { columns: PAYOUT_COLUMNS });
  if (!header.ok) return { ok: false, reason: header.reason, errors: [] };
  const col = header.columns;
  const at = (row: readonly CellValue[], key: PayoutColumnKey): CellValue => {
    const index = col.get(key);
    return index === undefined ? undefined : row[index];
  };
  const rows: PayoutRosterRow[] = [];
  const errors: PayoutRowError[] = [];
  for (let r = header.dataStartIndex; r < sheet.length; r++) {
    const cells = sheet[r] ?? [];
    const rowNumber = r + 1;
    const name = normalizeText(cellText(at(cells, "name")));
    const idCell = at(cells, "citizenId");
    const amountText = cellText(at(cells, "amount"));
    if (name === "" && cellText(idCell) === "" && amountText === "") continue;
    // Footer: 合计 / 总计 rows carry a sum, not a person.
    if (/^(合计|总计|小计)/.test(name) || (name === "" && cellText(idCell) === "" && /合计|总计/.test(cells.map(cellText).join("")))) continue;
    const err = (column: string, message: BilingualMessage) => errors.push({ rowNumber, column, ...message });
    if (name === "") err("姓名", { zh: "姓名为空", en: "The name is empty" });
    const problem = citizenIdCellProblem(idCell);
    const parsed = parseCitizenId(cellCitizenId(idCell), today);
    if (problem) err("身份证号", problem);
    else if (!parsed.ok) err("身份证号", { zh: `身份证号无效：${cellText(idCell) || "（空）"}`, en: `Invalid ID number: ${cellText(idCell) || "(empty)"}` });
    const amountCell = at(cells, "amount");
    const amountFen = typeof amountCell === "number" ? (Number.isFinite(amountCell) ? Math.round(amountCell * 100) : null) : yuanToFen(amountText);
    if (amountFen === null || amountFen <= 0) err("金额", { zh: `金额无效：${amountText || "（空）"}`, en: `Invalid amount: ${amountText || "(empty)"}` });
    const monthCell = at(cells, "month");
    if (col.has("month") && cellText(monthCell) !== "") {
      const rowMonth = cellMonth(monthCell);
      if (rowMonth !== month)
        err("月份", {
          zh: `月份“${cellText(monthCell)}”与核对月份${month}不符`,
          en: `Month '${cellText(monthCell)}' is not the month being verified (${month})`,
        });
    }
    const digits = cellText(at(cells, "account")).replace(/\D/g, "");
    if (parsed.ok && name !== "" && amountFen !== null && amountFen > 0)
      rows.push({ rowNumber, name, citizenId: parsed.value.normalized, amountFen, accountLast4: digits.length >= 4 ? digits.slice(-4) : null });
  }
  if (errors.length > 0)
    return { ok: false, reason: { zh: `${errors.length}处错误，整个文件未导入`, en: `${errors.length} errors; nothing was imported` }, errors };
  if (rows.length === 0) return { ok: false, reason: { zh: "文件中没有发放记录", en: "The file holds no payment rows" }, errors: [] };
  return { ok: true, rows };
}
