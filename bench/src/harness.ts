import { mkdirSync, writeFileSync } from "node:fs";

/**
 * The one benchmark harness (`pnpm bench [name]`): each benchmark measures its subject beside a
 * baseline in the same run, prints a table and writes bench/results/<name>.json.
 */
export interface BenchRow {
  metric: string;
  database?: string;
  value: number;
  unit: "ms" | "s" | "rows/s";
  baseline?: { what: string; value: number };
  /** value / baseline: how many baselines the subject costs. */
  ratio?: number;
  target?: string;
  meetsTarget?: boolean;
}

export interface Benchmark {
  name: string;
  description: string;
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

export function report(name: string, rows: BenchRow[]) {
  console.log(`\n${name}`);
  console.table(
    rows.map((r) => ({
      metric: r.metric,
      database: r.database ?? "",
      value: `${r.value.toFixed(1)} ${r.unit}`,
      baseline: r.baseline ? `${r.baseline.value.toFixed(1)} ${r.unit} (${r.baseline.what})` : "",
      ratio: r.ratio !== undefined ? `${r.ratio.toFixed(2)}×` : "",
      target: r.target ?? "",
      ok: r.meetsTarget === undefined ? "" : r.meetsTarget ? "yes" : "NO",
    })),
  );
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${name}.json`, dir), JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows }, null, 2) + "\n");
}
