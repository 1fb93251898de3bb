import { recordAudit, type Tx } from "@shegong/db";
import { appError } from "../errors.ts";
import { recordPersonEvent } from "./person-events.ts";
import type { RegistryContext } from "./registry-context.ts";

/** Shows one full ID number: a permission, a stated reason, and an audited event every time. */
export async function revealCitizenId(tx: Tx, ctx: RegistryContext, personId: string, reason: string, actor: { username: string; ip: string }) {
  const row = await tx.selectFrom("person").select(["id_cipher"]).where("station_id", "=", ctx.stationId).where("id", "=", personId).executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  const citizenId = ctx.cipher.decrypt(row.id_cipher);
  await recordPersonEvent(tx, { stationId: ctx.stationId, personId, kind: "id_revealed", effectiveDate: ctx.today, actorUserId: ctx.actorUserId, detail: { reason } });
  await recordAudit(tx, {
    stationId: ctx.stationId,
    actorUserId: ctx.actorUserId,
    actorName: actor.username,
    ip: actor.ip,
    action: "person.id.reveal",
    target: personId,
    outcome: "success",
    detail: { reason },
  });
  return { citizenId };
}
