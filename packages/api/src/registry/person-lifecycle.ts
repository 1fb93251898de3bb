import type { Tx } from "@shegong/db";
import { appError } from "../errors.ts";
import { recordPersonEvent } from "./person-events.ts";
import type { RegistryContext } from "./registry-context.ts";

export type LifeEvent = { kind: "died"; date: string } | { kind: "moved_out"; date: string; note?: string } | { kind: "moved_in"; date: string; note?: string };

/**
 * Death and moving out end every category on that date (computed in effectiveEndSql); moving back
 * in reopens the record but not the categories, which are entered again on purpose.
 */
export async function recordLifeEvent(tx: Tx, ctx: RegistryContext, personId: string, event: LifeEvent) {
  const person = await tx.selectFrom("person").select(["status", "birth_date", "registered_on"]).where("station_id", "=", ctx.stationId).where("id", "=", personId).executeTakeFirst();
  if (!person) throw appError("NOT_FOUND");
  if (event.date > ctx.today || event.date < person.birth_date) throw appError("VALIDATION", { field: "date", max: ctx.today, min: person.birth_date });
  if (person.status === "deceased") throw appError("PERSON_NOT_ACTIVE");
  const set =
    event.kind === "died"
      ? { status: "deceased" as const, died_on: event.date }
      : event.kind === "moved_out"
        ? { status: "moved_out" as const, moved_out_on: event.date }
        : { status: "active" as const, moved_out_on: null };
  if (event.kind === "moved_in" && person.status !== "moved_out") throw appError("VALIDATION", { field: "kind" });
  if (event.kind === "moved_out" && person.status !== "active") throw appError("PERSON_NOT_ACTIVE");
  await tx.updateTable("person").set({ ...set, updated_at: new Date() }).where("station_id", "=", ctx.stationId).where("id", "=", personId).execute();
  // Materialise the ends of open categories too, so ledgers and the timeline say so plainly.
  if (event.kind !== "moved_in") {
    await tx
      .updateTable("person_category")
      .set({ end_date: event.date, end_reason: event.kind, ended_by: ctx.actorUserId })
      .where("station_id", "=", ctx.stationId)
      .where("person_id", "=", personId)
      .where("start_date", "<=", event.date)
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">", event.date)]))
      .execute();
  }
  await recordPersonEvent(tx, { stationId: ctx.stationId, personId, kind: event.kind, effectiveDate: event.date, actorUserId: ctx.actorUserId, detail: "note" in event && event.note ? { note: event.note } : {} });
}
