import type { Tx } from "@shegong/db";
import {
  DEFAULT_POLICY_EXPLAINERS,
  defaultPublicProfile,
  POLICY_TOPICS,
  type PolicyTopic,
  type PublicMessageKind,
  type PublicMessageStatus,
  type ServiceArea,
  type TPolicyExplainer,
  type TPublicMessageHandling,
  type TPublicProfile,
  type TStationNews,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * What a station says on its public page (issue 5 item 9, R18, R19), edited by its lead and
 * contractor, and the inbox behind the page's form. Every edit is audited; the routers drop the
 * cached page after the transaction commits.
 */

export async function readPublicProfile(tx: Tx, stationId: string): Promise<TPublicProfile & { edited: boolean }> {
  const row = await tx.selectFrom("station_public_profile").selectAll().where("station_id", "=", stationId).executeTakeFirst();
  if (!row) {
    const station = await tx.selectFrom("station").select("plaque_name").where("id", "=", stationId).executeTakeFirstOrThrow();
    return { ...defaultPublicProfile(station.plaque_name), edited: false };
  }
  return { address: row.address, openingHours: row.opening_hours, phone: row.phone, intro: row.intro, serviceAreas: row.service_areas as ServiceArea[], edited: true };
}

export async function savePublicProfile(tx: Tx, actor: ServiceActor, profile: TPublicProfile) {
  const values = {
    address: profile.address,
    opening_hours: profile.openingHours,
    phone: profile.phone,
    intro: profile.intro,
    service_areas: JSON.stringify(profile.serviceAreas),
    updated_by: actor.userId,
    updated_at: new Date(),
  };
  await tx
    .insertInto("station_public_profile")
    .values({ station_id: actor.stationId, ...values })
    .onConflict((oc) => oc.column("station_id").doUpdateSet(values))
    .execute();
  await auditAs(tx, actor, "disclosure.profile.saved", actor.stationId, { profile });
  return readPublicProfile(tx, actor.stationId);
}

/** All four explainers: the station's own where it has edited one, else the general text. */
export async function readPolicyExplainers(tx: Tx, stationId: string) {
  const rows = await tx.selectFrom("policy_explainer").selectAll().where("station_id", "=", stationId).execute();
  return POLICY_TOPICS.map((topic) => {
    const row = rows.find((r) => r.topic === topic);
    const explainer: TPolicyExplainer = row ? { title: row.title, conditions: row.conditions, procedure: row.procedure, standards: row.standards } : DEFAULT_POLICY_EXPLAINERS[topic];
    return { topic, ...explainer, edited: Boolean(row), updatedAt: row?.updated_at ?? null };
  });
}

export async function savePolicyExplainer(tx: Tx, actor: ServiceActor, topic: PolicyTopic, explainer: TPolicyExplainer) {
  const values = { ...explainer, updated_by: actor.userId, updated_at: new Date() };
  await tx
    .insertInto("policy_explainer")
    .values({ station_id: actor.stationId, topic, ...values })
    .onConflict((oc) => oc.columns(["station_id", "topic"]).doUpdateSet(values))
    .execute();
  await auditAs(tx, actor, "disclosure.explainer.saved", topic, { explainer });
  return readPolicyExplainers(tx, actor.stationId);
}

/** Back to the general text: the station's version is removed from the page (the audit log keeps it). */
export async function resetPolicyExplainer(tx: Tx, actor: ServiceActor, topic: PolicyTopic) {
  const removed = await tx.deleteFrom("policy_explainer").where("station_id", "=", actor.stationId).where("topic", "=", topic).returningAll().executeTakeFirst();
  if (removed) await auditAs(tx, actor, "disclosure.explainer.reset", topic, { previous: { title: removed.title, conditions: removed.conditions, procedure: removed.procedure, standards: removed.standards } });
  return readPolicyExplainers(tx, actor.stationId);
}

// ---------------------------------------------------------------------------------------------
// News

export async function listNews(tx: Tx, stationId: string) {
  const rows = await tx
    .selectFrom("station_news as n")
    .leftJoin("app_user as u", "u.id", "n.created_by")
    .select(["n.id", "n.title", "n.body", "n.published_on", "n.created_at", "n.updated_at", "u.display_name as author"])
    .where("n.station_id", "=", stationId)
    .where("n.removed_at", "is", null)
    .orderBy("n.published_on", "desc")
    .orderBy("n.created_at", "desc")
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, publishedOn: r.published_on, author: r.author, updatedAt: r.updated_at }));
}

export async function createNews(tx: Tx, actor: ServiceActor, news: TStationNews) {
  const row = await tx
    .insertInto("station_news")
    .values({ station_id: actor.stationId, title: news.title, body: news.body, published_on: news.publishedOn, created_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "disclosure.news.created", row.id, { title: news.title, publishedOn: news.publishedOn });
  return { newsId: row.id };
}

async function liveNews(tx: Tx, stationId: string, newsId: string) {
  const row = await tx.selectFrom("station_news").selectAll().where("station_id", "=", stationId).where("id", "=", newsId).where("removed_at", "is", null).forUpdate().executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  return row;
}

export async function updateNews(tx: Tx, actor: ServiceActor, newsId: string, news: TStationNews) {
  const before = await liveNews(tx, actor.stationId, newsId);
  await tx
    .updateTable("station_news")
    .set({ title: news.title, body: news.body, published_on: news.publishedOn, updated_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", newsId)
    .execute();
  await auditAs(tx, actor, "disclosure.news.updated", newsId, { previous: { title: before.title, body: before.body, publishedOn: before.published_on }, next: news });
  return { ok: true as const };
}

/** Taken off the page; the row stays, so what was published remains on record. */
export async function removeNews(tx: Tx, actor: ServiceActor, newsId: string) {
  const before = await liveNews(tx, actor.stationId, newsId);
  await tx.updateTable("station_news").set({ removed_at: new Date(), removed_by: actor.userId }).where("station_id", "=", actor.stationId).where("id", "=", newsId).execute();
  await auditAs(tx, actor, "disclosure.news.removed", newsId, { title: before.title });
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------------
// Inbox

export async function listInbox(tx: Tx, stationId: string, status?: PublicMessageStatus) {
  let query = tx
    .selectFrom("public_message as m")
    .leftJoin("app_user as u", "u.id", "m.handled_by")
    .select(["m.id", "m.reference", "m.kind", "m.body", "m.contact", "m.status", "m.reply", "m.received_at", "m.handled_at", "u.display_name as handled_by_name"])
    .where("m.station_id", "=", stationId);
  if (status) query = query.where("m.status", "=", status);
  const rows = await query.orderBy("m.received_at", "desc").limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    kind: r.kind as PublicMessageKind,
    body: r.body,
    contact: r.contact,
    status: r.status as PublicMessageStatus,
    reply: r.reply,
    receivedAt: r.received_at,
    handledAt: r.handled_at,
    handledByName: r.handled_by_name,
  }));
}

export async function handleMessage(tx: Tx, actor: ServiceActor, messageId: string, handling: TPublicMessageHandling) {
  const before = await tx.selectFrom("public_message").select(["status", "reply"]).where("station_id", "=", actor.stationId).where("id", "=", messageId).forUpdate().executeTakeFirst();
  if (!before) throw appError("NOT_FOUND");
  await tx
    .updateTable("public_message")
    .set({ status: handling.status, reply: handling.reply || before.reply, handled_by: actor.userId, handled_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", messageId)
    .execute();
  await auditAs(tx, actor, "disclosure.message.handled", messageId, { previous: before, next: handling });
  return { ok: true as const };
}
