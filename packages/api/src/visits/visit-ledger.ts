import type { Tx } from "@shegong/db";
import { labelOf, RISK_LEVEL_LABELS, SERVICE_AREA_LABELS, VISIT_KIND_LABELS, VISIT_MODE_LABELS, type RiskLevel, type ServiceArea, type VisitKind, type VisitMode } from "@shegong/domain";
import type ExcelJS from "exceljs";
import { houseStyleSheet, houseWorkbook, workbookBytes } from "../ledgers/house-style.ts";
import { visitsInPeriod } from "./list-visits.ts";

export type LedgerPeriod = { month: string } | { quarter: string };

/** '2026-11' → Nov 1–30; '2026-Q4' → Oct 1–Dec 31. */
export function periodRange(period: LedgerPeriod): { from: string; to: string; label: string } {
  if ("month" in period) {
    const [y, m] = period.month.split("-").map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${period.month}-01`, to: `${period.month}-${String(last).padStart(2, "0")}`, label: `${y}年${m}月` };
  }
  const [y, q] = [Number(period.quarter.slice(0, 4)), Number(period.quarter.slice(-1))];
  const first = (q - 1) * 3 + 1;
  const lastMonth = first + 2;
  const last = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return { from: `${y}-${String(first).padStart(2, "0")}-01`, to: `${y}-${String(lastMonth).padStart(2, "0")}-${last}`, label: `${y}年第${q}季度` };
}

const COLUMNS = [
  { header: "序号", width: 6 },
  { header: "走访日期", width: 12 },
  { header: "走访对象", width: 14 },
  { header: "走访类型", width: 10 },
  { header: "方式", width: 8 },
  { header: "服务领域", width: 10 },
  { header: "走访人员", width: 16 },
  { header: "时长（分钟）", width: 10 },
  { header: "风险等级", width: 8 },
  { header: "走访情况", width: 40 },
];

/** 巡访台账 (issue 4 item 3): the period's visits, in the same house style as the registers. */
export async function exportVisitLedger(tx: Tx, stationId: string, plaqueName: string, period: LedgerPeriod) {
  const workbook = houseWorkbook();
  const { rows, range } = await addVisitLedgerSheet(workbook, tx, stationId, plaqueName, period);
  return { fileName: `${plaqueName}-巡访台账-${range.label}.xlsx`, bytes: await workbookBytes(workbook), rows, range };
}

/** The visit ledger as one sheet of a workbook (alone, or in the quarterly package). */
export async function addVisitLedgerSheet(workbook: ExcelJS.Workbook, tx: Tx, stationId: string, plaqueName: string, period: LedgerPeriod) {
  const range = periodRange(period);
  const visits = await visitsInPeriod(tx, stationId, range.from, range.to);
  const hours = visits.reduce((sum, v) => sum + v.durationMinutes, 0) / 60;
  const subtitle = `统计期间：${range.label}（${range.from} 至 ${range.to}）　　走访 ${visits.length} 次，合计 ${hours.toFixed(1)} 小时`;
  const { sheet, flush, seal } = houseStyleSheet("巡访台账", `${plaqueName}巡访台账`, subtitle, COLUMNS, workbook);
  visits.forEach((v, i) => {
    const row = sheet.addRow([
      i + 1,
      v.visitedOn,
      v.subjectName,
      labelOf(VISIT_KIND_LABELS, v.kind as VisitKind, "zh-CN"),
      labelOf(VISIT_MODE_LABELS, v.mode as VisitMode, "zh-CN"),
      labelOf(SERVICE_AREA_LABELS, v.area as ServiceArea, "zh-CN"),
      v.workers ?? "",
      v.durationMinutes,
      labelOf(RISK_LEVEL_LABELS, v.risk as RiskLevel, "zh-CN"),
      [v.summary, v.riskNote].filter(Boolean).join("；"),
    ]);
    row.getCell(10).alignment = { wrapText: true, vertical: "top" };
    // A quarter of a busy station is tens of thousands of rows: a streaming workbook writes them as it goes.
    if (i % 2000 === 1999) flush();
  });
  seal();
  return { rows: visits.length, range };
}
