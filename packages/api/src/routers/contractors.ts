import { ZContractorSchema } from "@shegong/domain";
import { z } from "zod";
import { assignStationContractor, createContractor, listContractors, myContractors, updateContractor } from "../governance/contractor-registry.ts";
import type { GovernanceActor } from "../governance/governance-actor.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { authedProcedure, router, type AuthedContext } from "../trpc.ts";

const division = z.object({ divisionCode: z.string() });

function actorOf(ctx: AuthedContext, stationId: string | null): GovernanceActor {
  return { stationId, userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip };
}

/** The contractor registry (issue 5 item 1, R3, R6), kept by the prefecture and city/county bureaus. */
export const contractorsRouter = router({
  list: authedProcedure
    .meta({ access: "division", permission: "contractor.read" })
    .input(division)
    .query(({ ctx, input }) => ctx.tx((tx) => listContractors(tx, input.divisionCode))),

  create: authedProcedure
    .meta({ access: "division", permission: "contractor.manage", write: true })
    .input(division.extend({ contractor: ZContractorSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "contractors.create", input }, () => createContractor(tx, actorOf(ctx, null), input.divisionCode, input.contractor)),
      ),
    ),

  /** Also how incubation status (R3) moves on. */
  update: authedProcedure
    .meta({ access: "division", permission: "contractor.manage", write: true })
    .input(division.extend({ contractorId: z.uuid(), contractor: ZContractorSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateContractor(tx, actorOf(ctx, null), input.divisionCode, input.contractorId, input.contractor))),

  /** A contractor admin's organization(s) and all the stations it runs. */
  mine: authedProcedure
    .meta({ access: "user" })
    .query(({ ctx }) => ctx.tx((tx) => myContractors(tx, ctx.grants.filter((g) => g.role === "contractor_admin" && g.contractorId).map((g) => g.contractorId as string)))),

  /** The bureau names the organization that runs a station (R6). */
  assignStation: authedProcedure
    .meta({ access: "station", permission: "contractor.manage", write: true })
    .input(z.object({ stationId: z.uuid(), contractorId: z.uuid() }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => assignStationContractor(tx, { ...actorOf(ctx, input.stationId), stationId: input.stationId }, input.contractorId))),
});
