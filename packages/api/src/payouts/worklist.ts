import { recordAudit, type Tx } from "@shegong/db";
import { fenFromDb, PAYOUT_OUTCOME_KEYS, PAYOUT_RULE_KEYS, type PayoutRuleKey } from "@shegong/domain";
import { sql } from "kysely";
import { z } from "zod";
import { appError } from "../errors.ts";
import { assertStationMembers } from "../shared/service-actor.ts";
import type { PayoutActor } from "./verify-roster.ts";

export const ZSettleDiscrepancySchema = z.object({
  discrepancyId: z.uuid(),
  /** Assign without settling: outcome omitted. */
  assignedUserId: z.uuid().nullable().optional(),
  evidenceVisitId: z.uuid().nullable().optional(),
  outcome: z.enum(PAYOUT_OUTCOME_KEYS).optional(),
  note: z.string().trim().max(2000).default(""),
});
export type TSettleDiscrepancy = z.output<typeof ZSettleDiscrepancySchema>;

export async function listRosters(tx: Tx, stationId: string) {
  const rows = await tx
    .selectFrom("payout_roster as o")
    .leftJoin("payout_report as rep", (j) => j.onRef("rep.station_id", "=", "o.station_id").onRef("rep.roster_id", "=", "o.id"))
    .select(["o.id", "o.kind", "o.month", "o.file_name", "o.file_sha256", "o.rows_total", "o.total_fen", "o.discrepancy_count", "o.counts", "o.created_at"])
    .select(["rep.signed_at", "rep.sent_at", "rep.sent_to"])
    .where("o.station_id", "=", stationId)
    .orderBy("o.month", "desc")
    .orderBy("o.created_at", "desc")
    .execute();
  return rows.map((r) => ({ ...r, total_fen: fenFromDb(r.total_fen) }));
}

export const ZDiscrepancyFilterSchema = z.object({
  rosterId: z.uuid().optional(),
  status: z.enum(["open", "settled"]).optional(),
  rule: z.enum(PAYOUT_RULE_KEYS).optional(),
});

export async function listDiscrepancies(tx: Tx, stationId: string, filter: { rosterId?: string; status?: "open" | "settled"; rule?: PayoutRuleKey }) {
  // The name and masked ID as the roster gave them, or from the registry for someone missing from it.
  let q = tx
    .selectFrom("payout_discrepancy as d")
    .leftJoin("payout_roster_row as r", (j) => j.onRef("r.station_id", "=", "d.station_id").onRef("r.roster_id", "=", "d.roster_id").onRef("r.row_number", "=", "d.row_number"))
    .leftJoin("person as p", (j) => j.onRef("p.station_id", "=", "d.station_id").onRef("p.id", "=", "d.person_id"))
    .leftJoin("visit as v", (j) => j.onRef("v.station_id", "=", "d.station_id").onRef("v.id", "=", "d.evidence_visit_id"))
    .leftJoin("app_user as a", "a.id", "d.assigned_user_id")
    .leftJoin("app_user as u", "u.id", "d.settled_by")
    .select([
      "d.id",
      "d.roster_id",
      "d.row_number",
      "d.person_id",
      "d.rule",
      "d.message_zh",
      "d.message_en",
      "d.expected_fen",
      "d.paid_fen",
      "d.status",
      "d.assigned_user_id",
      "d.evidence_visit_id",
      "d.outcome",
      "d.note",
      "d.settled_by",
      "d.settled_at",
      "a.display_name as assigned_name",
      "u.display_name as settled_by_name",
      sql<string | null>`v.visited_on::text`.as("evidence_visited_on"),
      sql<string | null>`coalesce(r.name, p.name)`.as("name"),
      sql<string | null>`coalesce(r.id_masked, p.id_masked)`.as("id_masked"),
    ])
    .where("d.station_id", "=", stationId);
  if (filter.rosterId) q = q.where("d.roster_id", "=", filter.rosterId);
  if (filter.status) q = q.where("d.status", "=", filter.status);
  if (filter.rule) q = q.where("d.rule", "=", filter.rule);
  const rows = await q.orderBy("d.created_at").orderBy("d.row_number").execute();
  return rows.map((r) => ({ ...r, expected_fen: r.expected_fen === null ? null : fenFromDb(r.expected_fen), paid_fen: r.paid_fen === null ? null : fenFromDb(r.paid_fen) }));
}

/**
 * Works a discrepancy (issue 6 item 3): assign it, link a visit as evidence, and settle it with an
 * outcome and note; settling records who and when, and a settled one is not reopened here.
 */
export async function settleDiscrepancy(tx: Tx, actor: PayoutActor, input: TSettleDiscrepancy) {
  const row = await tx
    .selectFrom("payout_discrepancy")
    .select(["id", "status", "person_id"])
    .where("station_id", "=", actor.stationId)
    .where("id", "=", input.discrepancyId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  if (row.status === "settled") throw appError("VALIDATION", { fieldErrors: { discrepancyId: ["已办结 / already settled"] } });
  if (input.assignedUserId) await assertStationMembers(tx, actor.stationId, [input.assignedUserId], "assignedUserId");
  if (input.evidenceVisitId) {
    const visit = await tx.selectFrom("visit").select(["id", "person_id"]).where("station_id", "=", actor.stationId).where("id", "=", input.evidenceVisitId).executeTakeFirst();
    if (!visit) throw appError("NOT_FOUND");
  }
  const settling = input.outcome !== undefined;
  if (settling && input.note === "") throw appError("VALIDATION", { fieldErrors: { note: ["办结须填写说明 / Settling needs a note"] } });
  const updated = await tx
    .updateTable("payout_discrepancy")
    .set({
      ...(input.assignedUserId !== undefined ? { assigned_user_id: input.assignedUserId } : {}),
      ...(input.evidenceVisitId !== undefined ? { evidence_visit_id: input.evidenceVisitId } : {}),
      ...(input.note !== "" ? { note: input.note } : {}),
      ...(settling ? { outcome: input.outcome, status: "settled", settled_by: actor.userId, settled_at: new Date() } : {}),
    })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", input.discrepancyId)
    .returning(["id", "status", "assigned_user_id", "evidence_visit_id", "outcome", "note", "settled_by", "settled_at"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    stationId: actor.stationId,
    actorUserId: actor.userId,
    actorName: actor.username,
    ip: actor.ip,
    action: settling ? "payouts.settle" : "payouts.assign",
    target: input.discrepancyId,
    outcome: "success",
    detail: { outcome: input.outcome ?? null, evidenceVisitId: input.evidenceVisitId ?? null, assignedUserId: input.assignedUserId ?? null },
  });
  return updated;
}
