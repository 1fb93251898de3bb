import type { Tx } from "@shegong/db";

/** The station's own audit trail, newest first. */
export async function listAuditEvents(tx: Tx, stationId: string, limit: number, beforeSeq?: number) {
  let query = tx
    .selectFrom("audit_event")
    .select(["seq", "occurred_at", "actor_name", "action", "target", "outcome", "ip", "detail"])
    .where("station_id", "=", stationId)
    .orderBy("seq", "desc")
    .limit(limit);
  if (beforeSeq !== undefined) query = query.where("seq", "<", beforeSeq);
  const rows = await query.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    ip: r.ip,
    detail: r.detail as Record<string, unknown>,
  }));
}
