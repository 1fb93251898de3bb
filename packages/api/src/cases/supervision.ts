import type { Tx } from "@shegong/db";
import {
  bilingual,
  isStationedOn,
  needsSupervisorSignOff,
  QUALIFICATION_LEVEL_LABELS,
  signOffRefusal,
  stationingRefusal,
  todayInShanghai,
  type CaseStatus,
  type SignoffKind,
  type TCaseClosure,
  type TSignOffDecision,
  type TStaffQualification,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { assertStationMembers } from "../shared/service-actor.ts";
import { caseStep, loadCase, requireAction, requirePastDate, staffRecordOf, type CaseActor, type CaseRow } from "./case-actor.ts";

export type SupervisedOutcome = { outcome: "done" } | { outcome: "signoff_requested"; signoffId: string };

/**
 * R7: the worker's assigned supervisor, who must be qualified to act alone. Null when the worker
 * may act alone; an error when they may not and nobody qualified is assigned.
 */
async function supervisorFor(tx: Tx, actor: CaseActor): Promise<string | null> {
  const staff = await staffRecordOf(tx, actor.stationId, actor.userId);
  if (!needsSupervisorSignOff(staff, actor.today)) return null;
  const supervisorId = staff?.supervisorUserId ?? null;
  if (!supervisorId || supervisorId === actor.userId) throw appError("CASE_NO_SUPERVISOR");
  const supervisor = await staffRecordOf(tx, actor.stationId, supervisorId);
  if (needsSupervisorSignOff(supervisor, actor.today)) throw appError("CASE_NO_SUPERVISOR");
  return supervisorId;
}

async function requireNoPendingSignoff(tx: Tx, stationId: string, caseId: string) {
  const pending = await tx.selectFrom("case_signoff").select("id").where("station_id", "=", stationId).where("case_id", "=", caseId).where("decision", "is", null).executeTakeFirst();
  if (pending) throw appError("CASE_SIGNOFF_PENDING");
}

async function requestSignoff(tx: Tx, actor: CaseActor, kase: CaseRow, what: SignoffKind, supervisorId: string, extra: { planId?: string; closure?: TCaseClosure }) {
  const row = await tx
    .insertInto("case_signoff")
    .values({
      station_id: actor.stationId,
      case_id: kase.id,
      what,
      plan_id: extra.planId ?? null,
      closure: extra.closure ? JSON.stringify(extra.closure) : null,
      return_status: kase.status,
      requested_by: actor.userId,
      supervisor_user_id: supervisorId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await caseStep(tx, actor, kase, { kind: "signoff_requested", to: what === "closure" ? "closure_pending" : kase.status, refId: row.id, detail: { what, supervisorUserId: supervisorId } });
  return row.id;
}

async function proposedPlan(tx: Tx, stationId: string, caseId: string) {
  const plan = await tx
    .selectFrom("case_plan")
    .select(["id", "version"])
    .where("station_id", "=", stationId)
    .where("case_id", "=", caseId)
    .where("status", "=", "proposed")
    .orderBy("version", "desc")
    .executeTakeFirst();
  if (!plan) throw appError("CASE_STATUS", { reason: "no proposed plan" });
  return plan;
}

/** The approved plan replaces the one in force before it. */
async function markPlanApproved(tx: Tx, stationId: string, caseId: string, planId: string, approvedBy: string) {
  await tx.updateTable("case_plan").set({ status: "superseded" }).where("station_id", "=", stationId).where("case_id", "=", caseId).where("status", "=", "approved").execute();
  await tx.updateTable("case_plan").set({ status: "approved", approved_by: approvedBy, approved_at: new Date() }).where("station_id", "=", stationId).where("id", "=", planId).execute();
}

/** Approve the proposed plan: alone when qualified (R7), else a request in the supervisor's review queue. */
export async function approvePlan(tx: Tx, actor: CaseActor, caseId: string): Promise<SupervisedOutcome> {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("approvePlan", kase.status);
  await requireNoPendingSignoff(tx, actor.stationId, caseId);
  const plan = await proposedPlan(tx, actor.stationId, caseId);
  const supervisorId = await supervisorFor(tx, actor);
  if (supervisorId) return { outcome: "signoff_requested", signoffId: await requestSignoff(tx, actor, kase, "plan_approval", supervisorId, { planId: plan.id }) };
  await markPlanApproved(tx, actor.stationId, caseId, plan.id, actor.userId);
  await caseStep(tx, actor, kase, { kind: "plan_approved", to: "plan_approved", refId: plan.id, detail: { version: plan.version } });
  return { outcome: "done" };
}

function closedFields(closure: TCaseClosure) {
  return { closure_outcome: closure.outcome, closure_summary: closure.summary, closed_on: closure.closedOn };
}

/**
 * Close with an outcome (结案): alone when qualified, else pending the supervisor's sign-off.
 * Referrals must have their follow-up first: a referral stays open until someone records it.
 */
export async function closeCase(tx: Tx, actor: CaseActor, caseId: string, closure: TCaseClosure): Promise<SupervisedOutcome> {
  const kase = await loadCase(tx, actor.stationId, caseId);
  requireAction("close", kase.status);
  requirePastDate(closure.closedOn, actor.today, "closedOn");
  if (closure.closedOn < kase.intake_on) throw appError("CASE_DATE", { fieldErrors: { closedOn: ["结案日期不能早于接案日期 / Closure cannot be before intake"] } });
  await requireNoPendingSignoff(tx, actor.stationId, caseId);
  const open = await tx.selectFrom("case_referral").select("id").where("station_id", "=", actor.stationId).where("case_id", "=", caseId).where("status", "=", "open").execute();
  if (open.length > 0) throw appError("CASE_REFERRALS_OPEN", { referralIds: open.map((r) => r.id) });
  const supervisorId = await supervisorFor(tx, actor);
  if (supervisorId) return { outcome: "signoff_requested", signoffId: await requestSignoff(tx, actor, kase, "closure", supervisorId, { closure }) };
  await caseStep(tx, actor, kase, { kind: "closed", to: "closed", set: closedFields(closure), detail: { outcome: closure.outcome } });
  return { outcome: "done" };
}

/**
 * The supervisor's decision. Approval does what the worker could not do alone; a return sends the
 * request back with the comment (plan: still pending, to be revised; closure: back where it was).
 */
export async function decideSignOff(tx: Tx, actor: CaseActor, signoffId: string, decision: TSignOffDecision) {
  const signoff = await tx
    .selectFrom("case_signoff")
    .selectAll()
    .where("station_id", "=", actor.stationId)
    .where("id", "=", signoffId)
    .where("decision", "is", null)
    .forUpdate()
    .executeTakeFirst();
  if (!signoff) throw appError("NOT_FOUND");
  const refusal = signOffRefusal({
    deciderUserId: actor.userId,
    requesterUserId: signoff.requested_by,
    assignedSupervisorUserId: signoff.supervisor_user_id,
    decider: await staffRecordOf(tx, actor.stationId, actor.userId),
    today: actor.today,
  });
  if (refusal) throw appError("CASE_SIGNOFF_NOT_YOURS", { reason: refusal });
  const kase = await loadCase(tx, actor.stationId, signoff.case_id);
  await tx
    .updateTable("case_signoff")
    .set({ decision: decision.decision, comment: decision.comment ?? null, decided_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", signoffId)
    .execute();
  const detail = { what: signoff.what, decision: decision.decision, comment: decision.comment ?? null, requestedBy: signoff.requested_by };
  if (signoff.what === "plan_approval" && signoff.plan_id) {
    if (decision.decision === "approved") await markPlanApproved(tx, actor.stationId, kase.id, signoff.plan_id, actor.userId);
    else await tx.updateTable("case_plan").set({ status: "returned" }).where("station_id", "=", actor.stationId).where("id", "=", signoff.plan_id).execute();
    await caseStep(tx, actor, kase, { kind: `signoff_${decision.decision}`, to: decision.decision === "approved" ? "plan_approved" : kase.status, refId: signoffId, detail });
  } else {
    const closure = signoff.closure as TCaseClosure;
    const back = (signoff.return_status ?? "in_service") as CaseStatus;
    await caseStep(tx, actor, kase, {
      kind: `signoff_${decision.decision}`,
      to: decision.decision === "approved" ? "closed" : back,
      refId: signoffId,
      set: decision.decision === "approved" ? closedFields(closure) : undefined,
      detail,
    });
  }
  return { ok: true as const, caseId: kase.id };
}

/** Requests waiting for the caller as supervisor, oldest first. */
export async function reviewQueue(tx: Tx, stationId: string, supervisorUserId: string) {
  const rows = await tx
    .selectFrom("case_signoff as s")
    .innerJoin("social_case as c", (j) => j.onRef("c.station_id", "=", "s.station_id").onRef("c.id", "=", "s.case_id"))
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "c.station_id").onRef("p.id", "=", "c.person_id"))
    .innerJoin("app_user as u", "u.id", "s.requested_by")
    .leftJoin("case_plan as pl", (j) => j.onRef("pl.station_id", "=", "s.station_id").onRef("pl.id", "=", "s.plan_id"))
    .select(["s.id", "s.case_id", "s.what", "s.requested_at", "s.closure", "c.case_no", "c.risk_level", "p.name as person_name", "u.display_name as requested_by_name", "pl.goals", "pl.approach", "pl.version"])
    .where("s.station_id", "=", stationId)
    .where("s.supervisor_user_id", "=", supervisorUserId)
    .where("s.decision", "is", null)
    .orderBy("s.requested_at")
    .execute();
  return rows.map((r) => ({
    signoffId: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    personName: r.person_name,
    riskLevel: r.risk_level,
    what: r.what as SignoffKind,
    requestedAt: r.requested_at,
    requestedByName: r.requested_by_name,
    plan: r.goals ? { version: r.version, goals: r.goals as { goal: string; measure: string; due: string }[], approach: r.approach } : null,
    closure: (r.closure as TCaseClosure | null) ?? null,
  }));
}

const STAFF_COLUMNS = [
  "s.id as staff_id",
  "s.position",
  "s.education",
  "s.major",
  "s.qualification_level",
  "s.certificate_no",
  "s.certificate_expires_on",
  "s.supervisor_user_id",
  "sup.display_name as supervisor_name",
  "s.stationed_on",
  "s.left_on",
] as const;

/**
 * The station's members with their qualification (R7) and assigned supervisor. `withoutLogin` adds
 * the staff records that have no account (a worker who does not use the system): staffing counts
 * them, sign-off never involves them.
 */
export async function staffQualifications(tx: Tx, stationId: string, today: string, options: { withoutLogin?: boolean } = {}) {
  const members = await tx
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .leftJoin("staff_member as s", (j) => j.onRef("s.station_id", "=", "g.station_id").onRef("s.user_id", "=", "g.user_id"))
    .leftJoin("app_user as sup", "sup.id", "s.supervisor_user_id")
    .select(["u.id as user_id", "u.display_name", "g.role", ...STAFF_COLUMNS])
    .where("g.station_id", "=", stationId)
    .where("g.role", "in", ["station_admin", "social_worker", "supervisor"])
    .where("u.disabled_at", "is", null)
    .orderBy("u.display_name")
    .execute();
  const withoutLogin = options.withoutLogin
    ? await tx
        .selectFrom("staff_member as s")
        .leftJoin("app_user as sup", "sup.id", "s.supervisor_user_id")
        .select(["s.display_name", ...STAFF_COLUMNS])
        .where("s.station_id", "=", stationId)
        .where("s.user_id", "is", null)
        .orderBy("s.display_name")
        .execute()
    : [];
  const rows = [...members, ...withoutLogin.map((r) => ({ ...r, user_id: null, role: null }))];
  return rows.map((r) => {
    const qualification = r.staff_id
      ? { qualificationLevel: r.qualification_level as TStaffQualification["qualificationLevel"] | null, major: r.major, certificateExpiresOn: r.certificate_expires_on }
      : null;
    return {
      userId: r.user_id,
      staffId: r.staff_id,
      displayName: r.display_name,
      role: r.role,
      position: r.position,
      education: r.education,
      major: r.major,
      qualificationLevel: r.qualification_level,
      certificateNo: r.certificate_no,
      certificateExpiresOn: r.certificate_expires_on,
      supervisorUserId: r.supervisor_user_id,
      supervisorName: r.supervisor_name,
      stationedOn: r.stationed_on,
      leftOn: r.left_on,
      needsSignOff: needsSupervisorSignOff(qualification, today),
    };
  });
}

/** R7: a stationed worker's record cannot drop below diploma; they leave the station first. */
async function requireStationableWhileStationed(tx: Tx, stationId: string, userId: string, education: string | null, today: string) {
  const current = await tx.selectFrom("staff_member").select(["stationed_on", "left_on"]).where("station_id", "=", stationId).where("user_id", "=", userId).executeTakeFirst();
  if (!current || !isStationedOn(current.stationed_on, current.left_on, today)) return;
  const refusal = stationingRefusal(education);
  if (refusal) throw appError(refusal.reason === "below_diploma" ? "STAFF_BELOW_DIPLOMA" : "VALIDATION", { fieldErrors: { education: [bilingual(refusal.message)] } });
}

/** Sets a member's qualification; the audit entry keeps what it was before (the earlier version). */
export async function setStaffQualification(tx: Tx, stationId: string, userId: string, input: TStaffQualification) {
  const member = await tx.selectFrom("role_grant").select("id").where("station_id", "=", stationId).where("user_id", "=", userId).executeTakeFirst();
  if (!member) throw appError("NOT_FOUND");
  if (input.supervisorUserId) await assertStationMembers(tx, stationId, [input.supervisorUserId], "supervisorUserId");
  if (input.supervisorUserId === userId) throw appError("VALIDATION", { fieldErrors: { supervisorUserId: ["不能指定本人为督导 / Nobody supervises themselves"] } });
  await requireStationableWhileStationed(tx, stationId, userId, input.education ?? null, todayInShanghai());
  const values = {
    education: input.education ?? null,
    major: input.major ?? null,
    qualification_level: input.qualificationLevel,
    // The free-text column the workspace overview shows, kept in step with the level.
    qualification: input.qualificationLevel === "none" ? null : QUALIFICATION_LEVEL_LABELS[input.qualificationLevel].zh,
    certificate_no: input.certificateNo ?? null,
    certificate_expires_on: input.certificateExpiresOn ?? null,
    supervisor_user_id: input.supervisorUserId,
    updated_at: new Date(),
  };
  const before = await tx.selectFrom("staff_member").selectAll().where("station_id", "=", stationId).where("user_id", "=", userId).executeTakeFirst();
  if (before) {
    await tx.updateTable("staff_member").set(values).where("station_id", "=", stationId).where("id", "=", before.id).execute();
  } else {
    const user = await tx
      .selectFrom("app_user as u")
      .innerJoin("role_grant as g", "g.user_id", "u.id")
      .select(["u.display_name", "g.role"])
      .where("u.id", "=", userId)
      .where("g.station_id", "=", stationId)
      .executeTakeFirstOrThrow();
    const position = user.role === "supervisor" ? "督导" : user.role === "station_admin" ? "站长" : "驻站社工";
    await tx.insertInto("staff_member").values({ station_id: stationId, user_id: userId, display_name: user.display_name, position, ...values }).execute();
  }
  const { created_at: _c, updated_at: _u, ...previous } = before ?? { created_at: null, updated_at: null };
  return { previous: before ? previous : null };
}
