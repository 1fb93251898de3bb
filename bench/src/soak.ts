import { loadavg } from "node:os";
import autocannon from "autocannon";
import { sql } from "kysely";
import { startPgBouncer } from "../../tooling/pgbouncer.mjs";
import type { Benchmark, BenchRow } from "./harness.ts";
import { ensureBenchUsers, startServer, syntheticRegionDatabase, trpcQueryPath } from "./synthetic-region.ts";

const SECONDS = Number(process.env.SHEGONG_SOAK_SECONDS ?? 600);
const SLICE_SECONDS = Math.min(60, SECONDS);
const CONNECTIONS = 50;

/**
 * Issue 8's long drill (`pnpm bench soak`): ten minutes of mixed reads and writes from 50
 * connections against PostgreSQL through PgBouncer in transaction mode — the register, the due
 * list, a person's visits, and recording visits (each with its own idempotency key). It reports the
 * errors (must be 0), p99 latency minute by minute, and the server's memory at the start and the
 * end (growth under 10%). The baseline for the latency is the same server's health.ping in the run.
 */
async function measure(): Promise<BenchRow[]> {
  process.env.SHEGONG_BENCH_SCALE ??= "small";
  const region = await syntheticRegionDatabase();
  if (!region) {
    console.log("PostgreSQL not available (no TEST_DATABASE_URL, no server binaries): soak skipped");
    return [];
  }
  const login = decodeURIComponent(new URL(region.url).username || "postgres");
  // The server's role logs in on its own behind the bouncer: no session-level SET ROLE to leak.
  await sql`alter role shegong_app login`.execute(region.owner.db);
  const bouncer = await startPgBouncer(region.url, { poolSize: 20, users: [login, "shegong_app"] });
  if (!bouncer) {
    await region.close();
    console.log("pgbouncer not installed (apt-get install pgbouncer): soak skipped");
    return [];
  }
  const server = await startServer(bouncer.url(login), { APP_DATABASE_URL: bouncer.url("shegong_app") });
  try {
    const { stationId } = await ensureBenchUsers(region.owner);
    const cookie = await server.login("bench.station");
    const headers = { cookie, origin: server.base, "content-type": "application/json" };
    const get = async <T>(path: string) => {
      const res = await fetch(server.base + path, { headers });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { result: { data: T } }).result.data;
    };
    const me = await get<{ user: { id: string } }>(trpcQueryPath("me.get"));
    const people = (await get<{ items: { id: string }[] }>(trpcQueryPath("people.list", { stationId, pageSize: 50 }))).items.map((p) => p.id);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let n = 0;
    const requests: autocannon.Request[] = [
      { method: "GET", path: trpcQueryPath("people.list", { stationId }) },
      { method: "GET", path: trpcQueryPath("visits.due", { stationId, mine: true }) },
      { method: "GET", path: trpcQueryPath("visits.forPerson", { stationId, personId: people[0] }) },
      {
        method: "POST",
        path: "/trpc/visits.create",
        setupRequest: (req) => {
          const i = n++;
          return {
            ...req,
            body: JSON.stringify({
              stationId,
              idempotencyKey: `soak-${process.pid}-${i}`,
              visit: { visitedOn: today, kind: "patrol", mode: "phone", durationMinutes: 10, subject: { personId: people[i % people.length] }, workerUserIds: [me.user.id], area: "elderly", findings: {} },
            }),
          };
        },
      },
    ];
    const ping = await autocannon({ url: server.base + trpcQueryPath("health.ping"), connections: CONNECTIONS, duration: 10 });
    const rssAtStart = server.rssMB();
    const slices: { minute: number; p99: number; rps: number; errors: number; rss: number }[] = [];
    for (let elapsed = 0, minute = 1; elapsed < SECONDS; elapsed += SLICE_SECONDS, minute++) {
      const slice = await autocannon({ url: server.base, connections: CONNECTIONS, duration: Math.min(SLICE_SECONDS, SECONDS - elapsed), headers, requests });
      // autocannon's `errors` already include its timeouts.
      const row = { minute, p99: slice.latency.p99, rps: slice.requests.average, errors: slice.errors + slice.non2xx, rss: server.rssMB() };
      slices.push(row);
      // Which kind of error, so a timeout under an overloaded machine is told from a server fault.
      const kinds = row.errors ? ` (timeouts ${slice.timeouts}, non-2xx ${slice.non2xx} ${JSON.stringify(slice.statusCodeStats)}, socket ${slice.errors - slice.timeouts})` : "";
      console.log(`[soak] slice ${minute}: ${Math.round(row.rps)} req/s, p99 ${row.p99} ms, errors ${row.errors}${kinds}, RSS ${row.rss.toFixed(0)} MB, machine load ${loadavg()[0]!.toFixed(1)}`);
    }
    const rssAtEnd = server.rssMB();
    const errors = slices.reduce((s, x) => s + x.errors, 0);
    const growth = (rssAtEnd - rssAtStart) / rssAtStart;
    const worstP99 = Math.max(...slices.map((s) => s.p99));
    const visitsWritten = Number((await sql<{ n: string }>`select count(*) as n from visit where station_id = ${stationId} and summary is null and mode = 'phone' and duration_minutes = 10`.execute(region.owner.db)).rows[0]?.n ?? 0);
    console.log(`[soak] ${errors} errors, ${visitsWritten} visits written, RSS ${rssAtStart.toFixed(0)} → ${rssAtEnd.toFixed(0)} MB (${(growth * 100).toFixed(1)}%)`);
    const label = `${CONNECTIONS} connections through PgBouncer (transaction mode), ${SECONDS} s`;
    return [
      { metric: `errors (non-2xx, socket errors, timeouts), ${label}`, database: "postgres", scale: region.scale, value: errors, unit: "count", target: "0", meetsTarget: errors === 0 },
      ...slices.map((s) => ({
        metric: `mixed reads and writes, p99 in minute ${s.minute}`,
        database: "postgres",
        scale: region.scale,
        value: s.p99,
        unit: "ms" as const,
        baseline: { what: "health.ping p99 through the same stack, 10 s before the soak", value: ping.latency.p99 },
        ratio: s.p99 / Math.max(1, ping.latency.p99),
      })),
      { metric: `server resident memory at the start of the soak`, database: "postgres", scale: region.scale, value: rssAtStart, unit: "MB" },
      { metric: `server resident memory at the end (growth ${(growth * 100).toFixed(1)}%)`, database: "postgres", scale: region.scale, value: rssAtEnd, unit: "MB", target: "growth < 10%", meetsTarget: growth < 0.1 },
      { metric: `worst minute's p99`, database: "postgres", scale: region.scale, value: worstP99, unit: "ms" },
    ];
  } finally {
    await server.stop();
    await bouncer.stop();
    await region.close();
  }
}

export const soakBenchmark: Benchmark = {
  name: "soak",
  onlyWhenNamed: true,
  description: "10 minutes of mixed reads and writes, 50 connections, through PgBouncer: errors, p99 per minute, server memory; PostgreSQL",
  run: measure,
};
