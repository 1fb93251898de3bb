import { ZSatisfactionInputSchema } from "@shegong/domain";
import { recordFollowup, satisfactionForYear } from "../satisfaction/followups.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZReportYearSchema } from "../shared/station-procedures.ts";
import { router } from "../trpc.ts";

/** Satisfaction follow-ups (回访) and their results per station (issue 4 item 7). */
export const satisfactionRouter = router({
  summary: stationRead.input(stationInput.extend({ year: ZReportYearSchema })).query(({ ctx, input }) => ctx.tx((tx) => satisfactionForYear(tx, input.stationId, input.year))),

  create: stationWrite
    .input(stationInput.extend({ followup: ZSatisfactionInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "satisfaction.create", input }, () => recordFollowup(tx, actorOf(ctx, input.stationId), input.followup))),
    ),
});
