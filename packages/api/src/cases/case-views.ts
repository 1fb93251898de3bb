import type { Tx } from "@shegong/db";
import type { CaseRiskLevel, CaseStatus, TCaseClosure, TCaseGoal } from "@shegong/domain";
import { needsSupervisorSignOff } from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { staffRecordOf } from "./case-actor.ts";

function casesBase(tx: Tx, stationId: string) {
  return tx
    .selectFrom("social_case as c")
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "c.station_id").onRef("p.id", "=", "c.person_id"))
    .leftJoin("app_user as w", "w.id", "c.assigned_worker_id")
    .select([
      "c.id",
      "c.case_no",
      "c.person_id",
      "p.name as person_name",
      "c.source",
      "c.source_visit_id",
      "c.referred_by",
      "c.intake_on",
      "c.presenting_problem",
      "c.risk_level",
      "c.assigned_worker_id",
      "w.display_name as worker_name",
      "c.status",
      "c.closure_outcome",
      "c.closure_summary",
      "c.closed_on",
      "c.updated_at",
      sql<number>`(select count(*)::int from case_referral r where r.station_id = c.station_id and r.case_id = c.id and r.status = 'open')`.as("open_referrals"),
      sql<number>`(select coalesce(sum(s.duration_minutes), 0)::int from case_service s where s.station_id = c.station_id and s.case_id = c.id)`.as("service_minutes"),
      // The latest sign-off, so a returned request shows on the worker's list with its comment.
      sql<{ what: string; decision: string | null; comment: string | null } | null>`(select json_build_object('what', s.what, 'decision', s.decision, 'comment', s.comment)
        from case_signoff s where s.station_id = c.station_id and s.case_id = c.id order by s.requested_at desc limit 1)`.as("last_signoff"),
    ])
    .where("c.station_id", "=", stationId);
}

type CaseListRow = Awaited<ReturnType<ReturnType<typeof casesBase>["execute"]>>[number];

function caseDto(c: CaseListRow) {
  return {
    id: c.id,
    caseNo: c.case_no,
    personId: c.person_id,
    personName: c.person_name,
    source: c.source,
    sourceVisitId: c.source_visit_id,
    referredBy: c.referred_by,
    intakeOn: c.intake_on,
    presentingProblem: c.presenting_problem,
    riskLevel: c.risk_level as CaseRiskLevel,
    assignedWorkerId: c.assigned_worker_id,
    workerName: c.worker_name,
    status: c.status as CaseStatus,
    closureOutcome: c.closure_outcome,
    closureSummary: c.closure_summary,
    closedOn: c.closed_on,
    updatedAt: c.updated_at,
    openReferrals: c.open_referrals,
    serviceMinutes: c.service_minutes,
    lastSignoff: c.last_signoff,
  };
}

export interface CaseFilter {
  status?: "open" | CaseStatus;
  mine?: boolean;
  riskLevel?: CaseRiskLevel;
  personId?: string;
}

/** Cases, most risky and most recently changed first; `mine` is the cases assigned to the caller. */
export async function listCases(tx: Tx, stationId: string, userId: string, filter: CaseFilter) {
  let query = casesBase(tx, stationId);
  if (filter.status === "open") query = query.where("c.status", "<>", "closed");
  else if (filter.status) query = query.where("c.status", "=", filter.status);
  if (filter.mine) query = query.where("c.assigned_worker_id", "=", userId);
  if (filter.riskLevel) query = query.where("c.risk_level", "=", filter.riskLevel);
  if (filter.personId) query = query.where("c.person_id", "=", filter.personId);
  const rows = await query
    .orderBy(sql`case c.risk_level when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`)
    .orderBy("c.updated_at", "desc")
    .limit(500)
    .execute();
  return rows.map(caseDto);
}

function byRecorder<T extends { recorded_by?: string | null }>(names: Map<string, string>, row: T) {
  return row.recorded_by ? (names.get(row.recorded_by) ?? null) : null;
}

/** A case with every record and its timeline (each step, oldest first), and what the caller may do. */
export async function getCase(tx: Tx, stationId: string, caseId: string, viewer: { userId: string; today: string }) {
  const kase = await casesBase(tx, stationId).where("c.id", "=", caseId).executeTakeFirst();
  if (!kase) throw appError("NOT_FOUND");
  const [assessments, plans, services, reviews, referrals, signoffs, events, staff] = await Promise.all([
    tx.selectFrom("case_assessment").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("recorded_at").execute(),
    tx.selectFrom("case_plan").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("version").execute(),
    tx.selectFrom("case_service").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("served_on").orderBy("recorded_at").execute(),
    tx.selectFrom("case_review").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("recorded_at").execute(),
    tx.selectFrom("case_referral").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("referred_on").execute(),
    tx.selectFrom("case_signoff").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("requested_at").execute(),
    tx.selectFrom("case_event").selectAll().where("station_id", "=", stationId).where("case_id", "=", caseId).orderBy("occurred_at").orderBy("id").execute(),
    staffRecordOf(tx, stationId, viewer.userId),
  ]);
  const userIds = new Set<string>();
  for (const e of events) if (e.actor_user_id) userIds.add(e.actor_user_id);
  for (const s of services) for (const id of s.worker_user_ids) userIds.add(id);
  for (const s of signoffs) userIds.add(s.supervisor_user_id);
  const users = userIds.size ? await tx.selectFrom("app_user").select(["id", "display_name"]).where("id", "in", [...userIds]).execute() : [];
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const pending = signoffs.find((s) => s.decision === null) ?? null;
  return {
    ...caseDto(kase),
    assessments: assessments.map((a) => ({ id: a.id, assessedOn: a.assessed_on, needs: a.needs, strengths: a.strengths, riskLevel: a.risk_level, recordedBy: byRecorder(names, a) })),
    plans: plans.map((p) => ({ id: p.id, version: p.version, goals: p.goals as TCaseGoal[], approach: p.approach, status: p.status, proposedAt: p.proposed_at, approvedAt: p.approved_at })),
    services: services.map((s) => ({ id: s.id, area: s.area, servedOn: s.served_on, durationMinutes: s.duration_minutes, workers: s.worker_user_ids.map((id) => names.get(id) ?? id), note: s.note })),
    reviews: reviews.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, progress: r.progress, nextSteps: r.next_steps, riskLevel: r.risk_level })),
    referrals: referrals.map((r) => ({
      id: r.id,
      toKind: r.to_kind,
      toName: r.to_name,
      reason: r.reason,
      referredOn: r.referred_on,
      dueOn: r.due_on,
      status: r.status,
      overdue: r.status === "open" && r.due_on < viewer.today,
      followUpNote: r.follow_up_note,
      followedUpOn: r.followed_up_on,
    })),
    signoffs: signoffs.map((s) => ({
      id: s.id,
      what: s.what,
      requestedAt: s.requested_at,
      supervisorUserId: s.supervisor_user_id,
      supervisorName: names.get(s.supervisor_user_id) ?? null,
      decision: s.decision,
      comment: s.comment,
      decidedAt: s.decided_at,
      closure: (s.closure as TCaseClosure | null) ?? null,
    })),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      refId: e.ref_id,
      detail: e.detail as Record<string, unknown>,
      actorName: e.actor_user_id ? (names.get(e.actor_user_id) ?? null) : null,
      occurredAt: e.occurred_at,
    })),
    pendingSignoff: pending ? { id: pending.id, what: pending.what, supervisorUserId: pending.supervisor_user_id, supervisorName: names.get(pending.supervisor_user_id) ?? null } : null,
    // What the caller's approve/close buttons will do: act, or ask their supervisor (R7).
    viewerNeedsSignOff: needsSupervisorSignOff(staff, viewer.today),
  };
}

/** Referrals still waiting for their follow-up, soonest due first; `mine` limits to the caller's cases. */
export async function openReferrals(tx: Tx, stationId: string, opts: { today: string; userId?: string }) {
  let query = tx
    .selectFrom("case_referral as r")
    .innerJoin("social_case as c", (j) => j.onRef("c.station_id", "=", "r.station_id").onRef("c.id", "=", "r.case_id"))
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "c.station_id").onRef("p.id", "=", "c.person_id"))
    .select(["r.id", "r.case_id", "c.case_no", "p.name as person_name", "r.to_kind", "r.to_name", "r.reason", "r.referred_on", "r.due_on"])
    .where("r.station_id", "=", stationId)
    .where("r.status", "=", "open");
  if (opts.userId) query = query.where("c.assigned_worker_id", "=", opts.userId);
  const rows = await query.orderBy("r.due_on").execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    personName: r.person_name,
    toKind: r.to_kind,
    toName: r.to_name,
    reason: r.reason,
    referredOn: r.referred_on,
    dueOn: r.due_on,
    overdue: r.due_on < opts.today,
    dueToday: r.due_on === opts.today,
  }));
}
