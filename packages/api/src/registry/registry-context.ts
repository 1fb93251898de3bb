import type { PersonalDataCipher } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import { DEFAULT_REGION_RULES, todayInShanghai, type TRegionRules } from "@shegong/domain";
import { sql } from "kysely";

/** What every registry write needs: the station, the cipher, who acts, today, and the region's age rules. */
export interface RegistryContext {
  stationId: string;
  cipher: PersonalDataCipher;
  actorUserId: string | null;
  today: string;
  rules: TRegionRules;
}

/** The nearest region rule above the station (prefecture over region), else the defaults (高龄 from 80). */
export async function regionRulesFor(tx: Tx, stationId: string): Promise<TRegionRules> {
  const row = await tx
    .selectFrom("region_rule as r")
    .innerJoin("station as s", (join) => join.on(sql<boolean>`s.division_code like r.division_code || '%'`))
    .select(["r.advanced_age_from"])
    .where("s.id", "=", stationId)
    .orderBy(sql`length(r.division_code)`, "desc")
    .executeTakeFirst();
  return row ? { ...DEFAULT_REGION_RULES, advancedAgeFrom: row.advanced_age_from } : DEFAULT_REGION_RULES;
}

export async function registryContext(tx: Tx, stationId: string, cipher: PersonalDataCipher, actorUserId: string | null): Promise<RegistryContext> {
  return { stationId, cipher, actorUserId, today: todayInShanghai(), rules: await regionRulesFor(tx, stationId) };
}
