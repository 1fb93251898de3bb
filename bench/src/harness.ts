import autocannon from "autocannon";
import { startThrowawayCluster } from "../../tooling/pg-throwaway.mjs";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

/**
 * The one benchmark harness (`pnpm bench [name]`): each benchmark measures its subject beside a
 * baseline in the same run, prints a table and writes bench/results/<name>.json.
 */
export interface BenchRow {
  metric: string;
  database?: string;
  value: number;
  unit: "ms" | "s" | "rows/s" | "req/s" | "MB" | "count";
  /** How much data it ran on (the synthetic region's scale, or a count). */
  scale?: string;
  baseline?: { what: string; value: number };
  /** value / baseline: how many baselines the subject costs. */
  ratio?: number;
  target?: string;
  meetsTarget?: boolean;
}

export interface Benchmark {
  name: string;
  description: string;
  /** Long drills (minutes) run only when named, not in `pnpm bench` with no name. */
  onlyWhenNamed?: boolean;
  run(): Promise<BenchRow[]>;
}

export function withRatio(row: Omit<BenchRow, "ratio">): BenchRow {
  return row.baseline && row.baseline.value > 0 ? { ...row, ratio: row.value / row.baseline.value } : row;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/** The machine the numbers come from: they mean little without it. */
export function machineInfo() {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? "unknown",
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    /** 1-minute load average when the report was written: a shared machine makes numbers noisy. */
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function report(name: string, rows: BenchRow[]) {
  const machine = machineInfo();
  console.log(`\n${name} (${machine.cores} cores, ${machine.memoryGiB} GiB, load ${machine.loadAverage})`);
  console.table(
    rows.map((r) => ({
      metric: r.metric,
      database: r.database ?? "",
      scale: r.scale ?? "",
      value: `${r.value.toFixed(1)} ${r.unit}`,
      baseline: r.baseline ? `${r.baseline.value.toFixed(1)} ${r.unit} (${r.baseline.what})` : "",
      ratio: r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : "",
      target: r.target ?? "",
      ok: r.meetsTarget === undefined ? "" : r.meetsTarget ? "yes" : "NO",
    })),
  );
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), JSON.stringify({ name, at: new Date().toISOString(), node: process.version, machine, rows: rows.map((r) => ({ ...r, machine: `${machine.cores} cores, ${machine.memoryGiB} GiB` })) }, null, 2) + "\n");
}

/** Calls per latency measurement; SHEGONG_BENCH_ROUNDS lowers it for a quick look. */
export const BENCH_ROUNDS = Number(process.env.SHEGONG_BENCH_ROUNDS ?? 200);

/** Per-call latencies in ms after a warm-up; the call number is passed so calls can vary their input. */
export async function latencies(fn: (i: number) => Promise<unknown>, { warmup = 20, rounds = BENCH_ROUNDS } = {}): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn(warmup + i);
    samples.push(performance.now() - start);
  }
  return samples;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/**
 * Runs a measurement on the embedded database, then on PostgreSQL: TEST_DATABASE_URL if set, else
 * a throwaway cluster from Debian's binaries; says so when there is none.
 */
export async function onBothDatabases(measure: (kind: "pglite" | "postgres") => Promise<BenchRow[]>): Promise<BenchRow[]> {
  // SHEGONG_BENCH_DB=pglite|postgres narrows a run to one database while tuning.
  const only = process.env.SHEGONG_BENCH_DB;
  const rows = only === "postgres" ? [] : await measure("pglite");
  if (only === "pglite") return rows;
  let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> = null;
  if (!process.env.TEST_DATABASE_URL) {
    cluster = await startThrowawayCluster();
    if (cluster) process.env.TEST_DATABASE_URL = cluster.url;
  }
  try {
    if (process.env.TEST_DATABASE_URL) rows.push(...(await measure("postgres")));
    else console.log("PostgreSQL not available (no TEST_DATABASE_URL, no server binaries): measured PGlite only");
  } finally {
    cluster?.stop();
  }
  return rows;
}

/** Seconds of load before each measured HTTP run, thrown away (SHEGONG_BENCH_WARMUP_SECONDS). */
const HTTP_WARMUP_SECONDS = Number(process.env.SHEGONG_BENCH_WARMUP_SECONDS ?? 3);

/**
 * Loads a URL with autocannon after a warm-up of the same load, so the numbers are a running
 * server's (code compiled by the JIT, connections open, planner caches filled), not its first
 * seconds. Any non-2xx answer or error fails the run.
 */
export async function loadThroughHttp(options: { url: string; connections: number; duration: number; headers?: Record<string, string> }): Promise<autocannon.Result> {
  if (HTTP_WARMUP_SECONDS > 0) await autocannon({ ...options, duration: HTTP_WARMUP_SECONDS });
  const result = await autocannon(options);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors under load`);
  return result;
}
