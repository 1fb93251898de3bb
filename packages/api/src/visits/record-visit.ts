import { recordAudit, type Tx } from "@shegong/db";
import {
  barthelLevel,
  barthelTotal,
  checkVisitDate,
  compareToDibaoStandard,
  perCapitaMonthlyIncomeFen,
  riskNeedsFollowUp,
  type TVisitInput,
} from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { assertStationMembers, type ServiceActor } from "../shared/service-actor.ts";

export type VisitActor = ServiceActor;

/** The local 低保 standard for the station's county in the visit's year, if the bureau has set it. */
async function dibaoStandardFor(tx: Tx, stationId: string, visitedOn: string) {
  return tx
    .selectFrom("dibao_standard as d")
    .innerJoin("station as s", (j) => j.on(sql<boolean>`d.county_code = left(s.division_code, 6)`))
    .select("d.fen_per_month")
    .where("s.id", "=", stationId)
    .where("d.year", "=", Number(visitedOn.slice(0, 4)))
    .executeTakeFirst();
}

/**
 * What the structured findings compute, stored beside them so the ledger and reports need not
 * recompute: the Barthel total and level (R9 physical assessment), and per-capita monthly income
 * against the local 低保 standard (R11 household investigation).
 */
async function assessments(tx: Tx, stationId: string, visit: TVisitInput) {
  const out: Record<string, unknown> = {};
  const barthel = visit.findings.elderly?.barthel;
  if (barthel) {
    const total = barthelTotal(barthel);
    out.barthel = { total, level: barthelLevel(total) };
  }
  const survey = visit.findings.assistance?.economicSurvey;
  if (survey) {
    const perCapitaFen = perCapitaMonthlyIncomeFen(survey);
    const standard = await dibaoStandardFor(tx, stationId, visit.visitedOn);
    out.economic = standard
      ? { perCapitaFen, standardFen: standard.fen_per_month, ...compareToDibaoStandard(perCapitaFen, standard.fen_per_month) }
      : { perCapitaFen, standardFen: null };
  }
  return out;
}

/**
 * Records a visit (巡访/随访/入户调查). The subject must be the station's own, every worker named
 * must hold a role at the station, and the date may not lie ahead. A medium or high risk lands in
 * the supervisors' open-risk queue until acknowledged.
 */
export async function recordVisit(tx: Tx, actor: VisitActor, visit: TVisitInput) {
  const dateError = checkVisitDate(visit.visitedOn, actor.today);
  if (dateError) throw appError("VALIDATION", { fieldErrors: { visitedOn: [dateError.zh] } });
  const subject =
    "personId" in visit.subject
      ? await tx.selectFrom("person").select("id").where("station_id", "=", actor.stationId).where("id", "=", visit.subject.personId).executeTakeFirst()
      : await tx.selectFrom("household").select("id").where("station_id", "=", actor.stationId).where("id", "=", visit.subject.householdId).executeTakeFirst();
  if (!subject) throw appError("NOT_FOUND");
  await assertStationMembers(tx, actor.stationId, visit.workerUserIds, "workerUserIds");

  const computed = await assessments(tx, actor.stationId, visit);
  const row = await tx
    .insertInto("visit")
    .values({
      station_id: actor.stationId,
      visited_on: visit.visitedOn,
      kind: visit.kind,
      mode: visit.mode,
      duration_minutes: visit.durationMinutes,
      person_id: "personId" in visit.subject ? visit.subject.personId : null,
      household_id: "householdId" in visit.subject ? visit.subject.householdId : null,
      area: visit.area,
      findings: JSON.stringify({ ...visit.findings, computed }),
      risk: visit.risk,
      risk_note: visit.riskNote ?? null,
      summary: visit.summary ?? null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("visit_worker")
    .values(visit.workerUserIds.map((userId) => ({ station_id: actor.stationId, visit_id: row.id, user_id: userId })))
    .execute();
  await recordAudit(tx, {
    stationId: actor.stationId,
    actorUserId: actor.userId,
    actorName: actor.username,
    ip: actor.ip,
    action: riskNeedsFollowUp(visit.risk) ? "visit.create.risk" : "visit.create",
    target: row.id,
    outcome: "success",
    detail: { kind: visit.kind, risk: visit.risk },
  });
  return { visitId: row.id, computed };
}

export async function acknowledgeRisk(tx: Tx, actor: VisitActor, visitId: string) {
  const result = await tx
    .updateTable("visit")
    .set({ risk_acknowledged_by: actor.userId, risk_acknowledged_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", visitId)
    .where("risk", "in", ["medium", "high"])
    .where("risk_acknowledged_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw appError("NOT_FOUND");
  await recordAudit(tx, { stationId: actor.stationId, actorUserId: actor.userId, actorName: actor.username, ip: actor.ip, action: "visit.risk.acknowledge", target: visitId, outcome: "success" });
}
