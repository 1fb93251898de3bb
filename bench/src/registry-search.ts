import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commitImport, createCaller, createDiskFileStore, createUser, onboardStations, planImport, readWorkbookRows, registryContext } from "@shegong/api";
import { createPersonalDataCipher, hashPassword, loadActiveGrants, login, validateSession } from "@shegong/auth";
import { withOwnerScope, withStation } from "@shegong/db";
import { createTestDatabases } from "@shegong/db/test-db";
import { LEDGER_KINDS, nameSearchKeys } from "@shegong/domain";
import { sql } from "kysely";
import { BENCH_ROUNDS, latencies, onBothDatabases, percentile, withRatio, type Benchmark, type BenchRow } from "./harness.ts";
import { syntheticLedger, syntheticName, syntheticRows } from "./synthetic-ledger.ts";

const PEOPLE = 20_000;
const pii = createPersonalDataCipher(new Uint8Array(32).fill(9));

/**
 * Issue 3: register list and search in a station with 20,000 people, p99 under 50 ms through the
 * API (the tRPC caller: auth middleware, station transaction, RLS), beside a trivial procedure
 * through the same path as the baseline.
 */
async function measure(kind: "pglite" | "postgres"): Promise<BenchRow[]> {
  const dbs = await createTestDatabases(kind);
  try {
    const actor = { userId: "00000000-0000-0000-0000-000000000000", username: "bench", ip: "127.0.0.1" };
    const passwordHash = await hashPassword("bench passphrase 2026");
    const stationId = await withOwnerScope(dbs.owner.db, "65", async (tx) => {
      const station = (await onboardStations(tx, { scopeCode: "65", townshipCodes: ["652301105"], initialStatus: "onboarding" }, actor)).created[0]!.id;
      await createUser(tx, { username: "bench.worker", displayName: "bench", passwordHash, role: "social_worker", stationId: station }, null);
      return station;
    });
    const rows = syntheticRows(PEOPLE);
    const sheet = await readWorkbookRows(await syntheticLedger(rows));
    await withStation(dbs.app.db, stationId, async (tx) => {
      const ctx = await registryContext(tx, stationId, pii, null);
      // Half the station holds the ledger's category, so the category register has 10,000 people too.
      const half = [sheet[0]!, sheet[1]!, ...sheet.slice(2, 2 + PEOPLE / 2)];
      await commitImport(tx, ctx, await planImport(tx, ctx, pii, LEDGER_KINDS.elderly_tekun, half), { name: "a", sha256: "a" }, { username: "b", ip: "b" });
      const rest = [sheet[0]!, sheet[1]!, ...sheet.slice(2 + PEOPLE / 2)];
      await commitImport(tx, ctx, await planImport(tx, ctx, pii, LEDGER_KINDS.people, rest), { name: "b", sha256: "b" }, { username: "b", ip: "b" });
    });
    // After a bulk load like this one PostgreSQL's autovacuum analyzes the tables, and the server
    // does the same on PGlite (analyzeEmbedded); do it now rather than measure the planner guessing
    // from empty statistics.
    await sql`analyze`.execute(dbs.owner.db);
    const signedIn = await login(dbs.app.db, { username: "bench.worker", password: "bench passphrase 2026", ip: "127.0.0.1" });
    if (!signedIn.ok) throw new Error(signedIn.code);
    const session = await validateSession(dbs.app.db, signedIn.token);
    const caller = createCaller({ database: dbs.app, pii, files: createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-bench-files-"))), session, grants: await loadActiveGrants(dbs.app.db, signedIn.userId), ip: "127.0.0.1", userAgent: "bench" });

    console.log(`[${kind}] ${PEOPLE} people loaded; measuring`);
    const baseline = await latencies(() => caller.divisions.path({ code: "652301105" }));
    const cases: [string, (i: number) => Promise<unknown>][] = [
      ["register: all people, page 1", () => caller.people.list({ stationId })],
      ["register: 特困老人 as of today, page 5", () => caller.people.list({ stationId, category: "elderly_tekun", page: 5 })],
      ["search: name", (i) => caller.people.list({ stationId, query: syntheticName(i * 37).slice(0, 2) })],
      ["search: pinyin initials", (i) => caller.people.list({ stationId, query: nameSearchKeys(syntheticName(i * 53)).initials })],
      ["search: last 4 ID digits", (i) => caller.people.list({ stationId, query: rows[(i * 97) % PEOPLE]!.citizenId.slice(-4) })],
      ["search: last 6 ID digits", (i) => caller.people.list({ stationId, query: rows[(i * 89) % PEOPLE]!.citizenId.slice(-6) })],
    ];
    const result: BenchRow[] = [];
    const base = { what: "p99 of a trivial procedure (divisions.path) through the same path", value: percentile(baseline, 99) };
    for (const [label, fn] of cases) {
      const p99 = percentile(await latencies(fn), 99);
      console.log(`[${kind}] ${label}: p99 ${p99.toFixed(1)} ms`);
      result.push(withRatio({ metric: `${label} (${PEOPLE} people), p99 of ${BENCH_ROUNDS}`, database: kind, value: p99, unit: "ms", baseline: base, target: "< 50 ms", meetsTarget: p99 < 50 }));
    }
    return result;
  } finally {
    await dbs.close();
  }
}

export const registrySearchBenchmark: Benchmark = {
  name: "registry-search",
  description: "register list and search through the API in a station of 20,000 people, PGlite and PostgreSQL",
  run() {
    return onBothDatabases(measure);
  },
};
