import { PUBLIC_MESSAGE_STATUSES, ZPolicyExplainerSchema, ZPolicyTopicSchema, ZPublicMessageHandlingSchema, ZPublicProfileSchema, ZStationNewsSchema } from "@shegong/domain";
import { z } from "zod";
import {
  createNews,
  handleMessage,
  listInbox,
  listNews,
  readPolicyExplainers,
  readPublicProfile,
  removeNews,
  resetPolicyExplainer,
  savePolicyExplainer,
  savePublicProfile,
  updateNews,
} from "../disclosure/manage-disclosure.ts";
import { invalidatePublicPage } from "../disclosure/public-page-cache.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead } from "../shared/station-procedures.ts";
import { authedProcedure, router } from "../trpc.ts";

const manage = authedProcedure.meta({ access: "station", permission: "disclosure.manage", write: true });
const inboxRead = authedProcedure.meta({ access: "station", permission: "inbox.read" });
const inboxHandle = authedProcedure.meta({ access: "station", permission: "inbox.handle", write: true });
const onNews = stationInput.extend({ newsId: z.uuid() });

/** Runs an edit of what the public page shows, then drops the cached page once it has committed. */
async function thenRefresh<T>(stationId: string, edit: Promise<T>): Promise<T> {
  const result = await edit;
  invalidatePublicPage(stationId);
  return result;
}

/** Public disclosure (issue 5 item 9, R18, R19): what /p/<slug> says, and the inbox behind its form. */
export const disclosureRouter = router({
  profile: stationRead.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => readPublicProfile(tx, input.stationId))),

  saveProfile: manage
    .input(stationInput.extend({ profile: ZPublicProfileSchema }))
    .mutation(({ ctx, input }) => thenRefresh(input.stationId, ctx.tx((tx) => savePublicProfile(tx, actorOf(ctx, input.stationId), input.profile)))),

  explainers: stationRead.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => readPolicyExplainers(tx, input.stationId))),

  saveExplainer: manage
    .input(stationInput.extend({ topic: ZPolicyTopicSchema, explainer: ZPolicyExplainerSchema }))
    .mutation(({ ctx, input }) => thenRefresh(input.stationId, ctx.tx((tx) => savePolicyExplainer(tx, actorOf(ctx, input.stationId), input.topic, input.explainer)))),

  resetExplainer: manage
    .input(stationInput.extend({ topic: ZPolicyTopicSchema }))
    .mutation(({ ctx, input }) => thenRefresh(input.stationId, ctx.tx((tx) => resetPolicyExplainer(tx, actorOf(ctx, input.stationId), input.topic)))),

  news: stationRead.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => listNews(tx, input.stationId))),

  createNews: manage
    .input(stationInput.extend({ news: ZStationNewsSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      thenRefresh(
        input.stationId,
        ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "disclosure.createNews", input }, () => createNews(tx, actorOf(ctx, input.stationId), input.news))),
      ),
    ),

  updateNews: manage
    .input(onNews.extend({ news: ZStationNewsSchema }))
    .mutation(({ ctx, input }) => thenRefresh(input.stationId, ctx.tx((tx) => updateNews(tx, actorOf(ctx, input.stationId), input.newsId, input.news)))),

  removeNews: manage.input(onNews).mutation(({ ctx, input }) => thenRefresh(input.stationId, ctx.tx((tx) => removeNews(tx, actorOf(ctx, input.stationId), input.newsId)))),

  inbox: inboxRead
    .input(stationInput.extend({ status: z.enum(PUBLIC_MESSAGE_STATUSES).optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listInbox(tx, input.stationId, input.status))),

  handleMessage: inboxHandle
    .input(stationInput.extend({ messageId: z.uuid(), handling: ZPublicMessageHandlingSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => handleMessage(tx, actorOf(ctx, input.stationId), input.messageId, input.handling))),
});
