import { AGREEMENT_STATUSES, ZAgreementSchema, ZFilingReturnSchema } from "@shegong/domain";
import { z } from "zod";
import { createAgreement, fileAgreement, getAgreement, listAgreements, listFilings, updateAgreement, type StationActor } from "../governance/agreements.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { authedProcedure, router, type AuthedContext } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });
const onAgreement = station.extend({ agreementId: z.uuid() });
const read = authedProcedure.meta({ access: "station", permission: "agreement.read" });
const manage = authedProcedure.meta({ access: "station", permission: "agreement.manage", write: true });
// The prefecture bureau decides filings over the stations under its division (R15).
const file = authedProcedure.meta({ access: "station", permission: "agreement.file", write: true });

function actorOf(ctx: AuthedContext, stationId: string): StationActor {
  return { stationId, userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip };
}

/** Purchase-of-service agreements (issue 5 item 2, R13, R14, R17) and their filing (备案, R15). */
export const agreementsRouter = router({
  list: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => listAgreements(tx, input.stationId))),

  get: read.input(onAgreement).query(({ ctx, input }) => ctx.tx((tx) => getAgreement(tx, input.stationId, input.agreementId))),

  create: manage
    .input(station.extend({ agreement: ZAgreementSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "agreements.create", input }, () => createAgreement(tx, actorOf(ctx, input.stationId), input.agreement))),
    ),

  update: manage
    .input(onAgreement.extend({ agreement: ZAgreementSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateAgreement(tx, actorOf(ctx, input.stationId), input.agreementId, input.agreement))),

  submit: manage.input(onAgreement).mutation(({ ctx, input }) => ctx.tx((tx) => fileAgreement(tx, actorOf(ctx, input.stationId), input.agreementId, "submit"))),

  acknowledge: file.input(onAgreement).mutation(({ ctx, input }) => ctx.tx((tx) => fileAgreement(tx, actorOf(ctx, input.stationId), input.agreementId, "acknowledge"))),

  returnWithComments: file
    .input(onAgreement.extend({ filing: ZFilingReturnSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => fileAgreement(tx, actorOf(ctx, input.stationId), input.agreementId, "return", input.filing.comment))),

  /** The prefecture bureau's filing desk. */
  filings: authedProcedure
    .meta({ access: "division", permission: "agreement.file" })
    .input(z.object({ divisionCode: z.string(), status: z.enum(AGREEMENT_STATUSES).optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listFilings(tx, input.divisionCode, input.status))),
});
