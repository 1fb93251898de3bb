import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../tooling/pg-throwaway.mjs";
import { withRatio, type Benchmark, type BenchRow } from "./harness.ts";

const apiDir = new URL("../../apps/api/", import.meta.url).pathname;

/** Spawns a server and times the first `GET /healthz` answering ok. */
async function timeToHealthy(args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: "ignore" });
  try {
    for (let i = 0; i < 1200; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok && ((await res.json()) as { status: string }).status === "ok") return performance.now() - start;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("server did not become healthy in 60 s");
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

/** Foundation issue: first start (migrate + demo seed) under 30 s; later starts under 3 s. */
export const startupBenchmark: Benchmark = {
  name: "startup",
  description: "server start to /healthz = ok on the embedded database: first start and later start",
  async run(): Promise<BenchRow[]> {
    const dataDir = mkdtempSync(join(tmpdir(), "shegong-bench-start-"));
    const env = { SHEGONG_DATA_DIR: dataDir, SHEGONG_DEMO: "true", DATABASE_URL: "", HOST: "127.0.0.1" };
    // What `pnpm start` runs: the bundled server (built here first when its sources changed).
    const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { cwd: apiDir, stdio: "inherit" });
    if (build.status !== 0) throw new Error("server build failed");
    const serverArgs = ["dist/server.mjs"];
    const plainNode = `require("http").createServer((q,s)=>s.end('{"status":"ok"}')).listen(process.env.PORT,"127.0.0.1")`;
    try {
      const baseline = await timeToHealthy(["-e", plainNode], {}, apiDir);
      const first = await timeToHealthy(serverArgs, env, apiDir);
      const later = await timeToHealthy(serverArgs, env, apiDir);
      const what = "bare Node HTTP server answering the same request";
      return [
        withRatio({ metric: "first start: migrate + divisions + demo seed", database: "pglite", value: first, unit: "ms", baseline: { what, value: baseline }, target: "< 30000 ms", meetsTarget: first < 30_000 }),
        withRatio({ metric: "later start", database: "pglite", value: later, unit: "ms", baseline: { what, value: baseline }, target: "< 3000 ms", meetsTarget: later < 3000 }),
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
