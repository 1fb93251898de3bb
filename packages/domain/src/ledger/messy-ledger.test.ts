import { describe, expect, it } from "vitest";
import { makeCitizenId, makeCitizenIdEndingInX } from "../registry/test-citizen-ids.ts";
import type { CellValue } from "./cell-values.ts";
import { detectHeader } from "./header-detection.ts";
import { LEDGER_KINDS, type LedgerKind } from "./ledger-kinds.ts";
import { isBlankRow, isFooterRow, parseLedgerRow, rejectDuplicateRows, type RowError, type TLedgerRecord } from "./row-parsing.ts";

/**
 * The pure half of an import, end to end, on a sheet kept the way stations keep them (issue 3
 * "Ledgers in"): the importer does the same after reading the xlsx.
 */
function importSheet(rows: CellValue[][], kind: LedgerKind, today: string) {
  const header = detectHeader(rows, kind);
  if (!header.ok) throw new Error(header.reason.zh);
  const accepted: { rowNumber: number; value: TLedgerRecord }[] = [];
  const rejected: RowError[] = [];
  for (let index = header.dataStartIndex; index < rows.length; index++) {
    const cells = rows[index] ?? [];
    if (isBlankRow(cells, header.columns) || isFooterRow(cells, header.columns)) continue;
    const rowNumber = index + 1; // as Excel shows it
    const result = parseLedgerRow(cells, header.columns, kind, { today });
    if (result.ok) accepted.push({ rowNumber, value: result.value });
    else rejected.push(...result.errors.map((e) => ({ rowNumber, ...e })));
  }
  const duplicates = rejectDuplicateRows(accepted.map((r) => ({ rowNumber: r.rowNumber, citizenId: r.value.citizenId })));
  const duplicateRows = new Set(duplicates.map((d) => d.rowNumber));
  return {
    header,
    accepted: accepted.filter((r) => !duplicateRows.has(r.rowNumber)),
    rejected: [...rejected, ...duplicates].sort((a, b) => a.rowNumber - b.rowNumber),
  };
}

describe("a messy 农村留守儿童 ledger", () => {
  const girl = makeCitizenId("2014-07-09", "female", 5);
  const boyWithX = makeCitizenIdEndingInX("2012-02-29");
  const third = makeCitizenId("2016-12-01", "male", 9);
  const title = "六工镇农村留守儿童台账";
  const guardian = "监护人";
  const rows: CellValue[][] = [
    [title, title, title, title, title, title, title, title, title],
    ["填报单位：六工镇社会工作服务站", null, null, null, null, "填报日期：2026年6月30日", null, null, null],
    // Two-row header, columns out of order, synonyms, full-width and stray spaces.
    ["公民身份号码", "序号", " 姓  名 ", "性别", guardian, guardian, guardian, "出生年月", "所在村（社区）"],
    ["公民身份号码", "序号", " 姓  名 ", "性别", "姓名", "与儿童关系", "联系电话", "出生年月", "所在村（社区）"],
    [`　${girl}　`, 1, "古丽米拉·艾力", "女", "艾力·买买提", "父亲", "１３９０９９４０００１", 41829, "六工村"],
    [null, null, null, null, null, null, null, null, null],
    [boyWithX.toLowerCase(), 2, "王小明", "男", "王大明", "爷爷", 13909940002, "2012.2.29", "十三户村"],
    ["", 3, "", "", "", "", "", "", ""],
    [third, 4, "李 强", "女", "李父", "父亲", "1390994", "2016年12月1日", "六工村"],
    [` ${girl} `, 5, "古丽米拉", "女", null, null, null, null, "六工村"],
    ["\u3000", " ", null],
    ["合计：4人", null, null, null, null, null, null, null, null],
    ["填表人：李娜", null, null, "审核人：王强", null, null, null, null, null],
  ];
  const result = importSheet(rows, LEDGER_KINDS.child_left_behind, "2026-06-30");

  it("finds the two-row header below the title rows", () => {
    expect(result.header).toMatchObject({ headerRowIndex: 2, dataStartIndex: 4 });
  });

  it("accepts the good rows with normalized values", () => {
    expect(result.accepted.map((r) => r.rowNumber)).toEqual([5, 7]);
    expect(result.accepted[0]?.value).toMatchObject({
      name: "古丽米拉·艾力",
      citizenId: girl,
      sex: "female",
      birthDate: "2014-07-09",
      guardianName: "艾力·买买提",
      guardianRelation: "father",
      guardianPhone: "13909940001",
      villageName: "六工村",
    });
    expect(result.accepted[1]?.value).toMatchObject({ citizenId: boyWithX, birthDate: "2012-02-29", guardianRelation: "grandparent" });
  });

  it("rejects the bad rows with the Excel row number, the column and a Chinese reason", () => {
    expect(result.rejected.map((e) => [e.rowNumber, e.column, e.reason])).toEqual([
      [9, "性别", "性别与身份证号不符（身份证号为男性）"],
      [9, "监护人电话", "电话号码“1390994”格式不正确（须为11位手机号或带区号的固定电话）"],
      [10, "身份证号", `身份证号652301********${girl.slice(14)}与第5行重复，同一文件中每人只能出现一次`],
    ]);
  });
});
