import { describe, expect, it } from "vitest";
import { CATEGORIES } from "./categories.ts";
import {
  CARE_STATUS_LABELS,
  DISABILITY_GRADE_LABELS,
  DISABILITY_TYPE_LABELS,
  ECONOMIC_SOURCE_LABELS,
  ETHNICITIES,
  ETHNICITY_BY_CODE,
  ETHNICITY_CODES,
  GUARDIAN_RELATION_LABELS,
  HOUSEHOLD_RELATION_LABELS,
  LIVING_ARRANGEMENT_LABELS,
  PERSON_EVENT_KIND_LABELS,
  SEX_LABELS,
  ZEthnicityCodeSchema,
  ethnicityCodeOf,
  labelOf,
  spellingClashes,
  vocabKeyOf,
  type VocabLabels,
} from "./vocab.ts";

const VOCABULARIES: Record<string, VocabLabels<string>> = {
  SEX_LABELS,
  ETHNICITY_BY_CODE,
  LIVING_ARRANGEMENT_LABELS,
  ECONOMIC_SOURCE_LABELS,
  DISABILITY_TYPE_LABELS,
  DISABILITY_GRADE_LABELS,
  CARE_STATUS_LABELS,
  HOUSEHOLD_RELATION_LABELS,
  GUARDIAN_RELATION_LABELS,
  PERSON_EVENT_KIND_LABELS,
  CATEGORIES,
};

describe("vocabularies", () => {
  it.each(Object.entries(VOCABULARIES))("%s: no spelling names two keys (import would guess)", (_, labels) => {
    expect(spellingClashes(labels)).toEqual([]);
  });

  it("finds a spelling shared by two keys", () => {
    expect(spellingClashes({ a: { zh: "甲", en: "A" }, b: { zh: "乙", en: "B", variants: ["Ａ"] } })).toEqual(["Ａ → a and b"]);
  });

  it("labels in both languages through one helper", () => {
    expect(labelOf(SEX_LABELS, "female", "zh-CN")).toBe("女");
    expect(labelOf(LIVING_ARRANGEMENT_LABELS, "with_spouse", "en")).toBe("With spouse");
    expect(labelOf(ETHNICITY_BY_CODE, "05", "zh-CN")).toBe("维吾尔族");
    expect(labelOf(CATEGORIES, "child_orphan", "zh-CN")).toBe("孤儿");
    expect(labelOf(PERSON_EVENT_KIND_LABELS, "id_revealed", "zh-CN")).toBe("查看身份证号");
  });

  it.each([
    [SEX_LABELS, " 男 ", "male"],
    [SEX_LABELS, "女性", "female"],
    [SEX_LABELS, "ＦＥＭＡＬＥ", "female"],
    [LIVING_ARRANGEMENT_LABELS, "与 配偶　同住", "with_spouse"],
    [LIVING_ARRANGEMENT_LABELS, "with_children", "with_children"],
    [LIVING_ARRANGEMENT_LABELS, "敬老院", "in_institution"],
    [ECONOMIC_SOURCE_LABELS, "低保", "dibao"],
    [CARE_STATUS_LABELS, "不能自理", "dependent"],
    [CARE_STATUS_LABELS, "自理", "independent"],
    [DISABILITY_GRADE_LABELS, "Ⅱ级", "2"],
    [DISABILITY_GRADE_LABELS, "三级", "3"],
    [GUARDIAN_RELATION_LABELS, "奶奶", "grandparent"],
    [GUARDIAN_RELATION_LABELS, "村委会", "institution"],
    [HOUSEHOLD_RELATION_LABELS, "长女", "daughter"],
  ] as const)("vocabKeyOf matches %#: %s", (labels, text, key) => {
    expect(vocabKeyOf(labels as VocabLabels<string>, text)).toBe(key);
  });

  it("vocabKeyOf returns null for unknown, empty and missing text", () => {
    expect(vocabKeyOf(SEX_LABELS, "未知")).toBeNull();
    expect(vocabKeyOf(SEX_LABELS, "")).toBeNull();
    expect(vocabKeyOf(SEX_LABELS, null)).toBeNull();
    expect(vocabKeyOf(CARE_STATUS_LABELS, "失能半")).toBeNull();
  });
});

describe("ethnicities (GB 3304-1991)", () => {
  it("has the 56 nationalities in standard order, then 97 and 98", () => {
    expect(ETHNICITIES).toHaveLength(58);
    ETHNICITIES.slice(0, 56).forEach((e, i) => expect(e.code).toBe(String(i + 1).padStart(2, "0")));
    expect(ETHNICITIES.slice(56).map((e) => e.code)).toEqual(["97", "98"]);
    expect(new Set(ETHNICITIES.map((e) => e.zh)).size).toBe(58);
    expect(ETHNICITY_BY_CODE["01"].zh).toBe("汉族");
    expect(ETHNICITY_BY_CODE["29"].zh).toBe("柯尔克孜族");
    expect(ETHNICITY_BY_CODE["38"].zh).toBe("锡伯族");
    expect(ETHNICITY_BY_CODE["56"].zh).toBe("基诺族");
    expect(ETHNICITY_CODES).toContain("98");
    expect(ZEthnicityCodeSchema.safeParse("57").success).toBe(false);
  });

  it.each([
    ["维吾尔族", "05"],
    ["维吾尔", "05"],
    ["维族", "05"],
    ["05", "05"],
    ["5", "05"],
    [" ５ ", "05"],
    [5, "05"],
    ["哈萨克", "17"],
    ["汉", "01"],
    ["土", "30"],
    ["土家", "15"],
    ["Uyghur", "05"],
    ["其他", "97"],
  ] as const)("ethnicityCodeOf(%j) = %s", (text, code) => {
    expect(ethnicityCodeOf(text)).toBe(code);
  });

  it.each(["", "火星族", "0", "57", "99", "族", null, undefined])("ethnicityCodeOf(%j) is null", (text) => {
    expect(ethnicityCodeOf(text)).toBeNull();
  });
});
