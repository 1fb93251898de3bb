import { readFileSync } from "node:fs";

/**
 * The Node flags `pnpm start` gives the server (apps/api's start script): the one place they are
 * written, read by the benchmarks (their server runs as an operator's does) and by the test that
 * holds the systemd unit and the container to the same flags.
 */
export function startScriptNodeFlags() {
  const start = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts.start;
  const match = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+dist\/server\.mjs/.exec(start);
  if (!match) throw new Error(`apps/api's start script does not run dist/server.mjs: ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
}
