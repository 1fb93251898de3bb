import { describe, expect, it } from "vitest";
import { parseCitizenId } from "../citizen-id.ts";
import { makeCitizenId } from "../registry/test-citizen-ids.ts";
import { cellCitizenId, cellDate, cellText, citizenIdCellProblem, isPlaceholderText } from "./cell-values.ts";

describe("cellText", () => {
  it.each([
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["　张三　", "张三"],
    ["\u00a0张 \u3000 三 \n", "张 三"],
    ["ＡＢＣ１２３（男）", "ABC123(男)"],
    ["\ufeff六工村\u200b", "六工村"],
    [1990, "1990"],
    [13909940000, "13909940000"],
    [true, "TRUE"],
    [new Date(Date.UTC(1990, 0, 2)), "1990-01-02"],
  ])("%j → %j", (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe("cellCitizenId", () => {
  const id = makeCitizenId("1950-01-01", "male", 4);
  const withX = "11010519491231002X";

  it.each([
    [withX.toLowerCase(), withX],
    [`'${withX.toLowerCase()}`, withX],
    [` "${id}" `, id],
    [`${id.slice(0, 6)} ${id.slice(6, 14)}　${id.slice(14)}`, id],
    [id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), id],
    [null, ""],
  ])("%j → %s", (value, expected) => {
    expect(cellCitizenId(value)).toBe(expected);
    if (expected !== "") expect(parseCitizenId(cellCitizenId(value)).ok).toBe(true);
  });

  it("keeps a number Excel rounded in a form parseCitizenId rejects, never as 18 digits", () => {
    const rounded = 652301195001011000; // what Excel keeps of 652301195001011234
    const text = cellCitizenId(rounded);
    expect(text).toBe("6.52301195001011E+17");
    const result = parseCitizenId(text);
    expect(result.ok).toBe(false);
    expect(citizenIdCellProblem(rounded)?.zh).toContain("Excel");
    expect(citizenIdCellProblem("6.52301195001011E+17")?.zh).toContain("文本");
  });

  it("does not blame Excel for IDs stored as text or short numbers", () => {
    expect(citizenIdCellProblem(id)).toBeNull();
    expect(citizenIdCellProblem(652301500101123)).toBeNull(); // a 15-digit legacy number survives as a number
    expect(cellCitizenId(652301500101123)).toBe("652301500101123");
    expect(citizenIdCellProblem(null)).toBeNull();
  });
});

describe("cellDate", () => {
  it.each([
    // Excel serials, 1900 system: serial 60 is the fictitious 1900-02-29.
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [25569, "1970-01-01"],
    [32874, "1990-01-01"],
    [32875.75, "1990-01-02"],
    [45658, "2025-01-01"],
    [19900102, "1990-01-02"],
    [new Date(Date.UTC(1990, 0, 2)), "1990-01-02"],
    [new Date(Date.UTC(1990, 0, 2, 23, 59, 59, 999)), "1990-01-03"],
    ["1990-1-2", "1990-01-02"],
    ["1990/01/02", "1990-01-02"],
    ["1990.1.2", "1990-01-02"],
    ["19900102", "1990-01-02"],
    ["1990年1月2日", "1990-01-02"],
    [" 1990 年 1 月 2 日 ", "1990-01-02"],
    ["１９９０．１．２", "1990-01-02"],
    ["1990-01-02 00:00:00", "1990-01-02"],
    ["1990-01-02T00:00:00.000Z", "1990-01-02"],
    ["32874", "1990-01-01"],
    ["2024-02-29", "2024-02-29"],
  ])("%j → %s", (value, iso) => {
    expect(cellDate(value)).toBe(iso);
  });

  it.each([60, 0, -5, 3_000_000, "1990-02-30", "2023-02-29", "1990-13-01", "1990.1", "abc", "", true, null, undefined, Number.NaN, new Date("x")])(
    "%j is not a date",
    (value) => {
      expect(cellDate(value)).toBeNull();
    },
  );
});

describe("isPlaceholderText", () => {
  it("recognises the ways ledgers say nothing", () => {
    for (const text of ["无", "/", "-", "—", "暂无", "N/A"]) expect(isPlaceholderText(text)).toBe(true);
    expect(isPlaceholderText("无锡")).toBe(false);
  });
});
