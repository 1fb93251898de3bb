import type { BilingualMessage } from "../errors.ts";
import { normalizeText } from "../registry/text.ts";
import { isIsoDate } from "../time.ts";

/**
 * A cell as the xlsx reader hands it over: rich text, formulas and hyperlinks already reduced to
 * their displayed value, merged cells filled into every cell they cover.
 */
export type CellValue = string | number | Date | boolean | null | undefined;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function isoOfUtc(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * A cell's text as the user sees it, folded: full-width → half-width (NFKC), U+3000 and NBSP
 * trimmed, runs of spaces collapsed; '' for an empty cell. Dates become YYYY-MM-DD.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return normalizeText(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return Number.isNaN(value.getTime()) ? "" : isoOfUtc(value);
}

/** What Excel shows after it has turned an ID into a number: 6.52301195001011E+17. */
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/i;

/**
 * An ID typed into a General-format cell becomes a number; Excel keeps 15 significant digits, so
 * the last three are lost for good (issue 3 "Ledgers in"). Returns the message to show instead
 * of the generic length error, or null when the cell is not such a number.
 */
export function citizenIdCellProblem(value: CellValue): BilingualMessage | null {
  const mangled =
    (typeof value === "number" && !Number.isSafeInteger(value)) ||
    (typeof value === "string" && SCIENTIFIC.test(normalizeText(value).replace(/ /g, "")));
  if (!mangled) return null;
  return {
    zh: "身份证号被 Excel 存成了数字，后几位已丢失；请将该列设为“文本”格式后重新录入",
    en: "Excel stored the ID number as a number and its last digits are lost; set the column to Text and enter it again",
  };
}

/**
 * The ID as a string for parseCitizenId: spaces, quotes and Excel's leading apostrophe removed,
 * x upper-cased. A number Excel has rounded comes back in its scientific form, which
 * parseCitizenId rejects (ID_LENGTH), never as 18 digits that might pass the check by chance;
 * citizenIdCellProblem says why.
 */
export function cellCitizenId(value: CellValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return Number.isSafeInteger(value) ? String(value) : value.toExponential().toUpperCase();
  }
  return cellText(value)
    .replace(/[\s'"‘’“”`]/g, "")
    .toUpperCase();
}

/** Serial 60 is 1900-02-29, a day Excel invented (the Lotus 1-2-3 leap-year bug); it has no real date. */
const EXCEL_FAKE_LEAP_DAY = 60;
/** 9999-12-31, the last serial Excel accepts. */
const EXCEL_MAX_SERIAL = 2958465;

function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (day < 1 || day > EXCEL_MAX_SERIAL || day === EXCEL_FAKE_LEAP_DAY) return null;
  // Before the fake leap day serial 1 is 1900-01-01; after it every serial is one day "late".
  const epoch = day < EXCEL_FAKE_LEAP_DAY ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return isoOfUtc(new Date(epoch + day * 86_400_000));
}

function isoOf(year: string, month: string, day: string): string | null {
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/** A trailing time of day, which Excel adds when a date cell is exported as text. */
const TIME_SUFFIX = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date cell as 'YYYY-MM-DD', or null when it is not a whole date. Accepts JS Dates (read in
 * UTC, as xlsx readers create them), Excel serials (1900 system), 8-digit numbers (19900102), and
 * the text forms stations type: 1990-1-2, 1990/01/02, 1990.1.2, 19900102, 1990年1月2日.
 */
export function cellDate(value: CellValue): string | null {
  if (value === null || value === undefined || typeof value === "boolean") return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Readers compute dates from fractional days; round to the second so 23:59:59.999 is the next day.
    return isoOfUtc(new Date(Math.round(value.getTime() / 1000) * 1000));
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (Number.isInteger(value) && value >= 10_000_101 && value <= 99_991_231) {
      const digits = String(value);
      return isoOf(digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8));
    }
    return excelSerialToIso(value);
  }
  const text = cellText(value).replace(TIME_SUFFIX, "").replace(/ /g, "");
  const separated = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (separated) return isoOf(separated[1] ?? "", separated[2] ?? "", separated[3] ?? "");
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return isoOf(compact[1] ?? "", compact[2] ?? "", compact[3] ?? "");
  // A serial that arrived as text (a date column pasted as values into a text-formatted sheet).
  if (/^\d{5}$/.test(text)) return excelSerialToIso(Number(text));
  return null;
}

/** Cells that mean "nothing here" in hand-kept ledgers; optional fields treat them as empty. */
const PLACEHOLDERS = new Set(["无", "没有", "暂无", "空", "/", "-", "--", "—", "——", "n/a", "na", "null", "/无"]);

export function isPlaceholderText(text: string): boolean {
  return PLACEHOLDERS.has(text.replace(/ /g, "").toLowerCase());
}
