import { DEMO_PASSWORD } from "@shegong/api";
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { onBothDatabases, type Benchmark, type BenchRow } from "./harness.ts";
import { startServer, trpcQueryPath, type RunningServer } from "./synthetic-region.ts";

const SECONDS = Number(process.env.SHEGONG_BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const TARGET_P99_MS = 20;

/**
 * Issue 5 item 9 (speed): the public disclosure page /p/<slug> — no login, server-rendered, cached
 * a few seconds — at p99 under 20 ms with 100 concurrent requests, through real HTTP to the server
 * as a child process, beside /healthz (one database round trip) loaded the same way in the same run.
 */
async function measure(kind: "pglite" | "postgres"): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "shegong-bench-public-"));
  let dropDatabase: (() => Promise<void>) | null = null;
  let databaseUrl = "";
  if (kind === "postgres") {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `shegong_bench_public_${process.pid}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const drop = new pg.Client({ connectionString: server });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    };
  }
  // The demo region (Liugong with its agreement, news and registry): what a real station's page holds.
  let server: RunningServer | null = null;
  try {
    server = await startServer(databaseUrl, { SHEGONG_DATA_DIR: dataDir, SHEGONG_DEMO: "true", SHEGONG_FILES_DIR: join(dataDir, "files") });
    const slug = await liugongSlug(server);
    // As a browser asks: gzip accepted (the page is ~60 KB of UTF-8 Chinese, ~12 KB gzipped).
    const headers = { "accept-encoding": "gzip, deflate, br" };
    const run = async (path: string, strict = true) => {
      const check = await fetch(server!.base + path);
      if (!check.ok) throw new Error(`${path}: HTTP ${check.status} ${await check.text()}`);
      const result = await autocannon({ url: server!.base + path, connections: CONNECTIONS, duration: SECONDS, headers });
      if (strict && (result.non2xx > 0 || result.errors > 0)) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors under load`);
      return result;
    };
    // The baseline may time out under this load (each /healthz is a database round trip, and the
    // embedded database answers one at a time): counted and reported, not fatal.
    const health = await run("/healthz", false);
    const page = await run(`/p/${slug}`);
    const ratio = page.latency.p99 / health.latency.p99;
    console.log(`[public-page ${kind}] /healthz p99 ${health.latency.p99} ms (${Math.round(health.requests.average)} req/s, ${health.errors} timeouts); /p/${slug} p99 ${page.latency.p99} ms (${Math.round(page.requests.average)} req/s)`);
    const label = `${CONNECTIONS} connections, ${SECONDS} s`;
    return [
      { metric: `/healthz p99, ${label}${health.errors ? ` (${health.errors} timed out)` : ""}`, database: kind, value: health.latency.p99, unit: "ms" },
      { metric: `/healthz throughput, ${label}`, database: kind, value: health.requests.average, unit: "req/s" },
      {
        metric: `public page /p/<slug> p99, ${label}`,
        database: kind,
        value: page.latency.p99,
        unit: "ms",
        baseline: { what: "/healthz through the same server in the same run", value: health.latency.p99 },
        ratio,
        target: `p99 < ${TARGET_P99_MS} ms`,
        meetsTarget: page.latency.p99 < TARGET_P99_MS,
      },
      { metric: `public page throughput, ${label}`, database: kind, value: page.requests.average, unit: "req/s", baseline: { what: "/healthz", value: health.requests.average }, ratio: page.requests.average / health.requests.average },
      { metric: "server resident memory after the load", database: kind, value: server.rssMB(), unit: "MB" },
    ];
  } finally {
    await server?.stop();
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The demo station's slug, read as the app reads it: signed in as its worker, from the workspace. */
async function liugongSlug(server: RunningServer): Promise<string> {
  const signIn = await fetch(`${server.base}/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: server.base }, body: JSON.stringify({ username: "liugong.worker", password: DEMO_PASSWORD }) });
  if (!signIn.ok) throw new Error(`login: HTTP ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const get = async (procedure: string, input?: unknown) => {
    const response = await fetch(server.base + trpcQueryPath(procedure, input), { headers: { cookie } });
    if (!response.ok) throw new Error(`${procedure}: HTTP ${response.status} ${await response.text()}`);
    return ((await response.json()) as { result: { data: unknown } }).result.data;
  };
  const me = (await get("me.get")) as { stations: { id: string }[] };
  const stationId = me.stations[0]?.id;
  if (!stationId) throw new Error("the demo worker has no station");
  return ((await get("workspace.get", { stationId })) as { slug: string }).slug;
}

export const publicPageBenchmark: Benchmark = {
  name: "public-page",
  description: "public disclosure page /p/<slug> p99 at 100 concurrent requests vs /healthz (autocannon); demo region, PGlite and PostgreSQL",
  run: () => onBothDatabases(measure),
};
