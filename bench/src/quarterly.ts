import { quarterlySummary, quarterlyWorkbook } from "@shegong/api";
import { createPersonalDataCipher } from "@shegong/auth";
import { withStation } from "@shegong/db";
import { loadRegister } from "./bulk-register.ts";
import { createTestDatabases } from "@shegong/db/test-db";
import { CATEGORY_KEYS, citizenIdCheckChar, maskCitizenId, quarterRange } from "@shegong/domain";
import { sql } from "kysely";
import { randomUUID } from "node:crypto";
import { onBothDatabases, timed, withRatio, type Benchmark, type BenchRow } from "./harness.ts";
import { syntheticName } from "./synthetic-ledger.ts";
import { onboardMeasuredAndWarmStations } from "./bench-stations.ts";

/**
 * Issue 5 item 6: building a quarterly ledger package (summary and workbook) for a station with
 * 2,000 people and 25,000 visits in the quarter, under 5 s on PostgreSQL — beside a baseline from
 * the same run: one plain count over the same visits.
 */
const PEOPLE = Number(process.env.SHEGONG_BENCH_QUARTERLY_PEOPLE ?? 2_000);
const VISITS = Number(process.env.SHEGONG_BENCH_QUARTERLY_VISITS ?? 25_000);
const QUARTER = "2026-Q3";
const TODAY = "2026-11-27";
const pii = createPersonalDataCipher(new Uint8Array(32).fill(7));
const range = quarterRange(QUARTER);
const KINDS = ["patrol", "follow_up", "household_investigation"];

function personId(i: number): string {
  const first17 = `652301${1930 + (i % 80)}${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (Math.floor(i / 12) % 28)).padStart(2, "0")}${String(i % 1000).padStart(3, "0")}`;
  return first17 + citizenIdCheckChar(first17);
}

async function loadStation(handle: Awaited<ReturnType<typeof createTestDatabases>>["owner"], stationId: string) {
  const people: (string | Uint8Array | null)[][] = [];
  const categories: (string | null)[][] = [];
  const visits: (string | number | null)[][] = [];
  const ids: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const citizenId = personId(i);
    const birth = `${citizenId.slice(6, 10)}-${citizenId.slice(10, 12)}-${citizenId.slice(12, 14)}`;
    const id = randomUUID();
    ids.push(id);
    people.push([stationId, id, syntheticName(i), `pinyin${i}`, `py${i % 100}`, pii.encrypt(citizenId), pii.blindIndex(citizenId), maskCitizenId(citizenId), i % 2 ? "female" : "male", birth, `${Number(birth.slice(0, 4)) + 18}${birth.slice(4)}`, "2024-01-01", null, "active"]);
    // Each person holds one or two of the statutory categories, as registers do.
    categories.push([stationId, id, CATEGORY_KEYS[i % CATEGORY_KEYS.length]!, "2024-01-01"]);
    if (i % 3 === 0) categories.push([stationId, id, CATEGORY_KEYS[(i + 5) % CATEGORY_KEYS.length]!, "2024-06-01"]);
  }
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  for (let v = 0; v < VISITS; v++) {
    const day = new Date(Date.parse(range.from) + (v % days) * 86_400_000).toISOString().slice(0, 10);
    visits.push([stationId, randomUUID(), day, KINDS[v % 3]!, "home", 20 + (v % 40), ids[v % PEOPLE]!, "elderly", "none", `第${v}次走访，情况正常`]);
  }
  await loadRegister(handle, { people, categories, visits }, { risk: "text", summary: "text" });
}

async function measure(kind: "pglite" | "postgres"): Promise<BenchRow[]> {
  const dbs = await createTestDatabases(kind);
  try {
    const [stationId, warmStationId] = await onboardMeasuredAndWarmStations(dbs.owner);
    const load = await timed(() => loadStation(dbs.owner, stationId));
    console.log(`[${kind}] ${PEOPLE} people and ${VISITS} visits loaded in ${(load.ms / 1000).toFixed(1)} s`);
    const build = (station: string) =>
      withStation(dbs.app.db, station, async (tx) => {
        const summary = await quarterlySummary(tx, station, QUARTER, TODAY);
        const file = await quarterlyWorkbook(tx, pii, station, summary);
        return { summary, bytes: file.bytes.length };
      });
    // Warm, as a server is: a package for an empty station first, so the figure is not JIT warm-up.
    await build(warmStationId);

    const count = () =>
      withStation(dbs.app.db, stationId, (tx) =>
        sql<{ n: number }>`select count(*)::int as n from visit where station_id = ${stationId} and visited_on between ${range.from} and ${range.to}`.execute(tx),
      );
    await count();
    const baseline = await timed(count);
    if (baseline.result.rows[0]!.n !== VISITS) throw new Error(`baseline counted ${baseline.result.rows[0]!.n} visits, expected ${VISITS}`);

    const summaryOnly = await timed(() => withStation(dbs.app.db, stationId, (tx) => quarterlySummary(tx, stationId, QUARTER, TODAY)));
    const full = await timed(() => build(stationId));
    const visitsDone = full.result.summary.indicators.find((i) => i.indicator === "visits.done")!.total;
    if (visitsDone !== VISITS) throw new Error(`the package counted ${visitsDone} visits, expected ${VISITS}`);
    console.log(`[${kind}] workbook ${(full.result.bytes / 1024 / 1024).toFixed(1)} MB; summary alone ${summaryOnly.ms.toFixed(0)} ms`);
    const scale = `${PEOPLE} people, ${VISITS} visits in the quarter`;
    const what = "one plain count over the same visits";
    const target = (ms: number) => (kind === "postgres" ? { target: "< 5000 ms", meetsTarget: ms < 5_000 } : {});
    return [
      withRatio({ metric: "build a quarterly package (summary + xlsx workbook)", database: kind, scale, value: full.ms, unit: "ms", baseline: { what, value: baseline.ms }, ...target(full.ms) }),
      withRatio({ metric: "its summary alone (the quarter's numbers)", database: kind, scale, value: summaryOnly.ms, unit: "ms", baseline: { what, value: baseline.ms } }),
    ];
  } finally {
    await dbs.close();
  }
}

export const quarterlyBenchmark: Benchmark = {
  name: "quarterly",
  description: "build a quarterly ledger package for a station with 2,000 people and 25,000 visits, PGlite and PostgreSQL",
  run: () => onBothDatabases(measure),
};
