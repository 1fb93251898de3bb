import type { Tx } from "@shegong/db";
import { ACTIVITY_KIND_LABELS, labelOf, PUBLICITY_TOPIC_LABELS, SERVICE_AREA_LABELS, type ActivityKind, type PublicityTopic, type ServiceArea } from "@shegong/domain";
import type ExcelJS from "exceljs";
import { houseStyleSheet, houseWorkbook, workbookBytes } from "../ledgers/house-style.ts";
import { periodRange, type LedgerPeriod } from "../visits/visit-ledger.ts";
import { activitiesInRange } from "./list-activities.ts";

const COLUMNS = [
  { header: "序号", width: 6 },
  { header: "活动日期", width: 12 },
  { header: "活动主题", width: 24 },
  { header: "活动类型", width: 10 },
  { header: "宣传主题", width: 14 },
  { header: "服务领域", width: 10 },
  { header: "活动地点", width: 18 },
  { header: "负责社工", width: 16 },
  { header: "时长（分钟）", width: 10 },
  { header: "登记服务对象（人）", width: 10 },
  { header: "其他参加（人）", width: 10 },
  { header: "合计（人）", width: 8 },
  { header: "志愿者（人）", width: 8 },
  { header: "志愿服务（分钟）", width: 10 },
  { header: "活动总结", width: 40 },
];

/**
 * 活动台账 of a month or quarter, oldest first, in the house style of every ledger. Attendees are
 * counted, not named: the ledger goes to bureaus and evaluators, who count people.
 */
export async function exportActivityLedger(tx: Tx, stationId: string, plaqueName: string, period: LedgerPeriod) {
  const workbook = houseWorkbook();
  const { rows, range } = await addActivityLedgerSheet(workbook, tx, stationId, plaqueName, period);
  return { fileName: `${plaqueName}-活动台账-${range.label}.xlsx`, bytes: await workbookBytes(workbook), rows, range };
}

/** The activity ledger as one sheet of a workbook (alone, or in the quarterly package). */
export async function addActivityLedgerSheet(workbook: ExcelJS.Workbook, tx: Tx, stationId: string, plaqueName: string, period: LedgerPeriod) {
  const range = periodRange(period);
  const activities = (await activitiesInRange(tx, stationId, range.from, range.to)).reverse();
  const people = activities.reduce((n, a) => n + a.attendance.total, 0);
  const subtitle = `统计期间：${range.label}（${range.from} 至 ${range.to}）　　活动 ${activities.length} 场，参加 ${people} 人次`;
  const { sheet, seal } = houseStyleSheet("活动台账", `${plaqueName}活动台账`, subtitle, COLUMNS, workbook);
  activities.forEach((a, i) => {
    const row = sheet.addRow([
      i + 1,
      a.heldOn,
      a.topic,
      labelOf(ACTIVITY_KIND_LABELS, a.kind as ActivityKind, "zh-CN"),
      a.publicityTopic ? labelOf(PUBLICITY_TOPIC_LABELS, a.publicityTopic as PublicityTopic, "zh-CN") : "",
      labelOf(SERVICE_AREA_LABELS, a.area as ServiceArea, "zh-CN"),
      a.place,
      a.workers ?? "",
      a.durationMinutes,
      a.attendance.registered,
      a.attendance.others,
      a.attendance.total,
      a.volunteers,
      a.volunteerMinutes,
      a.summary ?? "",
    ]);
    row.getCell(15).alignment = { wrapText: true, vertical: "top" };
  });
  seal();
  return { rows: activities.length, range };
}
