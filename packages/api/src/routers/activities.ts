import { ZActivityInputSchema, ZActivityKindSchema } from "@shegong/domain";
import { z } from "zod";
import { exportActivityLedger } from "../activities/activity-ledger.ts";
import { getActivity, listActivities } from "../activities/list-activities.ts";
import { recordActivity, updateActivity } from "../activities/record-activity.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { downloadLedger } from "../shared/ledger-download.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZLedgerPeriodSchema, ZReportYearSchema } from "../shared/station-procedures.ts";
import { authedProcedure, router } from "../trpc.ts";

/** Group, community and publicity activities (issue 4 item 5). */
export const activitiesRouter = router({
  list: stationRead
    .input(stationInput.extend({ year: ZReportYearSchema, kind: ZActivityKindSchema.optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listActivities(tx, input.stationId, input.year, input.kind))),

  get: stationRead.input(stationInput.extend({ activityId: z.uuid() })).query(({ ctx, input }) => ctx.tx((tx) => getActivity(tx, input.stationId, input.activityId))),

  create: stationWrite
    .input(stationInput.extend({ activity: ZActivityInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "activities.create", input }, () => recordActivity(tx, actorOf(ctx, input.stationId), input.activity))),
    ),

  /** The whole activity again; the version it replaces is kept (issue 4: editing keeps the earlier version). */
  update: stationWrite
    .input(stationInput.extend({ activityId: z.uuid(), version: z.number().int().min(1), activity: ZActivityInputSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateActivity(tx, actorOf(ctx, input.stationId), input.activityId, input.version, input.activity))),

  /** 活动台账 for a month or quarter; every export is audited, like the visit ledger. */
  ledger: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(stationInput.extend({ period: ZLedgerPeriodSchema }))
    .mutation(({ ctx, input }) =>
      downloadLedger(ctx, input.stationId, "activity.ledger.export", (tx, plaqueName) => exportActivityLedger(tx, input.stationId, plaqueName, input.period)),
    ),
});
