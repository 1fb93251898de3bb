import {
  CASE_STATUSES,
  todayInShanghai,
  ZCaseAssessmentSchema,
  ZCaseClosureSchema,
  ZCaseIntakeSchema,
  ZCasePlanSchema,
  ZCaseReferralSchema,
  ZCaseReviewSchema,
  ZCaseRiskLevelSchema,
  ZCaseServiceSchema,
  ZReferralFollowUpSchema,
  ZSignOffDecisionSchema,
  ZStaffQualificationSchema,
} from "@shegong/domain";
import { z } from "zod";
import { loadCase, type CaseActor } from "../cases/case-actor.ts";
import { addReview, addService, assessCase, followUpReferral, proposePlan, referCase } from "../cases/case-records.ts";
import { getCase, listCases, openReferrals } from "../cases/case-views.ts";
import { assignCase, openCase } from "../cases/open-case.ts";
import { approvePlan, closeCase, decideSignOff, reviewQueue, setStaffQualification, staffQualifications } from "../cases/supervision.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router, type AuthedContext } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });
const onCase = station.extend({ caseId: z.uuid() });
const read = authedProcedure.meta({ access: "station", permission: "workspace.read" });
const write = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });
const keyed = { idempotencyKey: ZIdempotencyKeySchema };

function actorOf(ctx: AuthedContext, stationId: string): CaseActor {
  return { stationId, userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip, today: todayInShanghai() };
}

/** Casework (issue 4 item 4): intake to closure, R7 supervision sign-off, referrals with follow-up. */
export const casesRouter = router({
  create: write
    .input(station.extend({ intake: ZCaseIntakeSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.create", input }, () => openCase(tx, actorOf(ctx, input.stationId), input.intake)))),

  get: read.input(onCase).query(({ ctx, input }) => ctx.tx((tx) => getCase(tx, input.stationId, input.caseId, { userId: ctx.userId, today: todayInShanghai() }))),

  list: read
    .input(
      station.extend({
        status: z.union([z.literal("open"), z.enum(CASE_STATUSES)]).optional(),
        mine: z.boolean().default(false),
        riskLevel: ZCaseRiskLevelSchema.optional(),
        personId: z.uuid().optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.tx((tx) => listCases(tx, input.stationId, ctx.userId, input))),

  /** A new assigned worker (station admins and supervisors); the timeline names who it went to. */
  assign: authedProcedure
    .meta({ access: "station", permission: "case.assign", write: true })
    .input(onCase.extend({ workerUserId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const kase = await loadCase(tx, input.stationId, input.caseId);
        await assignCase(tx, actorOf(ctx, input.stationId), kase, input.workerUserId);
        return { ok: true as const };
      }),
    ),

  assess: write
    .input(onCase.extend({ assessment: ZCaseAssessmentSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.assess", input }, () => assessCase(tx, actorOf(ctx, input.stationId), input.caseId, input.assessment)))),

  proposePlan: write
    .input(onCase.extend({ plan: ZCasePlanSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.proposePlan", input }, () => proposePlan(tx, actorOf(ctx, input.stationId), input.caseId, input.plan)))),

  /** Approves the proposed plan, or (R7) sends it to the worker's supervisor: `outcome` says which. */
  approvePlan: write
    .input(onCase.extend(keyed))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.approvePlan", input }, () => approvePlan(tx, actorOf(ctx, input.stationId), input.caseId)))),

  addService: write
    .input(onCase.extend({ service: ZCaseServiceSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.addService", input }, () => addService(tx, actorOf(ctx, input.stationId), input.caseId, input.service)))),

  addReview: write
    .input(onCase.extend({ review: ZCaseReviewSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.addReview", input }, () => addReview(tx, actorOf(ctx, input.stationId), input.caseId, input.review)))),

  /** Closes with an outcome, or (R7) asks the supervisor to sign the closure off. */
  close: write
    .input(onCase.extend({ closure: ZCaseClosureSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.close", input }, () => closeCase(tx, actorOf(ctx, input.stationId), input.caseId, input.closure)))),

  /** Sign-offs waiting for the caller as an assigned supervisor. */
  reviewQueue: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => reviewQueue(tx, input.stationId, ctx.userId))),

  decideSignOff: write
    .input(station.extend({ signoffId: z.uuid(), decision: ZSignOffDecisionSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => decideSignOff(tx, actorOf(ctx, input.stationId), input.signoffId, input.decision))),

  createReferral: write
    .input(onCase.extend({ referral: ZCaseReferralSchema, ...keyed }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "cases.createReferral", input }, () => referCase(tx, actorOf(ctx, input.stationId), input.caseId, input.referral)))),

  followUpReferral: write
    .input(station.extend({ referralId: z.uuid(), followUp: ZReferralFollowUpSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => followUpReferral(tx, actorOf(ctx, input.stationId), input.referralId, input.followUp))),

  /** Referrals without a follow-up, overdue ones flagged; `mine` for the caller's own cases. */
  openReferrals: read
    .input(station.extend({ mine: z.boolean().default(false) }))
    .query(({ ctx, input }) => ctx.tx((tx) => openReferrals(tx, input.stationId, { today: todayInShanghai(), userId: input.mine ? ctx.userId : undefined }))),

  /** Members' qualifications and supervisors (R7): readable by every member, so a worker sees who signs off. */
  staff: read.input(station).query(({ ctx, input }) => ctx.tx((tx) => staffQualifications(tx, input.stationId, todayInShanghai()))),

  setStaffQualification: authedProcedure
    .meta({ access: "station", permission: "station.settings.edit", write: true })
    .input(station.extend({ userId: z.uuid(), qualification: ZStaffQualificationSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const { previous } = await setStaffQualification(tx, input.stationId, input.userId, input.qualification);
        await auditFrom(ctx, input.stationId)(tx, { action: "staff.qualification.set", target: input.userId, detail: { previous, next: input.qualification } });
        return staffQualifications(tx, input.stationId, todayInShanghai());
      }),
    ),
});
