import type { Tx } from "@shegong/db";
import {
  bilingual,
  checkIndicatorScore,
  EVALUATION_DATA_SOURCES,
  evaluationTotal,
  type EvaluationStatus,
  type EvaluatorKind,
  type TEvaluationIndicator,
  type TIndicatorScore,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";
import { evaluationEvidence, type IndicatorEvidence } from "./evaluation-data.ts";
import { templateForStation } from "./templates.ts";

/**
 * Evaluations (issue 5 item 8, R15): the bureau or a third-party evaluator scores a station's year
 * indicator by indicator against the data behind each, then finalizes; the database keeps a
 * finalized evaluation frozen (migration 2026-11-28-32).
 */

export async function createEvaluation(tx: Tx, actor: ServiceActor, input: { templateId: string; year: number; evaluatorKind: EvaluatorKind; stationDivision: string }) {
  const template = await templateForStation(tx, input.templateId, input.stationDivision);
  const row = await tx
    .insertInto("evaluation")
    .values({
      station_id: actor.stationId,
      template_id: template.id,
      template_name: template.name,
      // The rubric as it is today: a later rubric never rescales this evaluation.
      indicators: JSON.stringify(template.indicators),
      period_year: input.year,
      evaluator_kind: input.evaluatorKind,
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "evaluation.create", row.id, { templateId: template.id, year: input.year, evaluatorKind: input.evaluatorKind });
  return { evaluationId: row.id };
}

async function loadEvaluation(tx: Tx, stationId: string, evaluationId: string, forUpdate = false) {
  let query = tx.selectFrom("evaluation").selectAll().where("station_id", "=", stationId).where("id", "=", evaluationId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  return row;
}

async function loadScores(tx: Tx, stationId: string, evaluationId: string) {
  return tx
    .selectFrom("evaluation_score as s")
    .leftJoin("app_user as u", "u.id", "s.scored_by")
    .select(["s.indicator_code", "s.score", "s.comment", "s.scored_at", "u.display_name as scored_by_name"])
    .where("s.station_id", "=", stationId)
    .where("s.evaluation_id", "=", evaluationId)
    .execute();
}

/** One evaluation with each indicator's score and the data behind it (as frozen at finalizing, or live while scoring). */
export async function getEvaluation(tx: Tx, stationId: string, evaluationId: string, today: string) {
  const row = await loadEvaluation(tx, stationId, evaluationId);
  const indicators = row.indicators as TEvaluationIndicator[];
  const scores = await loadScores(tx, stationId, evaluationId);
  const evidence = (row.data as Record<string, IndicatorEvidence> | null) ?? (await evaluationEvidence(tx, stationId, row.period_year, today));
  const byCode = new Map(scores.map((s) => [s.indicator_code, s]));
  const totals = evaluationTotal(indicators, scores.map((s) => ({ code: s.indicator_code, score: Number(s.score) })));
  return {
    id: row.id,
    stationId,
    templateName: row.template_name,
    year: row.period_year,
    evaluatorKind: row.evaluator_kind as EvaluatorKind,
    status: row.status as EvaluationStatus,
    summary: row.summary,
    finalizedAt: row.finalized_at,
    createdAt: row.created_at,
    totals,
    indicators: indicators.map((i) => {
      const s = byCode.get(i.code);
      return {
        ...i,
        evidence: evidence[i.dataSource] ?? null,
        score: s ? Number(s.score) : null,
        comment: s?.comment ?? "",
        scoredBy: s?.scored_by_name ?? null,
        scoredAt: s?.scored_at ?? null,
      };
    }),
  };
}

const SUMMARY_COLUMNS = ["e.station_id", "e.id", "e.template_name", "e.period_year", "e.evaluator_kind", "e.status", "e.total", "e.created_at", "e.finalized_at"] as const;

/** One line of a list of evaluations, for the station's page and the bureau's alike. */
function evaluationSummary(r: { station_id: string; id: string; template_name: string; period_year: number; evaluator_kind: string; status: string; total: number | null; created_at: Date; finalized_at: Date | null }) {
  return {
    stationId: r.station_id,
    id: r.id,
    templateName: r.template_name,
    year: r.period_year,
    evaluatorKind: r.evaluator_kind as EvaluatorKind,
    status: r.status as EvaluationStatus,
    total: r.total === null ? null : Number(r.total),
    createdAt: r.created_at,
    finalizedAt: r.finalized_at,
  };
}

export async function listStationEvaluations(tx: Tx, stationId: string) {
  const rows = await tx.selectFrom("evaluation as e").select(SUMMARY_COLUMNS).where("e.station_id", "=", stationId).orderBy("e.period_year", "desc").orderBy("e.created_at", "desc").execute();
  return rows.map(evaluationSummary);
}

function refuseIfFinalized(row: { status: string }) {
  if (row.status === "finalized") throw appError("EVALUATION_FINALIZED");
}

/** Scores (and comments) for some indicators; each at most its indicator's weight. */
export async function scoreEvaluation(tx: Tx, actor: ServiceActor, evaluationId: string, scores: readonly TIndicatorScore[], summary?: string) {
  const row = await loadEvaluation(tx, actor.stationId, evaluationId, true);
  refuseIfFinalized(row);
  const indicators = new Map((row.indicators as TEvaluationIndicator[]).map((i) => [i.code, i]));
  const fieldErrors: Record<string, string[]> = {};
  for (const s of scores) {
    const indicator = indicators.get(s.code);
    if (!indicator) {
      fieldErrors[s.code] = ["评估中没有该指标 / No such indicator in this evaluation"];
      continue;
    }
    const problem = checkIndicatorScore(indicator.weight, s.score);
    if (problem) fieldErrors[s.code] = [bilingual(problem)];
  }
  if (Object.keys(fieldErrors).length > 0) throw appError("VALIDATION", { fieldErrors });
  for (const s of scores) {
    await tx
      .insertInto("evaluation_score")
      .values({ station_id: actor.stationId, evaluation_id: evaluationId, indicator_code: s.code, score: s.score, comment: s.comment, scored_by: actor.userId })
      .onConflict((oc) => oc.columns(["station_id", "evaluation_id", "indicator_code"]).doUpdateSet((eb) => ({ score: eb.ref("excluded.score"), comment: eb.ref("excluded.comment"), scored_by: eb.ref("excluded.scored_by"), scored_at: new Date() })))
      .execute();
  }
  if (summary !== undefined) await tx.updateTable("evaluation").set({ summary }).where("station_id", "=", actor.stationId).where("id", "=", evaluationId).execute();
  await auditAs(tx, actor, "evaluation.score", evaluationId, { scores: scores.map((s) => ({ code: s.code, score: s.score })) });
  return { ok: true as const };
}

/** Finalizing fixes the total and the data behind each indicator; from then on the database refuses changes. */
export async function finalizeEvaluation(tx: Tx, actor: ServiceActor, evaluationId: string) {
  const row = await loadEvaluation(tx, actor.stationId, evaluationId, true);
  refuseIfFinalized(row);
  const indicators = row.indicators as TEvaluationIndicator[];
  const scores = await loadScores(tx, actor.stationId, evaluationId);
  const totals = evaluationTotal(indicators, scores.map((s) => ({ code: s.indicator_code, score: Number(s.score) })));
  if (!totals.complete) throw appError("EVALUATION_INCOMPLETE", { scored: totals.scored, indicators: totals.indicators });
  const evidence = await evaluationEvidence(tx, actor.stationId, row.period_year, actor.today);
  const used = Object.fromEntries(EVALUATION_DATA_SOURCES.filter((s) => indicators.some((i) => i.dataSource === s)).map((s) => [s, evidence[s]]));
  await tx
    .updateTable("evaluation")
    .set({ status: "finalized", total: totals.total, data: JSON.stringify(used), finalized_by: actor.userId, finalized_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", evaluationId)
    .execute();
  await auditAs(tx, actor, "evaluation.finalize", evaluationId, { total: totals.total, grade: totals.grade });
  return { total: totals.total, grade: totals.grade };
}

/** The bureau's list: every evaluation of the stations under its division, with totals (no personal data). */
export async function divisionEvaluations(tx: Tx, divisionCode: string, year: number) {
  const rows = await tx
    .selectFrom("evaluation as e")
    .innerJoin("station as s", "s.id", "e.station_id")
    .select([...SUMMARY_COLUMNS, "s.plaque_name as station_name"])
    .where("s.division_code", "like", `${divisionCode}%`)
    .where("e.period_year", "=", year)
    .orderBy("s.division_code")
    .orderBy("e.created_at", "desc")
    .execute();
  return rows.map((r) => ({ ...evaluationSummary(r), stationName: r.station_name }));
}
