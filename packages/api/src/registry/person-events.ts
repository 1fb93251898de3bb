import type { Tx } from "@shegong/db";
import type { PersonEventKind } from "@shegong/domain";

/** Dynamic management (issue 3): every change to a person is a dated event on their timeline. */
export async function recordPersonEvent(
  tx: Tx,
  event: { stationId: string; personId: string; kind: PersonEventKind; effectiveDate: string; actorUserId: string | null; detail?: Record<string, unknown> },
) {
  await tx
    .insertInto("person_event")
    .values({
      station_id: event.stationId,
      person_id: event.personId,
      kind: event.kind,
      effective_date: event.effectiveDate,
      actor_user_id: event.actorUserId,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}
