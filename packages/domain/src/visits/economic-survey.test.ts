import { describe, expect, it } from "vitest";
import {
  compareToDibaoStandard,
  formatFen,
  perCapitaMonthlyIncomeFen,
  yuanToFen,
  ZEconomicSurveySchema,
  type TEconomicSurveyInput,
} from "./economic-survey.ts";

const survey = (input: TEconomicSurveyInput) => ZEconomicSurveySchema.parse(input);

describe("ZEconomicSurveySchema (R11 入户调查)", () => {
  it("fills absent incomes with zero", () => {
    expect(survey({ members: 2, monthlyIncomeFen: { pensions: 20_000 } })).toEqual({
      members: 2,
      monthlyIncomeFen: { wages: 0, pensions: 20_000, farming: 0, transfers: 0, other: 0 },
      yearlyIncomeFen: { wages: 0, pensions: 0, farming: 0, transfers: 0, other: 0 },
    });
  });

  it.each([
    [{ members: 0 }, ["members"]],
    [{ members: 2.5 }, ["members"]],
    [{ members: 2, monthlyIncomeFen: { wages: -1 } }, ["monthlyIncomeFen", "wages"]],
    [{ members: 2, yearlyIncomeFen: { farming: 123.4 } }, ["yearlyIncomeFen", "farming"]],
    [{ members: 2, yearlyIncomeFen: { other: 1e11 } }, ["yearlyIncomeFen", "other"]],
  ])("rejects %j", (input, path) => {
    const result = ZEconomicSurveySchema.safeParse(input);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it("keeps the assets note, multi-line, and drops a blank one", () => {
    expect(survey({ members: 1, assetsNote: " 砖瓦房 3 间\n\n\n\n耕地　5 亩 " }).assetsNote).toBe("砖瓦房 3 间\n\n耕地 5 亩");
    expect(survey({ members: 1, assetsNote: "  " }).assetsNote).toBeUndefined();
  });
});

describe("perCapitaMonthlyIncomeFen", () => {
  it("adds monthly incomes and a twelfth of yearly ones, divided among members", () => {
    // ¥1,200 pension a month + ¥6,000 a year from crops, three members: (120000 + 50000) / 3.
    const household = survey({ members: 3, monthlyIncomeFen: { pensions: 120_000 }, yearlyIncomeFen: { farming: 600_000 } });
    expect(perCapitaMonthlyIncomeFen(household)).toBe(56_667);
  });

  it("rounds half up once, at the end", () => {
    expect(perCapitaMonthlyIncomeFen(survey({ members: 2, monthlyIncomeFen: { wages: 1 } }))).toBe(1); // 0.5 → 1
    expect(perCapitaMonthlyIncomeFen(survey({ members: 4, monthlyIncomeFen: { wages: 2 } }))).toBe(1); // 0.5 → 1
    expect(perCapitaMonthlyIncomeFen(survey({ members: 3, monthlyIncomeFen: { wages: 1 } }))).toBe(0); // 0.33 → 0
    // Five yearly sources of 6 fen: 0.5 fen each if rounded one by one (→ 5 fen); exactly 2.5 → 3 at the end.
    const yearly = { wages: 6, pensions: 6, farming: 6, transfers: 6, other: 6 };
    expect(perCapitaMonthlyIncomeFen(survey({ members: 1, yearlyIncomeFen: yearly }))).toBe(3);
  });

  it("is zero for a household with no income", () => {
    expect(perCapitaMonthlyIncomeFen(survey({ members: 5 }))).toBe(0);
  });
});

describe("compareToDibaoStandard", () => {
  it("is below only when strictly under the standard; the gap is the 补差 per member", () => {
    expect(compareToDibaoStandard(56_667, 62_000)).toEqual({ below: true, gapFen: 5_333 });
    expect(compareToDibaoStandard(62_000, 62_000)).toEqual({ below: false, gapFen: 0 });
    expect(compareToDibaoStandard(70_000, 62_000)).toEqual({ below: false, gapFen: -8_000 });
  });

  it("refuses amounts that are not fen", () => {
    expect(() => compareToDibaoStandard(100.5, 62_000)).toThrow(RangeError);
  });
});

describe("formatFen and yuanToFen", () => {
  it.each([
    [0, "0.00元"],
    [5, "0.05元"],
    [123_456, "1234.56元"],
    [100_000_000, "1000000.00元"],
    [-1_230, "-12.30元"],
  ])("%i fen is %s", (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it("refuses fractions of a fen", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });

  it.each([
    ["1234.56", 123_456],
    ["0.29", 29],
    ["1234.5", 123_450],
    ["12", 1_200],
    ["１２３４．５６", 123_456],
    ["1,234.56", 123_456],
    ["￥1234.56", 123_456],
    [" 620元 ", 62_000],
  ])("%s 元 is %i fen", (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(["", "abc", "1.234", "-5", "12,34", "1e3", "."])("%j is not an amount", (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it("round-trips", () => {
    for (const fen of [0, 1, 99, 100, 29, 123_456]) expect(yuanToFen(formatFen(fen))).toBe(fen);
  });
});
