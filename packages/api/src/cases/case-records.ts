import type { Tx } from "@shegong/db";
import { statusAfter, type TCaseAssessment, type TCasePlan, type TCaseReferral, type TCaseReview, type TCaseService, type TReferralFollowUp } from "@shegong/domain";
import { appError } from "../errors.ts";
import { assertStationMembers } from "../shared/service-actor.ts";
import { caseStep, loadCase, requireAction, requirePastDate, type CaseActor } from "./case-actor.ts";

/** Risk moves with each assessment and review; the event keeps the level it was. */
function riskChange(from: string, to: string) {
  return from === to ? {} : { set: { risk_level: to }, detail: { riskFrom: from, riskTo: to } };
}

/** 需求评估: the first one moves the case from intake to assessed; later ones are reassessments. */
export async function assessCase(tx: Tx, actor: CaseActor, caseId: string, input: TCaseAssessment) {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("assess", kase.status);
  requirePastDate(input.assessedOn, actor.today, "assessedOn");
  const row = await tx
    .insertInto("case_assessment")
    .values({ station_id: actor.stationId, case_id: caseId, assessed_on: input.assessedOn, needs: input.needs, strengths: input.strengths ?? null, risk_level: input.riskLevel, recorded_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const risk = riskChange(kase.risk_level, input.riskLevel);
  await caseStep(tx, actor, kase, { kind: "assessed", to: statusAfter("assess", kase.status), refId: row.id, set: risk.set, detail: risk.detail });
  return { assessmentId: row.id };
}

/**
 * A service plan, as a new version: earlier versions are kept. While a sign-off is waiting the
 * plan under review may not change under the supervisor's eyes.
 */
export async function proposePlan(tx: Tx, actor: CaseActor, caseId: string, input: TCasePlan) {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("proposePlan", kase.status);
  const pending = await tx.selectFrom("case_signoff").select("id").where("station_id", "=", actor.stationId).where("case_id", "=", caseId).where("decision", "is", null).executeTakeFirst();
  if (pending) throw appError("CASE_SIGNOFF_PENDING");
  const last = await tx.selectFrom("case_plan").select((eb) => eb.fn.max("version").as("version")).where("station_id", "=", actor.stationId).where("case_id", "=", caseId).executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  await tx.updateTable("case_plan").set({ status: "superseded" }).where("station_id", "=", actor.stationId).where("case_id", "=", caseId).where("status", "=", "proposed").execute();
  const row = await tx
    .insertInto("case_plan")
    .values({ station_id: actor.stationId, case_id: caseId, version, goals: JSON.stringify(input.goals), approach: input.approach ?? null, proposed_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await caseStep(tx, actor, kase, { kind: "plan_proposed", to: statusAfter("proposePlan", kase.status), refId: row.id, detail: { version, goals: input.goals.length } });
  return { planId: row.id, version };
}

/** A service record with its duration (issue 4: service hours add up), in one of the R9/R10/R12 areas. */
export async function addService(tx: Tx, actor: CaseActor, caseId: string, input: TCaseService) {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("addService", kase.status);
  requirePastDate(input.servedOn, actor.today, "servedOn");
  await assertStationMembers(tx, actor.stationId, input.workerUserIds, "workerUserIds");
  const row = await tx
    .insertInto("case_service")
    .values({
      station_id: actor.stationId,
      case_id: caseId,
      area: input.area,
      served_on: input.servedOn,
      duration_minutes: input.durationMinutes,
      worker_user_ids: input.workerUserIds,
      note: input.note,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await caseStep(tx, actor, kase, { kind: "service", to: statusAfter("addService", kase.status), refId: row.id, detail: { area: input.area, durationMinutes: input.durationMinutes } });
  return { serviceId: row.id };
}

export async function addReview(tx: Tx, actor: CaseActor, caseId: string, input: TCaseReview) {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("addReview", kase.status);
  requirePastDate(input.reviewedOn, actor.today, "reviewedOn");
  const row = await tx
    .insertInto("case_review")
    .values({ station_id: actor.stationId, case_id: caseId, reviewed_on: input.reviewedOn, progress: input.progress, next_steps: input.nextSteps ?? null, risk_level: input.riskLevel, recorded_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const risk = riskChange(kase.risk_level, input.riskLevel);
  await caseStep(tx, actor, kase, { kind: "review", refId: row.id, set: risk.set, detail: risk.detail });
  return { reviewId: row.id };
}

/** A referral out (to the township or another agency), open until its follow-up is recorded. */
export async function referCase(tx: Tx, actor: CaseActor, caseId: string, input: TCaseReferral) {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("addReferral", kase.status);
  requirePastDate(input.referredOn, actor.today, "referredOn");
  const row = await tx
    .insertInto("case_referral")
    .values({
      station_id: actor.stationId,
      case_id: caseId,
      to_kind: input.toKind,
      to_name: input.toName,
      reason: input.reason,
      referred_on: input.referredOn,
      due_on: input.dueOn,
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await caseStep(tx, actor, kase, { kind: "referral", refId: row.id, detail: { toName: input.toName, dueOn: input.dueOn } });
  return { referralId: row.id };
}

export async function followUpReferral(tx: Tx, actor: CaseActor, referralId: string, input: TReferralFollowUp) {
  requirePastDate(input.followedUpOn, actor.today, "followedUpOn");
  const referral = await tx
    .selectFrom("case_referral")
    .select(["id", "case_id", "status", "referred_on"])
    .where("station_id", "=", actor.stationId)
    .where("id", "=", referralId)
    .forUpdate()
    .executeTakeFirst();
  if (!referral) throw appError("NOT_FOUND");
  if (referral.status !== "open") throw appError("CASE_STATUS", { referral: referral.status });
  if (input.followedUpOn < referral.referred_on) throw appError("CASE_DATE", { fieldErrors: { followedUpOn: ["跟进日期不能早于转介日期 / The follow-up cannot be before the referral"] } });
  await tx
    .updateTable("case_referral")
    .set({ status: "followed_up", follow_up_note: input.note, followed_up_on: input.followedUpOn, followed_up_by: actor.userId })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", referralId)
    .execute();
  const kase = await loadCase(tx, actor.stationId, referral.case_id);
  await caseStep(tx, actor, kase, { kind: "referral_followed_up", refId: referralId });
  return { ok: true as const };
}
