import { describe, expect, it } from "vitest";
import type { CellValue } from "./cell-values.ts";
import { detectHeader, normalizeHeader } from "./header-detection.ts";
import { LEDGER_KINDS, LEDGER_KIND_KEYS } from "./ledger-kinds.ts";

const tekun = LEDGER_KINDS.elderly_tekun;
const leftBehindChildren = LEDGER_KINDS.child_left_behind;

function ok(result: ReturnType<typeof detectHeader>) {
  if (!result.ok) throw new Error(`expected a header, got ${result.reason.zh}`);
  return result;
}

describe("normalizeHeader", () => {
  it.each([
    ["* 身份证号码：", "身份证号码"],
    ["身份证号码(必填)", "身份证号码"],
    ["身份证\n号码", "身份证号码"],
    ["村（社区）", "村社区"],
    ["ＮＯ．", "no"],
  ])("%j → %s", (text, form) => {
    expect(normalizeHeader(text)).toBe(form);
  });
});

describe("detectHeader", () => {
  it("skips a merged title row and a 填报单位 row", () => {
    const title = "六工镇特困老人台账";
    const rows: CellValue[][] = [
      [title, title, title, title, title],
      ["填报单位：六工镇社会工作服务站", null, null, "日期：2026年6月30日", null],
      ["序号", "姓名", "性别", "身份证号", "备注"],
      [1, "张三", "男", "65230119500101123X", null],
    ];
    const result = ok(detectHeader(rows, tekun));
    expect(result.headerRowIndex).toBe(2);
    expect(result.dataStartIndex).toBe(3);
    expect([...result.columns]).toEqual([
      ["seq", 0],
      ["name", 1],
      ["sex", 2],
      ["citizenId", 3],
      ["note", 4],
    ]);
    expect(result.ignoredHeaders).toEqual([]);
  });

  it("takes columns in any order, under synonyms, full-width and marked required, and reports unknown ones", () => {
    const rows: CellValue[][] = [
      ["联系方式", "公民身份号码 *", "　姓 名　", "族别", "所在村（社区）", "年龄（岁）", "ＮＯ．", "户籍性质", "出生年月", "身份证号码(18位)"],
    ];
    const result = ok(detectHeader(rows, tekun));
    expect(Object.fromEntries(result.columns)).toEqual({
      phone: 0,
      citizenId: 1,
      name: 2,
      ethnicity: 3,
      village: 4,
      age: 5,
      seq: 6,
      birthDate: 8,
    });
    // The second ID column is not a second source of truth.
    expect(result.ignoredHeaders).toEqual(["户籍性质", "身份证号码(18位)"]);
  });

  it("reads a two-row header with a merged 监护人 above its children", () => {
    const rows: CellValue[][] = [
      ["农村留守儿童台账", "农村留守儿童台账", "农村留守儿童台账", "农村留守儿童台账", "农村留守儿童台账", "农村留守儿童台账", "农村留守儿童台账"],
      ["序号", "姓名", "身份证号码", "监护人", "监护人", "监护人", "备注"],
      ["序号", "姓名", "身份证号码", "姓名", "与儿童关系", "联系电话", "备注"],
      [1, "李四", "x", "李大", "父亲", "13909940000", null],
    ];
    const result = ok(detectHeader(rows, leftBehindChildren));
    expect(result.headerRowIndex).toBe(1);
    expect(result.dataStartIndex).toBe(3);
    expect(Object.fromEntries(result.columns)).toEqual({
      seq: 0,
      name: 1,
      citizenId: 2,
      guardianName: 3,
      guardianRelation: 4,
      guardianPhone: 5,
      note: 6,
    });
  });

  it("reads a group title such as 基本情况 above plain headers", () => {
    const rows: CellValue[][] = [
      ["基本情况", "基本情况", "基本情况", "监护人情况", "监护人情况", "备注"],
      ["姓名", "身份证号", "性别", "姓名", "电话", null],
    ];
    const result = ok(detectHeader(rows, leftBehindChildren));
    expect(result.dataStartIndex).toBe(2);
    expect(Object.fromEntries(result.columns)).toEqual({ name: 0, citizenId: 1, sex: 2, guardianName: 3, guardianPhone: 4, note: 5 });
  });

  it("does not glue the first data row onto a one-row header", () => {
    const rows: CellValue[][] = [
      ["姓名", "身份证号", "备注"],
      ["备注", "65230119500101123X", "姓名"],
    ];
    const result = ok(detectHeader(rows, tekun));
    expect(result.headerRowIndex).toBe(0);
    expect(result.dataStartIndex).toBe(1);
  });

  it("reads back the header of every ledger we export", () => {
    for (const key of LEDGER_KIND_KEYS) {
      const kind = LEDGER_KINDS[key];
      const rows: CellValue[][] = [[`六工镇${kind.title}`], ["截至日期：2026-06-30"], kind.columns.map((c) => c.header)];
      const result = ok(detectHeader(rows, kind));
      expect(result.headerRowIndex).toBe(2);
      expect([...result.columns.keys()]).toEqual(kind.columns.map((c) => c.key));
    }
  });

  it("names the missing required columns in Chinese", () => {
    const result = detectHeader([["序号", "姓名", "性别", "住址"]], tekun);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing).toEqual(["身份证号"]);
    expect(result.reason.zh).toContain("缺少“身份证号”列");
    expect(result.reason.zh).toContain("公民身份号码");
  });

  it("fails on an empty sheet and on a header below the scanned rows", () => {
    const empty = detectHeader([[], [null, "  "]], tekun);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.reason.zh).toBe("文件中没有任何内容");

    const late: CellValue[][] = [...Array.from({ length: 5 }, () => ["说明"]), ["姓名", "身份证号"]];
    expect(detectHeader(late, tekun, { maxScanRows: 5 }).ok).toBe(false);
    expect(ok(detectHeader(late, tekun, { maxScanRows: 6 })).headerRowIndex).toBe(5);
  });

  it("fails on a sheet that is not a ledger", () => {
    const result = detectHeader([["商品", "单价", "数量"], ["苹果", 3, 5]], tekun);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual(["姓名", "身份证号"]);
  });
});
