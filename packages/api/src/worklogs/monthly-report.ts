import type { Tx } from "@shegong/db";
import { draftMonthlyReport, formatFen, hoursOf, monthAsOf, RESOURCE_KIND_LABELS, SERVICE_AREA_LABELS, workRecordLabel, type ResourceKind, type ServiceArea } from "@shegong/domain";
import { sql } from "kysely";
import { houseStyleSheet } from "../ledgers/house-style.ts";
import { periodRange } from "../visits/visit-ledger.ts";
import { workRecords } from "./work-records.ts";

/** A station's monthly report (issue 4 item 8), drafted from the month's records, with workers' names. */
export async function monthlyReport(tx: Tx, stationId: string, month: string, today: string) {
  const range = periodRange({ month });
  const records = await workRecords(tx, stationId, range);
  const scores = await tx.selectFrom("satisfaction_followup").select("score").where("station_id", "=", stationId).where("followed_up_on", ">=", range.from).where("followed_up_on", "<=", range.to).execute();
  const resources = await tx.selectFrom("linked_resource").select(["kind", "value_fen"]).where("station_id", "=", stationId).where("received_on", ">=", range.from).where("received_on", "<=", range.to).execute();
  const asOf = monthAsOf(month, today);
  const cases = await sql<{ opened: number; closed: number; open_at_end: number }>`
    select count(*) filter (where intake_on between ${range.from} and ${range.to})::int as opened,
      count(*) filter (where closed_on between ${range.from} and ${range.to})::int as closed,
      count(*) filter (where intake_on <= ${asOf} and (closed_on is null or closed_on > ${asOf}))::int as open_at_end
    from social_case where station_id = ${stationId}`.execute(tx);
  const c = cases.rows[0]!;
  const report = draftMonthlyReport({
    month,
    records,
    scores: scores.map((s) => s.score),
    resources: resources.map((r) => ({ kind: r.kind as ResourceKind, valueFen: Number(r.value_fen) })),
    cases: { opened: c.opened, closed: c.closed, openAtEnd: c.open_at_end },
  });
  const ids = report.byWorker.map((w) => w.userId);
  const names = ids.length ? await tx.selectFrom("app_user").select(["id", "display_name"]).where("id", "in", ids).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.display_name]));
  return { ...report, label: range.label, byWorker: report.byWorker.map((w) => ({ ...w, name: nameOf.get(w.userId) ?? "—" })) };
}


/** The monthly report as an xlsx in the house style of the ledgers: one sheet, section by section. */
export async function exportMonthlyReport(tx: Tx, stationId: string, plaqueName: string, month: string, today: string) {
  const report = await monthlyReport(tx, stationId, month, today);
  const subtitle = `统计期间：${report.label}　　服务 ${report.totals.count} 次，服务时长 ${hoursOf(report.totals.serviceMinutes)} 小时，服务对象 ${report.reach.people} 人`;
  const { sheet, finish } = houseStyleSheet("月度报告", `${plaqueName}${report.label}工作月报`, subtitle, [
    { header: "项目", width: 22 },
    { header: "服务领域", width: 12 },
    { header: "次数", width: 10 },
    { header: "时长（小时）", width: 12 },
    { header: "说明", width: 40 },
  ]);
  sheet.addRow(["一、服务次数与时长"]).font = { bold: true };
  for (const r of report.services) {
    sheet.addRow([workRecordLabel(r.kind, r.type, "zh-CN"), r.area && r.area in SERVICE_AREA_LABELS ? SERVICE_AREA_LABELS[r.area as ServiceArea].zh : "—", r.count, hoursOf(r.minutes), r.kind === "supervision" ? "督导不计入服务时长" : ""]);
  }
  sheet.addRow(["合计", "", report.totals.count, hoursOf(report.totals.minutes), `其中服务时长 ${hoursOf(report.totals.serviceMinutes)} 小时`]);
  sheet.addRow(["二、服务对象"]).font = { bold: true };
  sheet.addRow(["服务登记对象（人）", "", report.reach.people, "", "同一人多次服务计一人"]);
  sheet.addRow(["活动其他参加（人次）", "", report.reach.others, "", ""]);
  sheet.addRow(["三、个案"]).font = { bold: true };
  sheet.addRow(["新开个案", "", report.cases.opened, "", ""]);
  sheet.addRow(["结案", "", report.cases.closed, "", ""]);
  sheet.addRow(["月末在案", "", report.cases.openAtEnd, "", ""]);
  sheet.addRow(["四、满意度回访"]).font = { bold: true };
  const s = report.satisfaction;
  sheet.addRow(["回访次数", "", s.responses, "", s.meanScore === null ? "本月无回访" : `平均 ${s.meanScore} 分，满意率 ${s.satisfiedPercent}%`]);
  sheet.addRow(["五、链接资源"]).font = { bold: true };
  for (const [kind, v] of Object.entries(report.resources.byKind)) {
    sheet.addRow([RESOURCE_KIND_LABELS[kind as ResourceKind].zh, "", v.count, "", `折合 ${formatFen(v.valueFen)}`]);
  }
  sheet.addRow(["合计", "", report.resources.count, "", `折合 ${formatFen(report.resources.valueFen)}`]);
  sheet.addRow(["六、社工工作量"]).font = { bold: true };
  for (const w of report.byWorker) sheet.addRow([w.name, "", w.count, hoursOf(w.minutes), ""]);
  return { fileName: `${plaqueName}${report.label}工作月报.xlsx`, bytes: await finish() };
}
