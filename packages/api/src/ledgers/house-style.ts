import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";

const THIN = { style: "thin" } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export interface HouseStyleSheet {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  /**
   * Borders the rows added so far; on a streaming workbook also writes them out, so a long ledger
   * never holds all its rows. Call now and then while adding many rows.
   */
  flush(): void;
  /** Borders every cell from the header to the last row; call after adding the rows. Streaming: the sheet is written and closed. */
  seal(): void;
  /** seal(), then the whole workbook as xlsx bytes. */
  finish(): Promise<Uint8Array>;
}

/** A workbook for ledgers, so several house-style sheets can share one file (the quarterly package). */
export function houseWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Shegong 社工";
  return workbook;
}

/**
 * A workbook written as it is built (the quarterly package: tens of thousands of rows). Its sheets
 * are the same house style; each is written out when sealed, and `bytes()` finishes the file.
 * Deflated natively off the main thread, without the per-row object model kept to the end.
 */
export function streamingHouseWorkbook(): { workbook: ExcelJS.Workbook; bytes(): Promise<Uint8Array> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  writer.creator = "Shegong 社工";
  return {
    workbook: writer,
    async bytes() {
      await writer.commit();
      await ended;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}

/** Whether a sheet belongs to a streaming workbook (its rows are committed, not kept). */
function isStreaming(sheet: ExcelJS.Worksheet): boolean {
  return typeof (sheet as { commit?: unknown }).commit === "function";
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The house style every ledger (台账) shares, so registers and the visit ledger look alike: a title
 * row across the sheet, a line for the period or as-of date, bold shaded Chinese headers, a frozen
 * header, thin borders, A4 landscape fitted to the page width. A new workbook unless one is given.
 */
export function houseStyleSheet(
  name: string,
  title: string,
  subtitle: string,
  columns: { header: string; width: number }[],
  workbook: ExcelJS.Workbook = houseWorkbook(),
): HouseStyleSheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: "frozen", ySplit: 3 }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 16 };
  titleCell.alignment = { horizontal: "center", vertical: "middle" };
  sheet.getRow(1).height = 30;
  sheet.mergeCells(2, 1, 2, columns.length);
  sheet.getCell(2, 1).value = subtitle;
  const header = sheet.getRow(3);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
  });
  const streaming = isStreaming(sheet);
  // One style object per distinct look, shared by its cells: the xlsx writer recognises a style it
  // has seen by identity, so a 25,000-row ledger writes in about half the time of a copy per cell.
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  let sealedThrough = 2;
  const flush = () => {
    const last = streaming ? (sheet.lastRow?.number ?? 0) : sheet.rowCount;
    for (let r = sealedThrough + 1; r <= last; r++) {
      sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
        const own = cell.style ?? {};
        const key = Object.keys(own).length === 0 ? "" : JSON.stringify(own);
        let style = shared.get(key);
        if (!style) {
          style = { ...own, border: BORDER };
          shared.set(key, style);
        }
        cell.style = style;
      });
    }
    sealedThrough = Math.max(sealedThrough, last);
    if (streaming && last > 0) sheet.getRow(last).commit();
  };
  const seal = () => {
    flush();
    if (streaming) (sheet as ExcelJS.Worksheet & { commit(): void }).commit();
  };
  return {
    workbook,
    sheet,
    flush,
    seal,
    async finish() {
      seal();
      return workbookBytes(workbook);
    },
  };
}
