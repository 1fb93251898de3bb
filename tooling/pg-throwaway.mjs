// A throwaway PostgreSQL cluster on loopback from Debian's server binaries (tests and benchmarks).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const script = new URL("./pg-cluster.sh", import.meta.url).pathname;

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], "bin") : null;
}

/** Starts a cluster; resolves to { url, stop } or null when PostgreSQL is not installed. */
export async function startThrowawayCluster() {
  if (!findPostgresBin()) return null;
  const dir = mkdtempSync(join(tmpdir(), "shegong-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const result = spawnSync("bash", [script, "start", join(dir, "data"), String(port)], { encoding: "utf8" });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    return null;
  }
  return {
    url: result.stdout.trim(),
    stop: () => {
      spawnSync("bash", [script, "stop", join(dir, "data")], { stdio: "inherit" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
