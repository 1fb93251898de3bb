import { ZLinkedResourceInputSchema } from "@shegong/domain";
import { listResources, recordResource } from "../resources/linked-resources.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZReportYearSchema } from "../shared/station-procedures.ts";
import { router } from "../trpc.ts";

/** Resources linked from outside (链接资源, issue 4 item 6), in fen. */
export const resourcesRouter = router({
  list: stationRead.input(stationInput.extend({ year: ZReportYearSchema })).query(({ ctx, input }) => ctx.tx((tx) => listResources(tx, input.stationId, input.year))),

  create: stationWrite
    .input(stationInput.extend({ resource: ZLinkedResourceInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "resources.create", input }, () => recordResource(tx, actorOf(ctx, input.stationId), input.resource))),
    ),
});
