import { todayInShanghai, ZRectificationSchema } from "@shegong/domain";
import { z } from "zod";
import { closeRectification, createRectification, divisionRectification, listRectification, rectificationOwners, reopenRectification, submitEvidence } from "../evaluation/rectification.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput } from "../shared/station-procedures.ts";
import { authedProcedure, router } from "../trpc.ts";
import { assertMayScore } from "./evaluations.ts";

const raise = authedProcedure.meta({ access: "station", permission: "evaluation.score", write: true });
const close = authedProcedure.meta({ access: "station", permission: "rectification.close", write: true });
const itemInput = stationInput.extend({ itemId: z.uuid() });
const ZCommentSchema = z.string().trim().max(500);

/** Rectification (整改, issue 5 item 8, R15): findings with owners, due days, evidence and the bureau's closure. */
export const rectificationRouter = router({
  /** A finding raised by the bureau or an evaluator, owned by a station member. */
  create: raise.input(stationInput.extend({ item: ZRectificationSchema, idempotencyKey: ZIdempotencyKeySchema })).mutation(({ ctx, input }) =>
    ctx.tx(async (tx) => {
      await assertMayScore(ctx, tx);
      return once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "rectification.create", input }, () => createRectification(tx, actorOf(ctx, input.stationId), input.item));
    }),
  ),

  /** Who may be named owner: the station's members. */
  owners: authedProcedure
    .meta({ access: "station", permission: "evaluation.score" })
    .input(stationInput)
    .query(({ ctx, input }) => ctx.tx((tx) => rectificationOwners(tx, input.stationId))),

  list: authedProcedure
    .meta({ access: "station", permission: "evaluation.read" })
    .input(stationInput)
    .query(({ ctx, input }) => ctx.tx((tx) => listRectification(tx, input.stationId, todayInShanghai()))),

  /** The station answers with what it did; files are attached to the item first (attachments, kind 'rectification'). */
  submitEvidence: authedProcedure
    .meta({ access: "station", permission: "workspace.write", write: true })
    .input(itemInput.extend({ response: z.string().trim().max(2000) }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => submitEvidence(tx, actorOf(ctx, input.stationId), input.itemId, input.response))),

  close: close.input(itemInput.extend({ comment: ZCommentSchema })).mutation(({ ctx, input }) => ctx.tx((tx) => closeRectification(tx, actorOf(ctx, input.stationId), input.itemId, input.comment))),

  reopen: close
    .input(itemInput.extend({ comment: ZCommentSchema.min(1) }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => reopenRectification(tx, actorOf(ctx, input.stationId), input.itemId, input.comment))),

  /** The bureau's board over the stations under its division; overdue ones alone on request. */
  division: authedProcedure
    .meta({ access: "division", permission: "evaluation.read" })
    .input(z.object({ divisionCode: z.string(), onlyOverdue: z.boolean().default(false) }))
    .query(({ ctx, input }) => ctx.tx((tx) => divisionRectification(tx, input.divisionCode, todayInShanghai(), input.onlyOverdue))),
});
