import type { CellValue } from "@shegong/domain";
import ExcelJS from "exceljs";
import { appError } from "../errors.ts";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Formulas, rich text, hyperlinks and errors flattened to the value a person sees in the cell. */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return plainValue((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return null;
  }
  return String(value);
}

/**
 * The first worksheet as rows of plain cell values, merged cells carrying their master's value
 * (exceljs fills them in). Anything that is not an xlsx workbook is refused with LEDGER_UNREADABLE.
 */
export async function readWorkbookRows(bytes: Uint8Array): Promise<CellValue[][]> {
  if (bytes.length < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) throw appError("LEDGER_UNREADABLE");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw appError("LEDGER_UNREADABLE");
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw appError("LEDGER_EMPTY");
  const width = sheet.columnCount;
  const rows: CellValue[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: CellValue[] = [];
    for (let c = 1; c <= width; c++) cells.push(plainValue(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}
