import type { Tx } from "@shegong/db";
import type { TCaseIntake } from "@shegong/domain";
import { formatCaseNumber } from "@shegong/domain";
import { appError } from "../errors.ts";
import { assertStationMembers } from "../shared/service-actor.ts";
import { caseStep, requirePastDate, type CaseActor } from "./case-actor.ts";

/** The next case number of the year: a counter row, locked by its upsert, so two intakes never share one. */
async function nextCaseNumber(tx: Tx, stationId: string, year: number): Promise<string> {
  const row = await tx
    .insertInto("case_number_counter")
    .values({ station_id: stationId, year, last_no: 1 })
    .onConflict((oc) => oc.columns(["station_id", "year"]).doUpdateSet((eb) => ({ last_no: eb("case_number_counter.last_no", "+", 1) })))
    .returning("last_no")
    .executeTakeFirstOrThrow();
  return formatCaseNumber(year, row.last_no);
}

/**
 * Intake (接案): from a visit that raised a risk, a referral in, or a walk-in. A case opened
 * from a visit acknowledges the visit's open risk flag: the case is the follow-up.
 */
export async function openCase(tx: Tx, actor: CaseActor, intake: TCaseIntake) {
  requirePastDate(intake.intakeOn, actor.today, "intakeOn");
  const person = await tx.selectFrom("person").select(["id", "household_id"]).where("station_id", "=", actor.stationId).where("id", "=", intake.personId).executeTakeFirst();
  if (!person) throw appError("NOT_FOUND");
  if (intake.sourceVisitId) {
    const visit = await tx
      .selectFrom("visit")
      .select(["id", "person_id", "household_id"])
      .where("station_id", "=", actor.stationId)
      .where("id", "=", intake.sourceVisitId)
      .executeTakeFirst();
    if (!visit) throw appError("NOT_FOUND");
    const aboutPerson = visit.person_id === person.id || (visit.household_id !== null && visit.household_id === person.household_id);
    if (!aboutPerson) throw appError("VALIDATION", { fieldErrors: { sourceVisitId: ["该次走访不是此人的 / The visit is not about this person"] } });
  }
  const workerId = intake.assignedWorkerId === undefined ? actor.userId : intake.assignedWorkerId;
  if (workerId) await assertStationMembers(tx, actor.stationId, [workerId], "assignedWorkerId");

  const caseNo = await nextCaseNumber(tx, actor.stationId, Number(intake.intakeOn.slice(0, 4)));
  const row = await tx
    .insertInto("social_case")
    .values({
      station_id: actor.stationId,
      case_no: caseNo,
      person_id: person.id,
      household_id: person.household_id,
      source: intake.source,
      source_visit_id: intake.sourceVisitId ?? null,
      referred_by: intake.referredBy ?? null,
      intake_on: intake.intakeOn,
      presenting_problem: intake.presentingProblem,
      risk_level: intake.riskLevel,
      assigned_worker_id: workerId,
      created_by: actor.userId,
    })
    .returning(["id", "status"])
    .executeTakeFirstOrThrow();
  if (intake.sourceVisitId) {
    await tx
      .updateTable("visit")
      .set({ risk_acknowledged_by: actor.userId, risk_acknowledged_at: new Date() })
      .where("station_id", "=", actor.stationId)
      .where("id", "=", intake.sourceVisitId)
      .where("risk_acknowledged_at", "is", null)
      .where("risk", "in", ["medium", "high"])
      .execute();
  }
  await caseStep(tx, actor, { id: row.id, status: "intake" }, { kind: "opened", detail: { caseNo, source: intake.source, riskLevel: intake.riskLevel } });
  return { caseId: row.id, caseNo };
}

/** A new assigned worker (or none); the case history keeps who it was before. */
export async function assignCase(tx: Tx, actor: CaseActor, kase: { id: string; status: string; assigned_worker_id: string | null }, workerId: string | null) {
  if (workerId) await assertStationMembers(tx, actor.stationId, [workerId], "workerUserId");
  const worker = workerId ? await tx.selectFrom("app_user").select("display_name").where("id", "=", workerId).executeTakeFirst() : undefined;
  await caseStep(tx, actor, { id: kase.id, status: kase.status as never }, { kind: "assigned", set: { assigned_worker_id: workerId }, detail: { from: kase.assigned_worker_id, to: workerId, toName: worker?.display_name ?? null } });
}
