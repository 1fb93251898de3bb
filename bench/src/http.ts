import { todayInShanghai } from "@shegong/domain";
import { loadThroughHttp, type Benchmark, type BenchRow } from "./harness.ts";
import { ensureBenchUsers, startServer, syntheticRegionDatabase, trpcQueryPath } from "./synthetic-region.ts";

const SECONDS = Number(process.env.SHEGONG_BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

/**
 * Issue 7 (speed): a typical authenticated station read through HTTP — session check, station
 * transaction, indexed query) — at least 40% of the throughput of a procedure that returns a
 * constant (health.ping) through the same Hono + tRPC stack, in the same run; the server's resident
 * memory under that load under 300 MB. The read is the register page's own first request
 * (PeopleRegisterPage: page 1 of 20 as of today); a 50-row page, the procedure's default, is
 * measured beside it, as the answer's size is a large part of the cost.
 */
async function measure(): Promise<BenchRow[]> {
  const region = await syntheticRegionDatabase();
  if (!region) {
    console.log("PostgreSQL not available (no TEST_DATABASE_URL, no server binaries): http benchmark skipped");
    return [];
  }
  const scale = region.scale;
  const server = await startServer(region.url);
  try {
    const { stationId } = await ensureBenchUsers(region.owner);
    const cookie = await server.login("bench.station");
    const rssAtStart = server.rssMB();
    const run = async (path: string, headers: Record<string, string>) => {
      const check = await fetch(server.base + path, { headers });
      if (!check.ok) throw new Error(`${path}: HTTP ${check.status} ${await check.text()}`);
      return loadThroughHttp({ url: server.base + path, connections: CONNECTIONS, duration: SECONDS, headers });
    };
    const constant = await run(trpcQueryPath("health.ping"), {});
    const read = await run(trpcQueryPath("people.list", { stationId, asOf: todayInShanghai(), page: 1, pageSize: 20 }), { cookie });
    const wide = await run(trpcQueryPath("people.list", { stationId, page: 1, pageSize: 50 }), { cookie });
    const rssAtEnd = server.rssMB();
    const ratio = read.requests.average / constant.requests.average;
    const wideRatio = wide.requests.average / constant.requests.average;
    console.log(
      `[http] constant ${Math.round(constant.requests.average)} req/s, station read ${Math.round(read.requests.average)} req/s (${(ratio * 100).toFixed(0)}%), ` +
        `50 rows ${Math.round(wide.requests.average)} req/s (${(wideRatio * 100).toFixed(0)}%), RSS ${rssAtStart.toFixed(0)} → ${rssAtEnd.toFixed(0)} MB`,
    );
    const label = `${CONNECTIONS} connections, ${SECONDS} s`;
    const baseline = { what: "health.ping through the same Hono + tRPC stack", value: constant.requests.average };
    return [
      { metric: `health.ping (constant) throughput, ${label}`, database: "postgres", scale, value: constant.requests.average, unit: "req/s" },
      { metric: `health.ping p99, ${label}`, database: "postgres", scale, value: constant.latency.p99, unit: "ms" },
      {
        metric: `people.list as the register page asks (page 1 of 20; session, station transaction, indexed query) throughput, ${label}`,
        database: "postgres",
        scale,
        value: read.requests.average,
        unit: "req/s",
        baseline,
        ratio,
        target: "ratio ≥ 0.40",
        meetsTarget: ratio >= 0.4,
      },
      { metric: `people.list page 1 of 20 p99, ${label}`, database: "postgres", scale, value: read.latency.p99, unit: "ms" },
      { metric: `people.list page 1 of 50 throughput, ${label}`, database: "postgres", scale, value: wide.requests.average, unit: "req/s", baseline, ratio: wideRatio },
      { metric: `people.list page 1 of 50 p99, ${label}`, database: "postgres", scale, value: wide.latency.p99, unit: "ms" },
      { metric: "server resident memory at start (signed in, before load)", database: "postgres", scale, value: rssAtStart, unit: "MB" },
      { metric: "server resident memory after the load", database: "postgres", scale, value: rssAtEnd, unit: "MB", target: "< 300 MB", meetsTarget: rssAtEnd < 300 },
    ];
  } finally {
    await server.stop();
    await region.close();
  }
}

export const httpBenchmark: Benchmark = {
  name: "http",
  description: "station read (people.list) vs a constant procedure through HTTP (autocannon, 20 connections), server RSS; PostgreSQL",
  run: measure,
};
