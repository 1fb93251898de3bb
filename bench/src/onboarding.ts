import { onboardStations } from "@shegong/api";
import { withDivisionScope } from "@shegong/db";
import { createTestDatabases } from "@shegong/db/test-db";
import { DEFAULT_PRIMARY_COLOR, todayInShanghai } from "@shegong/domain";
import { sql } from "kysely";
import { onBothDatabases, timed, withRatio, type Benchmark, type BenchRow } from "./harness.ts";

/**
 * Foundation issue: onboarding all ~1,405 Xinjiang township units as stations in one action, under
 * 2 s on PGlite and PostgreSQL, beside a plain multi-row INSERT of the same rows (no RLS, no
 * triggers, no history, no audit) into a scratch table in the same database.
 */
async function measure(kind: "pglite" | "postgres"): Promise<BenchRow> {
  const dbs = await createTestDatabases(kind);
  try {
    const towns = await dbs.owner.db.selectFrom("division").select(["code", "name"]).where("level", "=", 4).execute();
    await sql`create table bench_plain_station (id uuid primary key default gen_random_uuid(), division_code text not null unique,
      slug text not null, plaque_name text not null, status text not null, status_since date not null, primary_color text not null)`.execute(dbs.owner.db);
    const today = todayInShanghai();
    const baseline = await timed(() =>
      sql`insert into bench_plain_station (division_code, slug, plaque_name, status, status_since, primary_color)
        values ${sql.join(towns.map((t) => sql`(${t.code}, ${`s-${t.code}`}, ${`${t.name}社会工作服务站`}, 'onboarding', ${today}, ${DEFAULT_PRIMARY_COLOR})`))}`.execute(dbs.owner.db),
    );
    const actor = { userId: "00000000-0000-0000-0000-000000000000", username: "bench", ip: "127.0.0.1" };
    const onboard = await timed(() =>
      withDivisionScope(dbs.app.db, "65", (tx) => onboardStations(tx, { scopeCode: "65", allUnder: "65", initialStatus: "onboarding" }, actor)),
    );
    if (onboard.result.created.length !== towns.length) throw new Error(`onboarded ${onboard.result.created.length} of ${towns.length}`);
    return withRatio({
      metric: `onboard all ${towns.length} Xinjiang townships (stations + history + audit, as app role under RLS)`,
      database: kind,
      value: onboard.ms,
      unit: "ms",
      baseline: { what: "plain multi-row INSERT of the same rows", value: baseline.ms },
      target: "< 2000 ms",
      meetsTarget: onboard.ms < 2000,
    });
  } finally {
    await dbs.close();
  }
}

export const onboardingBenchmark: Benchmark = {
  name: "onboarding",
  description: "onboard every township of Xinjiang in one action, PGlite and PostgreSQL",
  run() {
    return onBothDatabases(async (kind) => [await measure(kind)]);
  },
};
