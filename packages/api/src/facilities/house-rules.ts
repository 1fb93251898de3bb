import type { Tx } from "@shegong/db";
import { HOUSE_RULES, type HouseRule, type THouseRuleRevision } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * The house rules on the wall (制度上墙, R8) as versioned documents: a revision is added, never
 * edited, so what was on the wall on any day can be shown to an inspector; the highest revision
 * is the one in force.
 */
export async function reviseHouseRule(tx: Tx, actor: ServiceActor, input: THouseRuleRevision) {
  // One writer at a time per rule: the revision number is read and taken under the station row's lock.
  await tx.selectFrom("station").select("id").where("id", "=", actor.stationId).forUpdate().executeTakeFirstOrThrow();
  const current = await tx
    .selectFrom("house_rule_revision")
    .select((eb) => eb.fn.max<number | null>("revision").as("revision"))
    .where("station_id", "=", actor.stationId)
    .where("rule", "=", input.rule)
    .executeTakeFirst();
  const currentRevision = current?.revision ?? null;
  // A writer who started from an older revision would silently drop the newer one's changes.
  if (currentRevision !== input.basedOnRevision) throw appError("HOUSE_RULE_REVISION_CONFLICT", { currentRevision });
  const revision = (currentRevision ?? 0) + 1;
  const row = await tx
    .insertInto("house_rule_revision")
    .values({ station_id: actor.stationId, rule: input.rule, revision, title: input.title, body: input.body, effective_on: input.effectiveOn, created_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "facilities.house_rule.revised", row.id, { rule: input.rule, revision, effectiveOn: input.effectiveOn });
  return { revisionId: row.id, revision };
}

const revisionColumns = ["r.id", "r.rule", "r.revision", "r.title", "r.body", "r.effective_on", "r.created_at", "u.display_name as created_by_name"] as const;

function revisionOf(r: { id: string; rule: string; revision: number; title: string; body: string; effective_on: string; created_at: Date; created_by_name: string | null }) {
  return { id: r.id, rule: r.rule as HouseRule, revision: r.revision, title: r.title, body: r.body, effectiveOn: r.effective_on, createdAt: r.created_at, createdByName: r.created_by_name };
}

/** Each required rule with its revision in force (null when the station has none yet). */
export async function currentHouseRules(tx: Tx, stationId: string) {
  const rows = await tx
    .selectFrom("house_rule_revision as r")
    .leftJoin("app_user as u", "u.id", "r.created_by")
    .select(revisionColumns)
    .distinctOn("r.rule")
    .where("r.station_id", "=", stationId)
    .orderBy("r.rule")
    .orderBy("r.revision", "desc")
    .execute();
  return HOUSE_RULES.map((rule) => {
    const row = rows.find((r) => r.rule === rule);
    return { rule, current: row ? revisionOf(row) : null };
  });
}

/** Every revision of one rule, newest first: who wrote each, when, and from when it applied. */
export async function houseRuleHistory(tx: Tx, stationId: string, rule: HouseRule) {
  const rows = await tx
    .selectFrom("house_rule_revision as r")
    .leftJoin("app_user as u", "u.id", "r.created_by")
    .select(revisionColumns)
    .where("r.station_id", "=", stationId)
    .where("r.rule", "=", rule)
    .orderBy("r.revision", "desc")
    .execute();
  return rows.map(revisionOf);
}
