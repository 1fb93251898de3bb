import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_DIR = join(REPO_DIR, "apps", "web");

export interface RunningServer {
  baseUrl: string;
  /** What the server printed, for a failure message. */
  output: () => string;
  stop: () => Promise<void>;
}

/** A port nobody is listening on right now: ask the OS for one, then let it go. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** The same step as `pnpm start`: build the web app unless dist is newer than its sources. */
export function buildWebIfNeeded(): void {
  const result = spawnSync(process.execPath, [join(WEB_DIR, "scripts", "build-if-needed.mjs")], { cwd: WEB_DIR, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`building the web app failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/**
 * The other step of `pnpm start`: bundle the server unless its bundle is newer than every source.
 * The browser tests then run exactly what `pnpm start` runs, dependencies resolved from apps/api
 * as in production (a dependency only a workspace package declares would fail here, not in use).
 */
export function buildServerIfNeeded(): void {
  const result = spawnSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { cwd: join(REPO_DIR, "apps", "api"), encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`bundling the server failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealthy(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok && ((await response.json()) as { status?: string }).status === "ok") return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not healthy within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts the real server (the bundle `pnpm start` runs, and the built web app) on a free port with its own embedded database in a
 * fresh folder, in demo mode. A PGlite folder may be opened by one process only, hence the fresh one.
 */
export async function startShegongServer(options: { healthTimeoutMs?: number } = {}): Promise<RunningServer> {
  buildWebIfNeeded();
  buildServerIfNeeded();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "shegong-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    SHEGONG_DATA_DIR: dataDir,
    SHEGONG_DEMO: "true",
    SHEGONG_WEB_DIST: join(WEB_DIR, "dist"),
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--enable-source-maps", "apps/api/dist/server.mjs"], { cwd: REPO_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log.slice(-4000);
  const baseUrl = `http://localhost:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(baseUrl, child, output, options.healthTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output, stop };
}
