import { describe, expect, it } from "vitest";
import { parseCitizenId } from "../citizen-id.ts";
import { ZPersonInputSchema, checkIdConsistency, isMinorOn } from "./person.ts";
import { makeCitizenId } from "./test-citizen-ids.ts";

const womanId = makeCitizenId("1950-03-08", "female");
const base = { name: "张三", citizenId: womanId };

function issuesOf(input: Record<string, unknown>) {
  const result = ZPersonInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("checkIdConsistency", () => {
  const parsed = parseCitizenId(womanId);
  if (!parsed.ok) throw new Error("fixture ID must be valid");

  it("accepts what agrees with the ID and what is not given", () => {
    expect(checkIdConsistency(parsed.value, { sex: "female", birthDate: "1950-03-08" })).toEqual([]);
    expect(checkIdConsistency(parsed.value, {})).toEqual([]);
  });

  it("names the field and what the ID says", () => {
    expect(checkIdConsistency(parsed.value, { sex: "male", birthDate: "1950-08-03" })).toEqual([
      {
        field: "sex",
        zh: "性别与身份证号不符（身份证号为女性）",
        en: "Sex does not match the ID number (the ID number is for a female)",
      },
      {
        field: "birthDate",
        zh: "出生日期与身份证号不符（身份证号为1950-03-08）",
        en: "Birth date does not match the ID number (the ID number gives 1950-03-08)",
      },
    ]);
  });
});

describe("ZPersonInputSchema", () => {
  it("normalizes name, ID and phone and treats blanks as not given", () => {
    const lowerX = makeCitizenId("1962-01-05", "male", 7);
    const input = {
      name: "　阿依古丽 ·  买买提 ",
      citizenId: lowerX.toLowerCase(),
      sex: "",
      birthDate: null,
      ethnicityCode: "05",
      phone: "+86 139 0994 0000",
      villageCode: "652301105001",
      address: "  六工镇 十三户村 ",
      note: "",
    };
    expect(ZPersonInputSchema.parse(input)).toEqual({
      name: "阿依古丽 · 买买提",
      citizenId: lowerX.toUpperCase(),
      ethnicityCode: "05",
      phone: "13909940000",
      villageCode: "652301105001",
      address: "六工镇 十三户村",
    });
  });

  it.each(["0994-2345678", "09942345678", "010-12345678", "13000000000", "１３９０９９４００００"])("accepts phone %s", (phone) => {
    expect(issuesOf({ ...base, phone })).toEqual([]);
  });

  it.each(["12345", "12900000000", "1390994000", "994-2345678", "0994-23456"])("refuses phone %s", (phone) => {
    expect(issuesOf({ ...base, phone })[0]?.path).toBe("phone");
  });

  it("refuses sex and birth date that contradict the ID, on their own fields", () => {
    expect(issuesOf({ ...base, sex: "male", birthDate: "1950-03-09" })).toEqual([
      { path: "sex", message: "性别与身份证号不符（身份证号为女性） / Sex does not match the ID number (the ID number is for a female)" },
      {
        path: "birthDate",
        message: "出生日期与身份证号不符（身份证号为1950-03-08） / Birth date does not match the ID number (the ID number gives 1950-03-08)",
      },
    ]);
  });

  it("reports an invalid ID once, without consistency noise", () => {
    const issues = issuesOf({ ...base, citizenId: `${womanId.slice(0, 17)}${womanId.endsWith("0") ? "1" : "0"}`, sex: "male" });
    expect(issues.map((i) => i.path)).toEqual(["citizenId"]);
    expect(issues[0]?.message).toContain("校验位");
  });

  it.each([
    [{ name: "  " }, "name"],
    [{ name: "张".repeat(41) }, "name"],
    [{ name: "张三2" }, "name"],
    [{ ethnicityCode: "99" }, "ethnicityCode"],
    [{ villageCode: "652301105" }, "villageCode"],
    [{ address: "址".repeat(201) }, "address"],
    [{ note: "注".repeat(501) }, "note"],
    [{ disabilityGrade: "5" }, "disabilityGrade"],
    [{ livingArrangement: "独居" }, "livingArrangement"],
  ])("refuses %j", (patch, path) => {
    expect(issuesOf({ ...base, ...patch }).map((i) => i.path)).toContain(path);
  });

  it("accepts the full set of optional vocabularies", () => {
    expect(
      issuesOf({
        ...base,
        sex: "female",
        birthDate: "1950-03-08",
        livingArrangement: "alone",
        economicSource: "tekun",
        disabilityType: "physical",
        disabilityGrade: "2",
        careStatus: "partly_dependent",
        address: "址".repeat(200),
        note: "注".repeat(500),
      }),
    ).toEqual([]);
  });
});

describe("isMinorOn", () => {
  it("is true before the 18th birthday and false from it", () => {
    expect(isMinorOn("2008-02-29", "2026-02-28")).toBe(true);
    expect(isMinorOn("2008-02-29", "2026-03-01")).toBe(false);
    expect(isMinorOn("2010-01-01", "2026-01-01", { elderlyFromAge: 60, advancedAgeFrom: 80, adultAt: 16 })).toBe(false);
  });
});
