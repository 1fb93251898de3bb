import type { Tx } from "@shegong/db";
import {
  CATEGORIES,
  CATEGORY_KEYS,
  DASHBOARD_MEASURES,
  DASHBOARD_MEASURE_NAMES,
  dashboardMeasure,
  INDICATORS,
  indicatorValue,
  inReportUnit,
  REPORT_VIEW_TITLES,
  reportUnitSuffix,
  TREND_VIEW_INDICATORS,
  type DivisionReportView,
  type IndicatorId,
  type ShownIndicatorValues,
  type ShownValue,
  type StationReportView,
} from "@shegong/domain";
import { houseStyleSheet } from "../ledgers/house-style.ts";
import { divisionReport, divisionTrend, stationReport, type FactSource } from "./read-rollups.ts";

type Cell = string | number | null;

/** One dashboard table as it goes into a workbook: headers in Chinese, as bureaus file them. */
export interface ReportTable {
  title: string;
  subtitle: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
}

export interface ReportFile {
  fileName: string;
  bytes: Uint8Array;
  rows: number;
}

const SUPPRESSION_NOTE = "注：服务对象人数 1–4 人显示为“<5”，以保护个人信息";
const TREND_MONTHS = 12;

const cell = (value: ShownValue | null | undefined): Cell => (value === undefined ? null : value);

/** A trend column: its indicator's name, money in yuan as bureaus read it (kept in fen). */
function trendColumn(id: IndicatorId) {
  return { header: INDICATORS[id].name.zh + reportUnitSuffix(id).zh, width: 16 };
}

function trendCell(id: IndicatorId, value: ShownValue | null | undefined): Cell {
  return cell(value === undefined ? undefined : inReportUnit(id, value));
}

function categoryRows(values: ShownIndicatorValues | undefined): Cell[][] {
  const byCategory = values?.["people.category"] ?? {};
  return CATEGORY_KEYS.map((key) => [CATEGORIES[key].zh, cell(byCategory[key] ?? 0)]);
}

async function writeReport(sheetName: string, table: ReportTable): Promise<Uint8Array> {
  const house = houseStyleSheet(sheetName, table.title, table.subtitle, table.columns);
  for (const row of table.rows) house.sheet.addRow(row);
  return house.finish();
}

/**
 * A division dashboard's table (per-unit indicators, people by category, or a 12-month trend),
 * read from the same rollups the dashboard shows, so the "<5" cells stay "<5" in the file too.
 */
export async function exportDivisionReport(tx: Tx, divisionCode: string, month: string, view: DivisionReportView, source: FactSource = "live"): Promise<ReportFile> {
  const report = await divisionReport(tx, divisionCode, month, source);
  const name = report.division.name;
  const viewTitle = REPORT_VIEW_TITLES[view].zh + (source === "snapshot" ? "（月末快照）" : "");
  let table: ReportTable;
  if (view === "children") {
    table = {
      title: `${name}${viewTitle}`,
      subtitle: `统计月份：${month}　${SUPPRESSION_NOTE}`,
      columns: [
        { header: "区划", width: 22 },
        { header: "区划代码", width: 12 },
        { header: "填报社工站数", width: 10 },
        ...DASHBOARD_MEASURES.map((m) => ({ header: DASHBOARD_MEASURE_NAMES[m].zh, width: 12 })),
      ],
      rows: [
        ...report.children.map((c) => [c.name, c.code, c.stationsReporting, ...DASHBOARD_MEASURES.map((m) => cell(dashboardMeasure(c.values, m)))]),
        ["合计", report.division.code, report.children.reduce((n, c) => n + c.stationsReporting, 0), ...DASHBOARD_MEASURES.map((m) => cell(dashboardMeasure(report.total, m)))],
      ],
    };
  } else if (view === "categories") {
    table = {
      title: `${name}${viewTitle}`,
      subtitle: `统计月份：${month}（月末在册）　${SUPPRESSION_NOTE}`,
      columns: [
        { header: "类别", width: 28 },
        { header: "人数", width: 12 },
      ],
      rows: categoryRows(report.total),
    };
  } else {
    const ids = TREND_VIEW_INDICATORS[view];
    const trends = await Promise.all(ids.map((id) => divisionTrend(tx, divisionCode, id, month, TREND_MONTHS, { source })));
    const points = trends[0]!.points;
    table = {
      title: `${name}${viewTitle}`,
      subtitle: `${points[0]?.month ?? month} 至 ${month}　${SUPPRESSION_NOTE}`,
      columns: [{ header: "月份", width: 12 }, ...ids.map(trendColumn)],
      rows: points.map((p, i) => [p.month, ...ids.map((id, j) => trendCell(id, trends[j]!.points[i]?.value))]),
    };
  }
  const bytes = await writeReport(viewTitle, table);
  return { fileName: `${name}-${viewTitle}-${month}.xlsx`, bytes, rows: table.rows.length };
}

/** A station's own dashboard table: its numbers unsuppressed (it is their own station). */
export async function exportStationReport(tx: Tx, stationId: string, plaqueName: string, month: string, view: StationReportView): Promise<ReportFile> {
  const report = await stationReport(tx, stationId, month, TREND_MONTHS);
  const viewTitle = REPORT_VIEW_TITLES[view].zh;
  const range = `${report.months[0]?.month ?? month} 至 ${month}`;
  let table: ReportTable;
  if (view === "months") {
    table = {
      title: `${plaqueName}${viewTitle}`,
      subtitle: range,
      columns: [{ header: "月份", width: 12 }, ...DASHBOARD_MEASURES.map((m) => ({ header: DASHBOARD_MEASURE_NAMES[m].zh, width: 12 }))],
      rows: report.months.map((m) => [m.month, ...DASHBOARD_MEASURES.map((measure) => cell(dashboardMeasure(m.values, measure)))]),
    };
  } else if (view === "categories") {
    table = {
      title: `${plaqueName}${viewTitle}`,
      subtitle: `统计月份：${month}（月末在册）`,
      columns: [
        { header: "类别", width: 28 },
        { header: "人数", width: 12 },
      ],
      rows: categoryRows(report.months.at(-1)?.values),
    };
  } else {
    const ids = TREND_VIEW_INDICATORS[view];
    table = {
      title: `${plaqueName}${viewTitle}`,
      subtitle: range,
      columns: [{ header: "月份", width: 12 }, ...ids.map(trendColumn)],
      rows: report.months.map((m) => [m.month, ...ids.map((id) => trendCell(id, indicatorValue(m.values, id)))]),
    };
  }
  const bytes = await writeReport(viewTitle, table);
  return { fileName: `${plaqueName}-${viewTitle}-${month}.xlsx`, bytes, rows: table.rows.length };
}
