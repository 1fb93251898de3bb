import { createHash } from "node:crypto";
import type { Tx } from "@shegong/db";
import {
  canonicalJson,
  fenFromDb,
  formatFen,
  PAYOUT_KINDS,
  PAYOUT_OUTCOME_KEYS,
  PAYOUT_OUTCOMES,
  PAYOUT_REPORT_RECIPIENT_LABELS,
  PAYOUT_RULES,
  payoutRecipientCode,
  tallyPayoutFindings,
  type PayoutKindKey,
  type PayoutOutcomeKey,
  type PayoutReportContent,
  type PayoutReportItem,
  type PayoutReportRecipient,
  type PayoutRuleKey,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { houseStyleSheet } from "../ledgers/house-style.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";
import { listDiscrepancies } from "./worklist.ts";

const toIso = (d: Date | string | null): string | null => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function reportFingerprint(content: PayoutReportContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** The report as the worklist stands now: what a signature would freeze. */
export async function draftReportContent(tx: Tx, stationId: string, rosterId: string): Promise<PayoutReportContent> {
  const roster = await tx
    .selectFrom("payout_roster as o")
    .innerJoin("station as s", "s.id", "o.station_id")
    .select(["o.id", "o.kind", "o.month", "o.file_name", "o.file_sha256", "o.rows_total", "o.total_fen", "o.created_at", "s.plaque_name", "s.division_code"])
    .where("o.station_id", "=", stationId)
    .where("o.id", "=", rosterId)
    .executeTakeFirst();
  if (!roster) throw appError("NOT_FOUND");
  const items: PayoutReportItem[] = (await listDiscrepancies(tx, stationId, { rosterId })).map((d) => ({
    rule: d.rule as PayoutRuleKey,
    rowNumber: d.row_number,
    name: d.name ?? "",
    idMasked: d.id_masked,
    messageZh: d.message_zh,
    messageEn: d.message_en,
    status: d.status as "open" | "settled",
    outcome: d.outcome as PayoutOutcomeKey | null,
    note: d.note,
    assignedTo: d.assigned_name,
    evidenceVisitOn: d.evidence_visited_on,
    settledBy: d.settled_by_name,
    settledAt: toIso(d.settled_at),
  }));
  return {
    station: { plaqueName: roster.plaque_name, divisionCode: roster.division_code },
    roster: {
      id: roster.id,
      kind: roster.kind as PayoutKindKey,
      month: roster.month,
      fileName: roster.file_name,
      fileSha256: roster.file_sha256,
      rowsTotal: roster.rows_total,
      totalFen: fenFromDb(roster.total_fen),
      verifiedAt: toIso(roster.created_at) ?? "",
    },
    ...tallyPayoutFindings(items),
    items,
  };
}

export interface PayoutReportView {
  content: PayoutReportContent;
  /** Null while a draft: the worklist as it stands. */
  signature: {
    sha256: string;
    /** The stored content still hashes to the stored fingerprint. */
    intact: boolean;
    signedByName: string;
    signedAt: string;
    sentTo: PayoutReportRecipient | null;
    sentToCode: string | null;
    sentAt: string | null;
  } | null;
}

/** The signed report (frozen) when there is one, else the draft from the live worklist. */
export async function payoutReport(tx: Tx, stationId: string, rosterId: string): Promise<PayoutReportView> {
  const signed = await tx.selectFrom("payout_report").selectAll().where("station_id", "=", stationId).where("roster_id", "=", rosterId).executeTakeFirst();
  if (!signed) return { content: await draftReportContent(tx, stationId, rosterId), signature: null };
  const content = signed.content as PayoutReportContent;
  return {
    content,
    signature: {
      sha256: signed.sha256,
      intact: reportFingerprint(content) === signed.sha256,
      signedByName: signed.signed_by_name,
      signedAt: toIso(signed.signed_at) ?? "",
      sentTo: signed.sent_to as PayoutReportRecipient | null,
      sentToCode: signed.sent_to_code,
      sentAt: toIso(signed.sent_at),
    },
  };
}

/** Signs off the report: the content is frozen as it stands and fingerprinted; audited. */
export async function signPayoutReport(tx: Tx, actor: ServiceActor, rosterId: string) {
  const existing = await tx.selectFrom("payout_report").select("roster_id").where("station_id", "=", actor.stationId).where("roster_id", "=", rosterId).executeTakeFirst();
  if (existing) throw appError("PAYOUT_REPORT_SIGNED");
  // Lock the roster's findings so nobody settles one between reading and freezing them.
  await tx.selectFrom("payout_discrepancy").select("id").where("station_id", "=", actor.stationId).where("roster_id", "=", rosterId).forUpdate().execute();
  const content = await draftReportContent(tx, actor.stationId, rosterId);
  const sha256 = reportFingerprint(content);
  const signer = await tx.selectFrom("app_user").select("display_name").where("id", "=", actor.userId).executeTakeFirstOrThrow();
  const inserted = await tx
    .insertInto("payout_report")
    .values({ station_id: actor.stationId, roster_id: rosterId, content: JSON.stringify(content), sha256, signed_by: actor.userId, signed_by_name: signer.display_name })
    .onConflict((oc) => oc.columns(["station_id", "roster_id"]).doNothing())
    .returning("signed_at")
    .executeTakeFirst();
  if (!inserted) throw appError("PAYOUT_REPORT_SIGNED");
  await auditAs(tx, actor, "payouts.report.sign", rosterId, { sha256, open: content.totals.open, settled: content.totals.settled });
  return { rosterId, sha256, signedAt: toIso(inserted.signed_at) };
}

/** Sends a signed report to the township or the county bureau, once; the bureau sees the status. */
export async function sendPayoutReport(tx: Tx, actor: ServiceActor, rosterId: string, to: PayoutReportRecipient) {
  const report = await tx
    .selectFrom("payout_report")
    .select(["sent_at"])
    .where("station_id", "=", actor.stationId)
    .where("roster_id", "=", rosterId)
    .forUpdate()
    .executeTakeFirst();
  if (!report) {
    const roster = await tx.selectFrom("payout_roster").select("id").where("station_id", "=", actor.stationId).where("id", "=", rosterId).executeTakeFirst();
    throw appError(roster ? "PAYOUT_REPORT_NOT_SIGNED" : "NOT_FOUND");
  }
  if (report.sent_at !== null) throw appError("PAYOUT_REPORT_SIGNED");
  const station = await tx.selectFrom("station").select("division_code").where("id", "=", actor.stationId).executeTakeFirstOrThrow();
  const code = payoutRecipientCode(station.division_code, to);
  const sent = await tx
    .updateTable("payout_report")
    .set({ sent_to: to, sent_to_code: code, sent_by: actor.userId, sent_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("roster_id", "=", rosterId)
    .returning(["sent_at"])
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "payouts.report.send", rosterId, { to, divisionCode: code });
  return { rosterId, sentTo: to, sentToCode: code, sentAt: toIso(sent.sent_at) };
}

const COLUMNS = [
  { header: "序号", width: 6 },
  { header: "核对规则", width: 20 },
  { header: "行号", width: 6 },
  { header: "姓名", width: 12 },
  { header: "身份证号", width: 20 },
  { header: "说明", width: 44 },
  { header: "状态", width: 8 },
  { header: "处理结果", width: 12 },
  { header: "处理说明", width: 30 },
  { header: "经办人", width: 12 },
  { header: "办结人", width: 12 },
  { header: "办结时间", width: 18 },
];

const beijing = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ") : "");

/** The report as an xlsx in the ledgers' house style: counts per rule, then settled and open items. */
export async function exportPayoutReport(tx: Tx, stationId: string, rosterId: string) {
  const { content, signature } = await payoutReport(tx, stationId, rosterId);
  const kind = PAYOUT_KINDS[content.roster.kind];
  const title = `${content.station.plaqueName}${content.roster.month}${kind.zh}发放核对报告`;
  const status = signature
    ? `已签发：${signature.signedByName} ${beijing(signature.signedAt)}${signature.sentTo ? `，已报送${PAYOUT_REPORT_RECIPIENT_LABELS[signature.sentTo].zh} ${beijing(signature.sentAt)}` : "，未报送"}`
    : "草稿（未签发）";
  const subtitle = `发放名单：${content.roster.fileName}　${content.roster.rowsTotal} 人次，合计 ${formatFen(content.roster.totalFen)}　　发现 ${content.totals.discrepancies} 条，已办结 ${content.totals.settled} 条，未办结 ${content.totals.open} 条　　${status}`;
  const { sheet, finish } = houseStyleSheet("核对报告", title, subtitle, COLUMNS);
  sheet.addRow(["一、按规则统计"]).font = { bold: true };
  content.byRule.forEach((r, i) => sheet.addRow([i + 1, PAYOUT_RULES[r.rule].zh, "", "", "", `发现 ${r.total} 条`, `未办结 ${r.open}`, `已办结 ${r.settled}`]));
  sheet.addRow(["", "办结结果", "", "", "", PAYOUT_OUTCOME_KEYS.map((o) => `${PAYOUT_OUTCOMES[o].zh} ${content.byOutcome[o]}`).join("，")]);
  const itemRow = (item: PayoutReportItem, i: number) => {
    const row = sheet.addRow([
      i + 1,
      PAYOUT_RULES[item.rule].zh,
      item.rowNumber ?? "—",
      item.name,
      item.idMasked ?? "",
      item.messageZh + (item.evidenceVisitOn ? `（走访佐证：${item.evidenceVisitOn}）` : ""),
      item.status === "settled" ? "已办结" : "未办结",
      item.outcome ? PAYOUT_OUTCOMES[item.outcome].zh : "",
      item.note,
      item.assignedTo ?? "",
      item.settledBy ?? "",
      beijing(item.settledAt),
    ]);
    row.getCell(6).alignment = { wrapText: true, vertical: "top" };
    row.getCell(9).alignment = { wrapText: true, vertical: "top" };
  };
  sheet.addRow(["二、已办结事项"]).font = { bold: true };
  content.items.filter((i) => i.status === "settled").forEach(itemRow);
  sheet.addRow(["三、未办结事项"]).font = { bold: true };
  content.items.filter((i) => i.status === "open").forEach(itemRow);
  if (signature) sheet.addRow(["", "报告指纹", "", "", "", `SHA-256 ${signature.sha256}`]);
  const bytes = await finish();
  return { fileName: `${title}.xlsx`, bytes, rows: content.items.length, signed: signature !== null };
}
