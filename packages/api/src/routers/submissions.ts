import { todayInShanghai, ZNarrativeSchema, ZQuarterSchema, ZReturnCommentSchema, ZSubmissionYearSchema } from "@shegong/domain";
import { z } from "zod";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { buildSubmission, periodVersions, reviewList, reviewSubmission, saveNarrative, stationPeriods, submissionWorkbook, submitSubmission } from "../submissions/submission-workflow.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });
const onSubmission = station.extend({ submissionId: z.uuid() });
/** A quarter ('2026-Q3') for the ledger package, a year ('2026') for the year-end report. */
const ZSubmissionPeriodSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("quarterly"), period: ZQuarterSchema }),
  z.object({ kind: z.literal("annual"), period: z.string().regex(/^\d{4}$/) }),
]);
const read = authedProcedure.meta({ access: "station", permission: "workspace.read" });
// R18: the contractor running the station (its admin, or the station head) prepares and submits.
const prepare = authedProcedure.meta({ access: "station", permission: "submission.prepare", write: true });
// R15: the city/county bureau accepts or returns.
const review = authedProcedure.meta({ access: "station", permission: "submission.review", write: true });

/** Quarterly ledger packages and year-end self-check reports (issue 5 items 6–7, R13, R18). */
export const submissionsRouter = router({
  /** The periods the station owes this year and where each stands. */
  periods: read
    .input(station.extend({ year: ZSubmissionYearSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => stationPeriods(tx, input.stationId, input.year, todayInShanghai()))),

  /** Every version of one period, newest first, with summaries, comments and fingerprints. */
  versions: read
    .input(station.and(ZSubmissionPeriodSchema))
    .query(({ ctx, input }) => ctx.tx((tx) => periodVersions(tx, input.stationId, input.kind, input.period, todayInShanghai()))),

  build: prepare
    .input(station.extend({ idempotencyKey: ZIdempotencyKeySchema }).and(ZSubmissionPeriodSchema))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "submissions.build", input }, () =>
          buildSubmission(tx, actorOf(ctx, input.stationId), ctx.pii, input.kind, input.period),
        ),
      ),
    ),

  saveNarrative: prepare
    .input(onSubmission.extend({ narrative: ZNarrativeSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => saveNarrative(tx, actorOf(ctx, input.stationId), input.submissionId, input.narrative))),

  submit: prepare.input(onSubmission).mutation(({ ctx, input }) => ctx.tx((tx) => submitSubmission(tx, actorOf(ctx, input.stationId), input.submissionId))),

  accept: review.input(onSubmission).mutation(({ ctx, input }) => ctx.tx((tx) => reviewSubmission(tx, actorOf(ctx, input.stationId), input.submissionId, "accept"))),

  returnWithComments: review
    .input(onSubmission.extend(ZReturnCommentSchema.shape))
    .mutation(({ ctx, input }) => ctx.tx((tx) => reviewSubmission(tx, actorOf(ctx, input.stationId), input.submissionId, "return", input.comment))),

  /** The package's workbook; it lists people (masked IDs), so each download is audited. */
  download: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(onSubmission)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const file = await submissionWorkbook(tx, input.stationId, input.submissionId);
        await auditFrom(ctx, input.stationId)(tx, { action: "submission.quarterly.downloaded", target: input.submissionId, detail: { period: file.period, version: file.version } });
        return { fileName: file.fileName, base64: Buffer.from(file.bytes).toString("base64") };
      }),
    ),

  /** The bureau's review desk across the stations under its division, late ones included. */
  reviewList: authedProcedure
    .meta({ access: "division", permission: "submission.review" })
    .input(z.object({ divisionCode: z.string(), year: ZSubmissionYearSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => reviewList(tx, input.divisionCode, input.year, todayInShanghai()))),
});
