import { recordAudit, type Tx } from "@shegong/db";

/** Who acts on governance records; stationId is null for the contractor registry (no station's chain). */
export interface GovernanceActor {
  stationId: string | null;
  userId: string;
  username: string;
  ip: string;
}

export function auditGovernance(tx: Tx, actor: GovernanceActor, entry: { action: string; target: string; detail?: Record<string, unknown> }) {
  return recordAudit(tx, {
    stationId: actor.stationId,
    actorUserId: actor.userId,
    actorName: actor.username,
    ip: actor.ip,
    outcome: "success",
    action: entry.action,
    target: entry.target,
    detail: entry.detail,
  });
}
