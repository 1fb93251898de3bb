import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS } from "../registry/categories.ts";
import { normalizeHeader } from "./header-detection.ts";
import { LEDGER_KINDS, LEDGER_KIND_KEYS, ledgerKindOf } from "./ledger-kinds.ts";

const headersOf = (key: (typeof LEDGER_KIND_KEYS)[number]) => LEDGER_KINDS[key].columns.map((c) => c.header);

describe("ledger kinds", () => {
  it("has the overall register and one ledger per category", () => {
    expect(LEDGER_KIND_KEYS).toEqual(["people", ...CATEGORY_KEYS]);
    expect(LEDGER_KINDS.people.title).toBe("服务对象总台账");
    expect(LEDGER_KINDS.elderly_tekun.title).toBe("特困老人台账");
    expect(LEDGER_KINDS.child_orphan.title).toBe("孤儿台账");
    expect(LEDGER_KINDS.assist_dibao.title).toBe("低保对象台账");
    expect(LEDGER_KINDS.elderly_tekun.category).toBe("elderly_tekun");
    expect(LEDGER_KINDS.people.category).toBeNull();
  });

  it("orders the columns of an elderly ledger as bureaus expect", () => {
    expect(headersOf("elderly_disabled_poor")).toEqual([
      "序号", "姓名", "性别", "民族", "身份证号", "出生日期", "年龄", "村（社区）", "家庭住址", "联系电话",
      "居住状况", "经济来源", "残疾类别及等级", "失能状况", "纳入日期", "备注",
    ]);
    expect(headersOf("elderly_left_behind")).not.toContain("残疾类别及等级");
  });

  it("adds guardians to children ledgers and income to assistance ledgers", () => {
    expect(headersOf("child_left_behind")).toEqual([
      "序号", "姓名", "性别", "民族", "身份证号", "出生日期", "年龄", "村（社区）", "家庭住址", "联系电话",
      "居住状况", "监护人姓名", "与儿童关系", "监护人电话", "纳入日期", "备注",
    ]);
    expect(headersOf("assist_dibao")).toContain("经济来源");
    expect(headersOf("assist_dibao")).not.toContain("失能状况");
    expect(headersOf("affairs_vagrant")).not.toContain("经济来源");
    expect(headersOf("people")).toContain("服务对象类别");
    expect(headersOf("people")).not.toContain("纳入日期");
  });

  it("requires only name and ID on import", () => {
    for (const key of LEDGER_KIND_KEYS) {
      expect(LEDGER_KINDS[key].columns.filter((c) => c.required).map((c) => c.key)).toEqual(["name", "citizenId"]);
    }
  });

  it("never lets two columns of one ledger accept the same header", () => {
    for (const key of LEDGER_KIND_KEYS) {
      const owner = new Map<string, string>();
      for (const column of LEDGER_KINDS[key].columns) {
        for (const text of [column.header, ...column.synonyms]) {
          const form = normalizeHeader(text);
          expect(owner.get(form) ?? column.key, `${key}: ${text}`).toBe(column.key);
          owner.set(form, column.key);
        }
      }
    }
  });

  it("accepts the usual names of the ID column", () => {
    const synonyms = LEDGER_KINDS.people.columns.find((c) => c.key === "citizenId")?.synonyms ?? [];
    expect(synonyms).toEqual(expect.arrayContaining(["身份证号码", "公民身份号码", "身份证", "证件号码"]));
  });

  it("finds a kind by key or title", () => {
    expect(ledgerKindOf("elderly_advanced_age")?.title).toBe("高龄老人台账");
    expect(ledgerKindOf("高龄老人台账")?.key).toBe("elderly_advanced_age");
    expect(ledgerKindOf("people")?.key).toBe("people");
    expect(ledgerKindOf("elderly")).toBeNull();
  });
});
