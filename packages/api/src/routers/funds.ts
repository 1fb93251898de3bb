import { findStationGrant } from "@shegong/auth";
import { ZAllocationSchema, ZDisbursementSchema, ZSpendingSchema } from "@shegong/domain";
import { z } from "zod";
import type { StationActor } from "../governance/agreements.ts";
import { allocateFunds, disburseFunds, fundLedger, fundSupervision, recordSpending } from "../governance/funds.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { authedProcedure, router, type AuthedContext } from "../trpc.ts";

const onAgreement = z.object({ stationId: z.uuid(), agreementId: z.uuid() });
const keyed = { idempotencyKey: ZIdempotencyKeySchema };

function actorOf(ctx: AuthedContext, stationId: string): StationActor {
  return { stationId, userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip };
}

/** Whether the caller's grants on this station include funds.override (the middleware has already found the station). */
function mayOverride(ctx: AuthedContext): boolean {
  return ctx.access.kind === "station" && findStationGrant(ctx.grants, "funds.override", ctx.access.station) !== null;
}

/** Funds (issue 5 item 3, R14, R15): allocations, the township's payments, the contractor's spending. */
export const fundsRouter = router({
  ledger: authedProcedure
    .meta({ access: "station", permission: "funds.read" })
    .input(onAgreement)
    .query(({ ctx, input }) => ctx.tx((tx) => fundLedger(tx, input.stationId, input.agreementId))),

  allocate: authedProcedure
    .meta({ access: "station", permission: "funds.manage", write: true })
    .input(onAgreement.extend({ allocation: ZAllocationSchema, ...keyed }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "funds.allocate", input }, () => allocateFunds(tx, actorOf(ctx, input.stationId), input.agreementId, input.allocation))),
    ),

  /** Refused beyond the allocation unless `override.reason` is given by someone holding funds.override. */
  disburse: authedProcedure
    .meta({ access: "station", permission: "funds.manage", write: true })
    .input(onAgreement.extend({ disbursement: ZDisbursementSchema, ...keyed }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "funds.disburse", input }, () =>
          disburseFunds(tx, actorOf(ctx, input.stationId), input.agreementId, input.disbursement, mayOverride(ctx)),
        ),
      ),
    ),

  spend: authedProcedure
    .meta({ access: "station", permission: "funds.spend", write: true })
    .input(onAgreement.extend({ spending: ZSpendingSchema, ...keyed }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "funds.spend", input }, () => recordSpending(tx, actorOf(ctx, input.stationId), input.agreementId, input.spending))),
    ),

  /** The city/county bureau's fund-supervision view: per station, aggregate numbers only. */
  supervision: authedProcedure
    .meta({ access: "division", permission: "funds.supervise" })
    .input(z.object({ divisionCode: z.string() }))
    .query(({ ctx, input }) => ctx.tx((tx) => fundSupervision(tx, input.divisionCode))),
});
