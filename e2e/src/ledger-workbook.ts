import ExcelJS from "exceljs";

/** Writes an xlsx the way stations keep ledgers by hand: rows of cells, with merged title cells. */
export async function writeLedgerWorkbook(path: string, rows: (string | number | null)[][], merges: string[] = []): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  rows.forEach((cells, r) => cells.forEach((value, c) => (sheet.getCell(r + 1, c + 1).value = value)));
  for (const range of merges) sheet.mergeCells(range);
  await book.xlsx.writeFile(path);
}
