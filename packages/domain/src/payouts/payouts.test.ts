import { describe, expect, it } from "vitest";
import { makeCitizenId } from "../registry/test-citizen-ids.ts";
import {
  payoutBandFor,
  PAYOUT_KINDS,
  payoutStandardFor,
  readPayoutRoster,
  verifyRoster,
  ZPayoutStandardSchema,
  type PayoutRowInput,
  type RegistryFacts,
  type TPayoutStandard,
} from "./index.ts";

const STANDARDS: TPayoutStandard[] = [
  { kind: "advanced_age", regionCode: "65", band: "80_89", validFrom: "2020-01-01", validTo: "2026-06-30", amountFen: 5000 },
  { kind: "advanced_age", regionCode: "65", band: "80_89", validFrom: "2026-07-01", validTo: null, amountFen: 8000 },
  { kind: "advanced_age", regionCode: "65", band: "90_99", validFrom: "2020-01-01", validTo: null, amountFen: 10000 },
  { kind: "advanced_age", regionCode: "652301", band: "90_99", validFrom: "2026-01-01", validTo: null, amountFen: 12000 },
  { kind: "advanced_age", regionCode: "65", band: "100_plus", validFrom: "2020-01-01", validTo: null, amountFen: 30000 },
  { kind: "child_allowance", regionCode: "65", band: "orphan", validFrom: "2020-01-01", validTo: null, amountFen: 150000 },
  { kind: "child_allowance", regionCode: "65", band: "unsupported", validFrom: "2020-01-01", validTo: null, amountFen: 120000 },
];

function person(n: number, name: string, birthDate: string, extra: Partial<RegistryFacts> = {}): RegistryFacts {
  return {
    personId: `p${n}`,
    idIndex: `i${n}`,
    name,
    birthDate,
    deathDate: null,
    movedOutDate: null,
    categories: [{ category: "elderly_advanced_age", startedOn: "2020-01-01", endedOn: null }],
    lastVisitOn: "2026-10-01",
    ...extra,
  };
}

describe("payout standards", () => {
  it("are data validated by a schema", () => {
    for (const s of STANDARDS) expect(ZPayoutStandardSchema.parse(s)).toEqual(s);
    expect(ZPayoutStandardSchema.safeParse({ ...STANDARDS[0], band: "70_79" }).success).toBe(false);
    expect(ZPayoutStandardSchema.safeParse({ ...STANDARDS[0], regionCode: "6523" }).success).toBe(false);
    expect(ZPayoutStandardSchema.safeParse({ ...STANDARDS[0], validTo: "2019-01-01" }).success).toBe(false);
  });

  it("pick the amount by age band, period and county, falling back to the region", () => {
    const kind = PAYOUT_KINDS.advanced_age;
    const band = (birthDate: string, month: string) => payoutBandFor(kind, { birthDate, categoriesHeld: [] }, month)?.key ?? null;
    expect(band("1946-11-01", "2026-11")).toBe("80_89");
    expect(band("1946-11-02", "2026-11")).toBeNull(); // 79 on the 1st
    expect(band("1936-11-01", "2026-11")).toBe("90_99");
    expect(band("1926-10-01", "2026-11")).toBe("100_plus");
    const fen = (band: string, county: string | null, month: string) =>
      payoutStandardFor(STANDARDS, "advanced_age", band, county, month)?.amountFen ?? null;
    expect(fen("80_89", "652301", "2026-06")).toBe(5000);
    expect(fen("80_89", "652301", "2026-07")).toBe(8000);
    expect(fen("90_99", "652301", "2026-07")).toBe(12000);
    expect(fen("90_99", "652302", "2026-07")).toBe(10000);
    expect(fen("90_99", "652301", "2025-12")).toBe(10000);
    expect(fen("80_89", null, "2019-12")).toBeNull();
    const child = PAYOUT_KINDS.child_allowance;
    expect(payoutBandFor(child, { birthDate: "2015-01-01", categoriesHeld: ["child_unsupported"] }, "2026-11")?.key).toBe("unsupported");
  });
});

describe("verifyRoster (advanced-age fixture)", () => {
  const registry: RegistryFacts[] = [
    person(1, "王建国", "1940-03-01"),
    person(2, "李秀英", "1932-05-05"),
    person(3, "张德明", "1941-02-02", { deathDate: "2026-09-10" }),
    person(4, "刘桂兰", "1942-04-04", { movedOutDate: "2026-08-01" }),
    person(5, "陈志强", "1950-01-01"),
    person(6, "赵玉珍", "1940-06-06", { categories: [{ category: "elderly_tekun", startedOn: "2020-01-01", endedOn: null }] }),
    person(7, "孙福海", "1943-07-07"),
    person(8, "周淑芬", "1944-08-08"),
    person(9, "阿依古丽·买买提", "1939-09-09"),
    person(10, "吴长林", "1938-10-10", { lastVisitOn: "2026-01-15" }),
    person(12, "马秀兰", "1937-12-12"),
    person(13, "郑有福", "1936-01-13"),
    person(14, "冯老汉", "1930-01-14", { deathDate: "2026-01-01" }),
    person(15, "百岁翁", "1925-01-15"),
    person(16, "黄大妈", "1941-01-16", { categories: [{ category: "elderly_advanced_age", startedOn: "2020-01-01", endedOn: "2026-03-01" }] }),
  ];
  const rows: PayoutRowInput[] = [
    { rowNumber: 4, name: "王建国", idIndex: "i1", amountFen: 8000 }, // clean
    { rowNumber: 5, name: "李秀英", idIndex: "i2", amountFen: 12000 }, // clean, county standard
    { rowNumber: 6, name: "张德明", idIndex: "i3", amountFen: 8000 }, // died
    { rowNumber: 7, name: "刘桂兰", idIndex: "i4", amountFen: 8000 }, // moved out
    { rowNumber: 8, name: "陈志强", idIndex: "i5", amountFen: 8000 }, // age 76
    { rowNumber: 9, name: "赵玉珍", idIndex: "i6", amountFen: 8000 }, // no category
    { rowNumber: 10, name: "孙福海", idIndex: "i7", amountFen: 5000 }, // old standard
    { rowNumber: 11, name: "周淑芬", idIndex: "i8", amountFen: 8000 }, // clean first time
    { rowNumber: 12, name: "周淑芬", idIndex: "i8", amountFen: 8000 }, // paid twice
    { rowNumber: 13, name: "阿依古丽", idIndex: "i9", amountFen: 8000 }, // name
    { rowNumber: 14, name: "吴长林", idIndex: "i10", amountFen: 8000 }, // no visit since 2026-05-01
    { rowNumber: 15, name: "不认识", idIndex: "i11", amountFen: 8000 }, // not in registry
    { rowNumber: 16, name: "马秀兰", idIndex: "i12", amountFen: 8000 }, // paid elsewhere
    { rowNumber: 17, name: "百岁翁", idIndex: "i15", amountFen: 30000 }, // clean, 100+
  ];
  const result = verifyRoster(rows, registry, STANDARDS, {
    kind: "advanced_age",
    month: "2026-11",
    countyCode: "652301",
    visitWithinMonths: 6,
    paidElsewhere: new Set([16]),
  });

  it("flags every rule exactly where expected and nothing else", () => {
    const found = result.discrepancies.map((d) => [d.rule, d.rowNumber ?? d.personId]);
    expect(found).toEqual([
      ["died_before_month", 6],
      ["moved_out", 7],
      ["age", 8],
      ["category_missing", 9],
      ["amount", 10],
      ["paid_twice", 12],
      ["name_mismatch", 13],
      ["no_recent_visit", 14],
      ["not_in_registry", 15],
      ["paid_elsewhere", 16],
      ["missing_from_roster", "p13"],
    ]);
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBe(11);
    expect(result.counts.amount).toBe(1);
  });

  it("explains each discrepancy in Chinese and English", () => {
    const amount = result.discrepancies.find((d) => d.rule === "amount");
    expect(amount).toMatchObject({ expectedFen: 8000, paidFen: 5000 });
    expect(amount?.zh).toContain("80.00元");
    expect(amount?.en).toContain("50.00");
    for (const d of result.discrepancies) {
      expect(d.zh.length).toBeGreaterThan(4);
      expect(d.en.length).toBeGreaterThan(4);
    }
    expect(result.discrepancies.find((d) => d.rule === "paid_elsewhere")?.zh).not.toMatch(/站点：|station [A-Z]/);
  });
});

describe("verifyRoster (a second roster of the station for the same month)", () => {
  it("flags a row already paid through the station's earlier roster as paid twice, and does not call those on it missing", () => {
    const result = verifyRoster(
      [{ rowNumber: 2, name: "王建国", idIndex: "i1", amountFen: 8000 }],
      [person(1, "王建国", "1940-03-01"), person(2, "李秀英", "1932-05-05")],
      STANDARDS,
      { kind: "advanced_age", month: "2026-11", countyCode: null, visitWithinMonths: 6, onOtherRosters: new Set(["i1", "i2"]) },
    );
    expect(result.discrepancies.map((d) => [d.rule, d.rowNumber])).toEqual([["paid_twice", 2]]);
    expect(result.discrepancies[0]?.zh).toContain("另一份发放名单");
  });
});

describe("verifyRoster (children's allowance)", () => {
  const child = (n: number, name: string, birthDate: string, category: "child_orphan" | "child_unsupported", extra: Partial<RegistryFacts> = {}) =>
    person(n, name, birthDate, { categories: [{ category, startedOn: "2020-01-01", endedOn: null }], ...extra });
  const registry = [
    child(1, "小明", "2015-03-03", "child_orphan"),
    child(2, "小红", "2012-04-04", "child_unsupported"),
    child(3, "小刚", "2008-10-31", "child_orphan"), // 18 on 2026-10-31
    child(4, "小丽", "2016-05-05", "child_unsupported"), // missing from roster
    child(5, "小军", "2008-12-01", "child_orphan"), // 17 on 2026-11-01, not on roster → owed
    child(6, "小华", "2007-01-01", "child_orphan"), // adult, not on roster → nothing
  ];
  const rows: PayoutRowInput[] = [
    { rowNumber: 3, name: "小明", idIndex: "i1", amountFen: 150000 },
    { rowNumber: 4, name: "小红", idIndex: "i2", amountFen: 150000 }, // orphan rate for an unsupported child
    { rowNumber: 5, name: "小刚", idIndex: "i3", amountFen: 150000 }, // turned 18
  ];
  const result = verifyRoster(rows, registry, STANDARDS, { kind: "child_allowance", month: "2026-11", countyCode: "652301", visitWithinMonths: 6 });
  it("checks amounts by category, the 18th birthday and the reverse roster", () => {
    expect(result.discrepancies.map((d) => [d.rule, d.rowNumber ?? d.personId])).toEqual([
      ["amount", 4],
      ["age", 5],
      ["missing_from_roster", "p4"],
      ["missing_from_roster", "p5"],
    ]);
    expect(result.discrepancies[1]?.zh).toContain("已满18周岁");
  });
});

describe("readPayoutRoster", () => {
  const id1 = makeCitizenId("1940-03-01");
  const id2 = makeCitizenId("1932-05-05", "female");
  it("reads a roster as banks send it: title rows, synonyms, amounts in yuan, last four of the account", () => {
    const sheet = [
      ["六工镇2026年11月高龄补贴发放花名册"],
      ["填报单位：六工镇", null, null, "日期：2026-11-05"],
      ["序号", "户名", "公民身份号码", "银行卡号", "发放金额（元）", "发放月份"],
      [1, "王建国", id1, "6217 0000 1111 2345", 80, "2026年11月"],
      [2, " 李秀英 ", id2.toLowerCase(), "", "120.00", "2026-11"],
      ["合计", null, null, null, 200, null],
    ];
    const read = readPayoutRoster(sheet, "2026-11", "2026-11-05");
    expect(read).toEqual({
      ok: true,
      rows: [
        { rowNumber: 4, name: "王建国", citizenId: id1, amountFen: 8000, accountLast4: "2345" },
        { rowNumber: 5, name: "李秀英", citizenId: id2, amountFen: 12000, accountLast4: null },
      ],
    });
  });
  it("rejects the whole file for one bad row or a row of another month", () => {
    const sheet = [
      ["姓名", "身份证号", "金额", "月份"],
      ["王建国", id1, 80, "2026-11"],
      ["李秀英", "652301193205051234", 120, "2026-11"],
      ["张三", id2, 80, "2026-10"],
      ["李四", 6.52301193205051e17, 80, "2026-11"],
    ];
    const read = readPayoutRoster(sheet, "2026-11", "2026-11-05");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.map((e) => [e.rowNumber, e.column])).toEqual([[3, "身份证号"], [4, "月份"], [5, "身份证号"]]);
  });
  it("says so when there is no header", () => {
    const read = readPayoutRoster([["a", "b"], [1, 2]], "2026-11", "2026-11-05");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason.zh).toContain("表头");
  });
});
