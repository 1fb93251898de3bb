import type { PersonalDataCipher } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import {
  CASE_RISK_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  CATEGORY_KEYS,
  formatFen,
  INDICATORS,
  inReportUnit,
  LEDGER_KINDS,
  PEOPLE_LEDGER_KEY,
  periodTotals,
  quarterlyDueOn,
  quarterRange,
  reportUnitSuffix,
  STAFF_FLAG_LABELS,
  TRAINING_KIND_LABELS,
  type CaseRiskLevel,
  type CaseSource,
  type CaseStatus,
  type IndicatorId,
  type PeriodIndicator,
  type StaffFlag,
  type TrainingKind,
} from "@shegong/domain";
import type ExcelJS from "exceljs";
import { addActivityLedgerSheet } from "../activities/activity-ledger.ts";
import { addLedgerSheet } from "../ledgers/export-ledger.ts";
import { houseStyleSheet, streamingHouseWorkbook } from "../ledgers/house-style.ts";
import { computeStationFacts } from "../reporting/station-facts.ts";
import { attendanceMonthView } from "../staff/attendance.ts";
import { staffOverview } from "../staff/staff-compliance.ts";
import { listTrainings } from "../staff/training.ts";
import { addVisitLedgerSheet } from "../visits/visit-ledger.ts";
import { dimensionLabel } from "./dimension-labels.ts";

/**
 * The quarterly ledger package (季度台账, issue 5 item 6, R18): the quarter's numbers, read with the
 * same definitions the rollups use (computeStationFacts), plus what the dashboards do not count —
 * trainings and attendance — and the registers and ledgers themselves as sheets of one workbook.
 */
export interface QuarterlySummary {
  station: { plaqueName: string; divisionCode: string };
  quarter: string;
  label: string;
  from: string;
  to: string;
  /** The day the numbers were read (the quarter's end, or today while it runs). */
  asOf: string;
  dueOn: string;
  months: string[];
  indicators: PeriodIndicator[];
  staff: {
    members: number;
    stationed: number;
    required: number | null;
    flagged: number;
    trainings: number;
    trainingHours: number;
    /** Attendance over the quarter's months, summed over the workers stationed in each. */
    workingDays: number;
    unrecordedWeekdays: number;
  };
}

export async function quarterlySummary(tx: Tx, stationId: string, quarter: string, today: string): Promise<QuarterlySummary> {
  const range = quarterRange(quarter);
  const asOf = range.to < today ? range.to : today;
  const months = range.months.filter((m) => `${m}-01` <= asOf);
  const station = await tx.selectFrom("station").select(["plaque_name", "division_code"]).where("id", "=", stationId).executeTakeFirstOrThrow();
  const facts = await computeStationFacts(tx, stationId, months, today);
  const [overview, trainings, attendance] = await Promise.all([
    staffOverview(tx, stationId, asOf),
    listTrainings(tx, stationId, Number(quarter.slice(0, 4))),
    Promise.all(months.map((m) => attendanceMonthView(tx, stationId, m, asOf))),
  ]);
  const inQuarter = trainings.trainings.filter((t) => t.startedOn >= range.from && t.startedOn <= range.to);
  const workers = attendance.flatMap((m) => m.workers);
  return {
    station: { plaqueName: station.plaque_name, divisionCode: station.division_code },
    quarter,
    label: range.label,
    from: range.from,
    to: range.to,
    asOf,
    dueOn: quarterlyDueOn(quarter),
    months,
    indicators: periodTotals(facts, months),
    staff: {
      members: overview.staff.length,
      stationed: overview.staff.filter((s) => s.stationed).length,
      required: overview.agreement?.staffingRequired ?? null,
      flagged: overview.staff.filter((s) => s.stationed && s.flags.length > 0).length,
      trainings: inQuarter.length,
      trainingHours: inQuarter.reduce((sum, t) => sum + t.hours * t.trainees.length, 0),
      workingDays: workers.reduce((sum, w) => sum + w.workingDays, 0),
      unrecordedWeekdays: workers.reduce((sum, w) => sum + w.unrecordedWeekdays, 0),
    },
  };
}

/** The summary's headline counts, for lists and the preview (the workbook carries the rest). */
export function quarterlyHeadline(summary: QuarterlySummary) {
  const total = (id: IndicatorId) => summary.indicators.find((i) => i.indicator === id)?.total ?? 0;
  return {
    peopleRegistered: total("people.registered"),
    visitsDone: total("visits.done"),
    visitsOverdue: total("visits.overdue"),
    casesOpened: total("cases.opened"),
    casesClosed: total("cases.closed"),
    activitiesHeld: total("activities.held"),
    activityAttendance: total("activities.attendance"),
    staffStationed: summary.staff.stationed,
    trainings: summary.staff.trainings,
    allocatedFen: total("funds.allocated_fen"),
    disbursedFen: total("funds.disbursed_fen"),
    spentFen: total("funds.spent_fen"),
  };
}

const monthHeader = (m: string) => `${Number(m.slice(5, 7))}月`;

function addSummarySheet(workbook: ExcelJS.Workbook, summary: QuarterlySummary) {
  const columns = [{ header: "指标", width: 30 }, ...summary.months.map((m) => ({ header: monthHeader(m), width: 12 })), { header: "本季度", width: 14 }, { header: "说明", width: 50 }];
  const subtitle = `统计期间：${summary.label}（${summary.from} 至 ${summary.to}，数据截至 ${summary.asOf}）　　报送期限：${summary.dueOn}　　存量指标取季末数，流量指标为三个月合计`;
  const { sheet, seal } = houseStyleSheet("季度汇总", `${summary.station.plaqueName}${summary.label}工作台账汇总`, subtitle, columns, workbook);
  const unit = (id: IndicatorId, v: number) => inReportUnit(id, v);
  for (const row of summary.indicators) {
    const def = INDICATORS[row.indicator];
    const added = sheet.addRow([def.name.zh + reportUnitSuffix(row.indicator).zh, ...row.byMonth.map((v) => unit(row.indicator, v)), unit(row.indicator, row.total), def.definition.zh]);
    added.getCell(1).font = { bold: true };
    added.getCell(columns.length).alignment = { wrapText: true, vertical: "top" };
    for (const d of row.dimensions) {
      sheet.addRow([`　${dimensionLabel(def.dimension, d.dimension)}`, ...d.byMonth.map((v) => unit(row.indicator, v)), unit(row.indicator, d.total), ""]);
    }
  }
  const s = summary.staff;
  const pad = summary.months.map(() => "");
  sheet.addRow(["驻站人员（季末在岗）", ...pad, s.stationed, s.required === null ? "" : `协议要求 ${s.required} 人`]);
  sheet.addRow(["存在资质问题的在岗人员", ...pad, s.flagged, ""]);
  sheet.addRow(["培训（场次）", ...pad, s.trainings, `参训合计 ${s.trainingHours} 人·学时`]);
  sheet.addRow(["考勤出勤（人·天）", ...pad, s.workingDays, `未记录的工作日 ${s.unrecordedWeekdays} 人·天`]);
  seal();
}

async function addCasesSheet(workbook: ExcelJS.Workbook, tx: Tx, stationId: string, plaqueName: string, summary: QuarterlySummary) {
  const cases = await tx
    .selectFrom("social_case as c")
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "c.station_id").onRef("p.id", "=", "c.person_id"))
    .leftJoin("app_user as u", "u.id", "c.assigned_worker_id")
    .select(["c.case_no", "p.name", "c.source", "c.intake_on", "c.risk_level", "c.status", "c.closed_on", "u.display_name as worker"])
    .where("c.station_id", "=", stationId)
    .where((eb) => eb.or([eb.and([eb("c.intake_on", ">=", summary.from), eb("c.intake_on", "<=", summary.to)]), eb.and([eb("c.closed_on", ">=", summary.from), eb("c.closed_on", "<=", summary.to)])]))
    .orderBy("c.intake_on")
    .orderBy("c.case_no")
    .execute();
  const opened = cases.filter((c) => c.intake_on >= summary.from).length;
  const closed = cases.filter((c) => c.closed_on !== null && c.closed_on <= summary.to && c.closed_on >= summary.from).length;
  const subtitle = `统计期间：${summary.label}　　本季度接案 ${opened} 个，结案 ${closed} 个`;
  const columns = [
    { header: "序号", width: 6 },
    { header: "个案编号", width: 16 },
    { header: "服务对象", width: 12 },
    { header: "来源", width: 12 },
    { header: "接案日期", width: 12 },
    { header: "风险等级", width: 10 },
    { header: "状态", width: 12 },
    { header: "结案日期", width: 12 },
    { header: "负责社工", width: 12 },
  ];
  const { sheet, seal } = houseStyleSheet("个案台账", `${plaqueName}个案台账`, subtitle, columns, workbook);
  cases.forEach((c, i) =>
    sheet.addRow([
      i + 1,
      c.case_no,
      c.name,
      CASE_SOURCE_LABELS[c.source as CaseSource]?.zh ?? c.source,
      c.intake_on,
      CASE_RISK_LABELS[c.risk_level as CaseRiskLevel]?.zh ?? c.risk_level,
      CASE_STATUS_LABELS[c.status as CaseStatus]?.zh ?? c.status,
      c.closed_on ?? "",
      c.worker ?? "",
    ]),
  );
  seal();
}

async function addStaffSheet(workbook: ExcelJS.Workbook, tx: Tx, stationId: string, plaqueName: string, summary: QuarterlySummary) {
  const [overview, trainings] = await Promise.all([staffOverview(tx, stationId, summary.asOf), listTrainings(tx, stationId, Number(summary.quarter.slice(0, 4)))]);
  const columns = [
    { header: "序号", width: 6 },
    { header: "姓名 / 培训", width: 18 },
    { header: "岗位 / 类型", width: 14 },
    { header: "学历 / 日期", width: 14 },
    { header: "专业 / 学时", width: 14 },
    { header: "资格等级 / 参训人数", width: 14 },
    { header: "证书有效期", width: 12 },
    { header: "驻站日期", width: 12 },
    { header: "提示", width: 36 },
  ];
  const s = summary.staff;
  const subtitle = `截至 ${summary.asOf}：在岗 ${s.stationed} 人${s.required === null ? "" : `（协议要求 ${s.required} 人）`}　　本季度培训 ${s.trainings} 场`;
  const { sheet, seal } = houseStyleSheet("人员与培训", `${plaqueName}驻站人员与培训台账`, subtitle, columns, workbook);
  sheet.addRow(["一、驻站人员"]).font = { bold: true };
  overview.staff.forEach((m, i) =>
    sheet.addRow([
      i + 1,
      m.displayName,
      m.position ?? "",
      m.education ?? "",
      m.major ?? "",
      m.qualificationLevel ?? "",
      m.certificateExpiresOn ?? "",
      m.stationedOn ?? "",
      [m.stationed ? "" : "未在岗", ...m.flags.map((f) => STAFF_FLAG_LABELS[f as StaffFlag].zh)].filter(Boolean).join("；"),
    ]),
  );
  sheet.addRow(["二、本季度培训"]).font = { bold: true };
  trainings.trainings
    .filter((t) => t.startedOn >= summary.from && t.startedOn <= summary.to)
    .reverse()
    .forEach((t, i) => sheet.addRow([i + 1, t.title, TRAINING_KIND_LABELS[t.kind as TrainingKind].zh, t.startedOn, t.hours, t.trainees.length, "", "", t.provider ?? ""]));
  seal();
}

async function addFundsSheet(workbook: ExcelJS.Workbook, tx: Tx, stationId: string, plaqueName: string, summary: QuarterlySummary) {
  const [allocations, disbursements, spending] = await Promise.all([
    tx.selectFrom("fund_allocation").select(["allocated_on as on", "source as what", "amount_fen", "document_no as ref", "note"]).where("station_id", "=", stationId).where("allocated_on", ">=", summary.from).where("allocated_on", "<=", summary.to).orderBy("allocated_on").execute(),
    tx.selectFrom("fund_disbursement").select(["paid_on as on", "voucher_no as ref", "amount_fen", "note", "override_reason"]).where("station_id", "=", stationId).where("paid_on", ">=", summary.from).where("paid_on", "<=", summary.to).orderBy("paid_on").execute(),
    tx.selectFrom("fund_spending").select(["spent_on as on", "category as what", "amount_fen", "voucher_no as ref", "description as note"]).where("station_id", "=", stationId).where("spent_on", ">=", summary.from).where("spent_on", "<=", summary.to).orderBy("spent_on").execute(),
  ]);
  const total = (id: IndicatorId) => summary.indicators.find((i) => i.indicator === id)?.total ?? 0;
  const subtitle = `统计期间：${summary.label}　　下达 ${formatFen(total("funds.allocated_fen"))}，拨付 ${formatFen(total("funds.disbursed_fen"))}，支出 ${formatFen(total("funds.spent_fen"))}`;
  const columns = [
    { header: "类别", width: 10 },
    { header: "日期", width: 12 },
    { header: "来源 / 支出类别", width: 22 },
    { header: "金额（元）", width: 14 },
    { header: "文号 / 凭证号", width: 18 },
    { header: "说明", width: 40 },
  ];
  const { sheet, seal } = houseStyleSheet("资金", `${plaqueName}购买服务资金台账`, subtitle, columns, workbook);
  const yuan = (fen: number | string | bigint) => Number(fen) / 100;
  for (const a of allocations) sheet.addRow(["下达", a.on, dimensionLabel("funding_source", a.what), yuan(a.amount_fen), a.ref ?? "", a.note ?? ""]);
  for (const d of disbursements) sheet.addRow(["拨付", d.on, "", yuan(d.amount_fen), d.ref, [d.note, d.override_reason ? `超额拨付：${d.override_reason}` : null].filter(Boolean).join("；")]);
  for (const s of spending) sheet.addRow(["支出", s.on, dimensionLabel("spending_category", s.what), yuan(s.amount_fen), s.ref ?? "", s.note]);
  seal();
}

/**
 * The package's workbook: the summary first, then the registers as of quarter end (the whole
 * register and one sheet per category that has anyone on it), the visit, case and activity
 * ledgers of the quarter, staff and training, funds. IDs are masked: the package leaves the station.
 */
export async function quarterlyWorkbook(tx: Tx, cipher: PersonalDataCipher, stationId: string, summary: QuarterlySummary): Promise<{ fileName: string; bytes: Uint8Array }> {
  const { workbook, bytes } = streamingHouseWorkbook();
  const plaqueName = summary.station.plaqueName;
  addSummarySheet(workbook, summary);
  const registered = summary.indicators.find((i) => i.indicator === "people.category")?.dimensions ?? [];
  const held = new Set(registered.filter((d) => d.total > 0).map((d) => d.dimension));
  await addLedgerSheet(workbook, tx, { stationId, kind: LEDGER_KINDS[PEOPLE_LEDGER_KEY], asOf: summary.asOf, fullIds: false }, cipher, plaqueName);
  for (const key of CATEGORY_KEYS.filter((k) => held.has(k))) {
    await addLedgerSheet(workbook, tx, { stationId, kind: LEDGER_KINDS[key], asOf: summary.asOf, fullIds: false }, cipher, plaqueName, LEDGER_KINDS[key].title.slice(0, 31));
  }
  await addVisitLedgerSheet(workbook, tx, stationId, plaqueName, { quarter: summary.quarter });
  await addCasesSheet(workbook, tx, stationId, plaqueName, summary);
  await addActivityLedgerSheet(workbook, tx, stationId, plaqueName, { quarter: summary.quarter });
  await addStaffSheet(workbook, tx, stationId, plaqueName, summary);
  await addFundsSheet(workbook, tx, stationId, plaqueName, summary);
  return { fileName: `${plaqueName}-${summary.label}工作台账.xlsx`, bytes: await bytes() };
}
