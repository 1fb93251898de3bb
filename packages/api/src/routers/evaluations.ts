import type { Tx } from "@shegong/db";
import { INSPECTOR_KINDS, todayInShanghai, ZEvaluationTemplateSchema, ZIndicatorScoreSchema, type EvaluatorKind } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { createEvaluation, divisionEvaluations, finalizeEvaluation, getEvaluation, listStationEvaluations, scoreEvaluation } from "../evaluation/evaluations.ts";
import { grantInspector, inspectorMayScore, listInspectorGrants, revokeInspector } from "../evaluation/inspector-grants.ts";
import { createTemplate, listTemplates } from "../evaluation/templates.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, ZReportYearSchema } from "../shared/station-procedures.ts";
import { auditFrom, authedProcedure, router, type AuthedContext } from "../trpc.ts";
import { hashAcceptablePassword } from "../users/manage-users.ts";

const read = authedProcedure.meta({ access: "station", permission: "evaluation.read" });
const score = authedProcedure.meta({ access: "station", permission: "evaluation.score", write: true });
const divisionInput = z.object({ divisionCode: z.string() });
const evaluationInput = stationInput.extend({ evaluationId: z.uuid() });

/** The station and grant the one access middleware found (station procedures only). */
export function stationAccess(ctx: AuthedContext) {
  if (ctx.access.kind !== "station") throw appError("FORBIDDEN");
  return ctx.access;
}

/** R18: among inspectors only evaluators score or raise findings; finance inspectors and auditors read. */
export async function assertMayScore(ctx: AuthedContext, tx: Tx): Promise<EvaluatorKind> {
  const access = stationAccess(ctx);
  if (access.grant.role !== "inspector") return "bureau";
  if (!(await inspectorMayScore(tx, access.grant.id))) throw appError("FORBIDDEN");
  return "third_party";
}

/** Evaluation and inspection (issue 5 item 8, R15, R18): rubrics, scoring, and inspectors' time-limited access. */
export const evaluationsRouter = router({
  /** Rubrics for the stations under a division (the default first). */
  templates: authedProcedure
    .meta({ access: "division", permission: "evaluation.read" })
    .input(divisionInput)
    .query(({ ctx, input }) => ctx.tx((tx) => listTemplates(tx, input.divisionCode))),

  /** The same list for whoever evaluates one station (a third-party evaluator has only the station). */
  stationTemplates: authedProcedure
    .meta({ access: "station", permission: "evaluation.score" })
    .input(stationInput)
    .query(({ ctx }) => ctx.tx((tx) => listTemplates(tx, stationAccess(ctx).station.divisionCode))),

  createTemplate: authedProcedure
    .meta({ access: "division", permission: "evaluation.rubric", write: true })
    .input(divisionInput.extend({ template: ZEvaluationTemplateSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "evaluations.createTemplate", input }, async () => {
          const created = await createTemplate(tx, ctx.userId, input.divisionCode, input.template);
          await auditFrom(ctx, null)(tx, { action: "evaluation.template.create", target: created.templateId, detail: { divisionCode: input.divisionCode, name: input.template.name } });
          return created;
        }),
      ),
    ),

  create: score
    .input(stationInput.extend({ templateId: z.uuid(), year: ZReportYearSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const evaluatorKind = await assertMayScore(ctx, tx);
        return once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "evaluations.create", input }, () =>
          createEvaluation(tx, actorOf(ctx, input.stationId), { templateId: input.templateId, year: input.year, evaluatorKind, stationDivision: stationAccess(ctx).station.divisionCode }),
        );
      }),
    ),

  list: read.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => listStationEvaluations(tx, input.stationId))),

  get: read.input(evaluationInput).query(({ ctx, input }) => ctx.tx((tx) => getEvaluation(tx, input.stationId, input.evaluationId, todayInShanghai()))),

  score: score
    .input(evaluationInput.extend({ scores: z.array(ZIndicatorScoreSchema).max(60), summary: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        await assertMayScore(ctx, tx);
        return scoreEvaluation(tx, actorOf(ctx, input.stationId), input.evaluationId, input.scores, input.summary);
      }),
    ),

  finalize: score.input(evaluationInput).mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      await assertMayScore(ctx, tx);
      return finalizeEvaluation(tx, actorOf(ctx, input.stationId), input.evaluationId);
    }),
  ),

  /** The bureau's list of evaluations under its division for a year. */
  division: authedProcedure
    .meta({ access: "division", permission: "evaluation.read" })
    .input(divisionInput.extend({ year: ZReportYearSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => divisionEvaluations(tx, input.divisionCode, input.year))),

  inspectors: authedProcedure
    .meta({ access: "division", permission: "inspector.grant" })
    .input(divisionInput)
    .query(({ ctx, input }) => ctx.tx((tx) => listInspectorGrants(tx, input.divisionCode))),

  grantInspector: authedProcedure
    .meta({ access: "division", permission: "inspector.grant", write: true })
    .input(
      divisionInput.extend({
        stationId: z.uuid(),
        username: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/),
        kind: z.enum(INSPECTOR_KINDS),
        expiresAt: z.coerce.date(),
        reason: z.string().trim().min(1).max(200),
        newAccount: z.object({ displayName: z.string().trim().min(1).max(60), password: z.string().max(200) }).optional(),
        idempotencyKey: ZIdempotencyKeySchema,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = input.newAccount ? await hashAcceptablePassword(input.newAccount.password, input.username) : null;
      const newAccount = input.newAccount && passwordHash ? { displayName: input.newAccount.displayName, passwordHash } : undefined;
      return ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "evaluations.grantInspector", input: { ...input, newAccount: input.newAccount ? { ...input.newAccount, password: "" } : undefined } }, async () => {
          const granted = await grantInspector(tx, ctx.userId, input.divisionCode, { stationId: input.stationId, username: input.username, kind: input.kind, expiresAt: input.expiresAt, reason: input.reason, newAccount });
          await auditFrom(ctx, input.stationId)(tx, {
            action: "inspector.grant",
            target: input.username,
            detail: { grantId: granted.grantId, kind: input.kind, expiresAt: input.expiresAt.toISOString(), reason: input.reason, newAccount: Boolean(newAccount) },
          });
          return granted;
        }),
      );
    }),

  revokeInspector: authedProcedure
    .meta({ access: "division", permission: "inspector.grant", write: true })
    .input(divisionInput.extend({ grantId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const revoked = await revokeInspector(tx, ctx.userId, input.divisionCode, input.grantId);
        await auditFrom(ctx, revoked.stationId)(tx, { action: "inspector.revoke", target: revoked.username, detail: { grantId: input.grantId, changed: revoked.changed } });
        return { ok: true as const, changed: revoked.changed };
      }),
    ),
});
