import { todayInShanghai, ZSupervisionInputSchema } from "@shegong/domain";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZReportYearSchema } from "../shared/station-procedures.ts";
import { listSupervision, recordSupervision, supervisionByWorkerAndMonth } from "../supervision/supervision-sessions.ts";
import { router } from "../trpc.ts";

/** Supervision sessions (督导记录) and the per-worker, per-month view evaluators check (issue 4 item 7). */
export const supervisionRouter = router({
  list: stationRead.input(stationInput.extend({ year: ZReportYearSchema })).query(({ ctx, input }) => ctx.tx((tx) => listSupervision(tx, input.stationId, input.year))),

  matrix: stationRead
    .input(stationInput.extend({ year: ZReportYearSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => supervisionByWorkerAndMonth(tx, input.stationId, input.year, todayInShanghai()))),

  create: stationWrite
    .input(stationInput.extend({ session: ZSupervisionInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "supervision.create", input }, () => recordSupervision(tx, actorOf(ctx, input.stationId), input.session))),
    ),
});
