import { describe, expect, it } from "vitest";
import { ZPersonSearchSchema, classifySearch, nameSearchKeys } from "./name-search.ts";

describe("nameSearchKeys", () => {
  it.each([
    ["张三", "zhangsan", "zs"],
    ["阿依古丽·买买提", "ayigulimaimaiti", "ayglmmt"],
    ["阿依古丽 · 买买提", "ayigulimaimaiti", "ayglmmt"],
    ["吕布", "lvbu", "lb"],
    // Surnames read as surnames: 单 shan, 曾 zeng.
    ["单田芳", "shantianfang", "stf"],
    ["曾小贤", "zengxiaoxian", "zxx"],
    ["　张　三　", "zhangsan", "zs"],
    ["李 Lily", "lilily", "ll"],
    ["ＬＩＬＹ", "lily", "l"],
    ["José", "jose", "j"],
  ])("%s → %s / %s", (name, pinyin, initials) => {
    expect(nameSearchKeys(name)).toEqual({ pinyin, initials });
  });

  it("produces ASCII lower-case letters only", () => {
    for (const name of ["阿依古丽·买买提", "女娲", "欧阳娜娜", "迪丽热巴·迪力木拉提"]) {
      const keys = nameSearchKeys(name);
      expect(keys.pinyin).toMatch(/^[a-z]+$/);
      expect(keys.initials).toMatch(/^[a-z]+$/);
    }
    expect(nameSearchKeys("女娲").pinyin).toBe("nvwa");
  });
});

describe("classifySearch", () => {
  it.each([
    ["1234", { kind: "id_digits", digits: "1234" }],
    ["123", { kind: "id_digits", digits: "123" }],
    ["0012x", { kind: "id_digits", digits: "0012X" }],
    ["６５２３ ０１", { kind: "id_digits", digits: "652301" }],
    ["65230119500101123X", { kind: "id_digits", digits: "65230119500101123X" }],
    ["12", { kind: "name", text: "12" }],
    ["6523011950010112345", { kind: "name", text: "6523011950010112345" }],
    ["zs", { kind: "pinyin", text: "zs" }],
    ["Zhang San", { kind: "pinyin", text: "zhangsan" }],
    ["张三", { kind: "name", text: "张三" }],
    [" 阿依古丽·买买提 ", { kind: "name", text: "阿依古丽·买买提" }],
    ["", { kind: "name", text: "" }],
  ])("%j", (query, expected) => {
    expect(classifySearch(query)).toEqual(expected);
  });
});

describe("ZPersonSearchSchema", () => {
  it("fills defaults", () => {
    expect(ZPersonSearchSchema.parse({})).toEqual({ query: "", page: 1, pageSize: 50 });
  });

  it("accepts filters and bounds the page size and query", () => {
    expect(
      ZPersonSearchSchema.parse({ query: "zs", villageCode: "652301105001", category: "child_orphan", asOf: "2026-06-30", pageSize: 200 }),
    ).toMatchObject({ category: "child_orphan", pageSize: 200 });
    expect(ZPersonSearchSchema.safeParse({ pageSize: 201 }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ page: 0 }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ query: "张".repeat(41) }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ category: "elderly" }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ villageCode: "652301105" }).success).toBe(false);
    expect(ZPersonSearchSchema.safeParse({ asOf: "2026-02-30" }).success).toBe(false);
  });
});
