import type { Tx } from "@shegong/db";
import { daysUntilDue, isRectificationOverdue, nextRectificationStatus, type RectificationAction, type RectificationStatus, type TRectification } from "@shegong/domain";
import { appError } from "../errors.ts";
import { assertStationMembers, auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Rectification (整改, issue 5 item 8, R15): a finding from an evaluation or inspection becomes an
 * item a station member answers by a due day with evidence (attachments of kind 'rectification');
 * the bureau closes it or sends it back. Overdue items show on the bureau's board.
 */

export async function createRectification(tx: Tx, actor: ServiceActor, item: TRectification) {
  await assertStationMembers(tx, actor.stationId, [item.ownerUserId], "ownerUserId");
  if (item.evaluationId) {
    const evaluation = await tx.selectFrom("evaluation").select("id").where("station_id", "=", actor.stationId).where("id", "=", item.evaluationId).executeTakeFirst();
    if (!evaluation) throw appError("NOT_FOUND", { field: "evaluationId" });
  }
  const row = await tx
    .insertInto("rectification_item")
    .values({
      station_id: actor.stationId,
      evaluation_id: item.evaluationId ?? null,
      indicator_code: item.indicatorCode ?? null,
      finding: item.finding,
      requirement: item.requirement,
      owner_user_id: item.ownerUserId,
      due_on: item.dueOn,
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "rectification.create", row.id, { ownerUserId: item.ownerUserId, dueOn: item.dueOn, evaluationId: item.evaluationId ?? null });
  return { itemId: row.id };
}

function itemsBase(tx: Tx) {
  return tx
    .selectFrom("rectification_item as r")
    .innerJoin("app_user as o", "o.id", "r.owner_user_id")
    .select([
      "r.station_id",
      "r.id",
      "r.evaluation_id",
      "r.indicator_code",
      "r.finding",
      "r.requirement",
      "r.owner_user_id",
      "o.display_name as owner_name",
      "r.due_on",
      "r.status",
      "r.response",
      "r.bureau_comment",
      "r.created_at",
      "r.evidence_submitted_at",
      "r.closed_at",
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemsBase>["execute"]>>[number];

function itemDto(r: ItemRow, today: string) {
  const status = r.status as RectificationStatus;
  return {
    stationId: r.station_id,
    id: r.id,
    evaluationId: r.evaluation_id,
    indicatorCode: r.indicator_code,
    finding: r.finding,
    requirement: r.requirement,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    status,
    response: r.response,
    bureauComment: r.bureau_comment,
    createdAt: r.created_at,
    evidenceSubmittedAt: r.evidence_submitted_at,
    closedAt: r.closed_at,
    overdue: isRectificationOverdue({ status, dueOn: r.due_on }, today),
    daysLeft: daysUntilDue(r.due_on, today),
  };
}

export async function listRectification(tx: Tx, stationId: string, today: string) {
  const rows = await itemsBase(tx).where("r.station_id", "=", stationId).orderBy("r.due_on").orderBy("r.created_at").execute();
  return rows.map((r) => itemDto(r, today));
}

/** The bureau's board: items of the stations under its division, open ones first, with station names. */
export async function divisionRectification(tx: Tx, divisionCode: string, today: string, onlyOverdue: boolean) {
  let query = itemsBase(tx)
    .innerJoin("station as s", "s.id", "r.station_id")
    .select("s.plaque_name as station_name")
    .where("s.division_code", "like", `${divisionCode}%`);
  if (onlyOverdue) query = query.where("r.status", "!=", "closed").where("r.due_on", "<", today);
  const rows = await query.orderBy("r.due_on").limit(1000).execute();
  return rows.map((r) => ({ ...itemDto(r, today), stationName: r.station_name }));
}

/** Who may own an item: the station's members (with a login). */
export async function rectificationOwners(tx: Tx, stationId: string) {
  return tx
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .select(["u.id as userId", "u.display_name as displayName", "g.role"])
    .where("g.station_id", "=", stationId)
    .where("g.role", "in", ["station_admin", "social_worker", "supervisor"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.display_name")
    .execute();
}

async function move(tx: Tx, actor: ServiceActor, itemId: string, action: RectificationAction, set: Record<string, unknown>, detail: Record<string, unknown>) {
  const row = await tx.selectFrom("rectification_item").select("status").where("station_id", "=", actor.stationId).where("id", "=", itemId).forUpdate().executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  const next = nextRectificationStatus(row.status as RectificationStatus, action);
  if (!next) throw appError("RECTIFICATION_STATUS", { status: row.status, action });
  await tx.updateTable("rectification_item").set({ ...set, status: next }).where("station_id", "=", actor.stationId).where("id", "=", itemId).execute();
  await auditAs(tx, actor, `rectification.${action}`, itemId, { from: row.status, to: next, ...detail });
  return { status: next };
}

/** The station answers: what was done, with the files already attached to the item. */
export async function submitEvidence(tx: Tx, actor: ServiceActor, itemId: string, response: string) {
  const attached = await tx
    .selectFrom("attachment")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("station_id", "=", actor.stationId)
    .where("owner_kind", "=", "rectification")
    .where("owner_id", "=", itemId)
    .executeTakeFirstOrThrow();
  if (response.trim() === "" && Number(attached.n) === 0) {
    throw appError("VALIDATION", { fieldErrors: { response: ["请说明整改情况或上传整改材料 / Describe what was done or attach evidence"] } });
  }
  return move(tx, actor, itemId, "submit_evidence", { response, evidence_submitted_by: actor.userId, evidence_submitted_at: new Date() }, { attachments: Number(attached.n) });
}

export async function closeRectification(tx: Tx, actor: ServiceActor, itemId: string, comment: string) {
  return move(tx, actor, itemId, "close", { bureau_comment: comment, closed_by: actor.userId, closed_at: new Date() }, { comment });
}

export async function reopenRectification(tx: Tx, actor: ServiceActor, itemId: string, comment: string) {
  return move(tx, actor, itemId, "reopen", { bureau_comment: comment, closed_by: null, closed_at: null }, { comment });
}
