#!/usr/bin/env node
// The whole test suite, one command (`pnpm test`):
//   1. typecheck every package;
//   2. every test on the embedded database (PGlite), plus the browser test in Debian's Chromium;
//   3. the database-backed tests again on a real PostgreSQL server — TEST_DATABASE_URL if given,
//      otherwise a throwaway cluster started here from the Debian `postgresql` binaries.
// What cannot run here is said plainly and skipped; under CI=true nothing may be skipped.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { startThrowawayCluster } from "./pg-throwaway.mjs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const ci = process.env.CI === "true" || process.env.CI === "1";
const DB_PROJECTS = ["@shegong/db", "@shegong/auth", "@shegong/api", "@shegong/api-server"];
const skipped = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failedSteps = 0;

function say(line) {
  console.log(`\n[test] ${line}`);
}

function skip(what, why) {
  if (ci) {
    console.error(`[test] CI=true: cannot skip ${what}: ${why}`);
    process.exit(1);
  }
  skipped.push(`${what} (${why})`);
  say(`SKIPPED ${what}: ${why}`);
}

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function vitest(label, args, env) {
  const report = join(mkdtempSync(join(tmpdir(), "shegong-report-")), "report.json");
  say(label);
  const code = await run("pnpm", ["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args], env);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests + (json.numTotalTestSuites > 0 && code !== 0 && json.numFailedTests === 0 ? 1 : 0);
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } else if (code !== 0) {
    totals.failed += 1;
  }
  if (code !== 0) failedSteps += 1;
}

say("typecheck");
if ((await run("pnpm", ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"])) !== 0) {
  failedSteps += 1;
  totals.failed += 1;
}

const browserEnv = {};
if (!existsSync("/usr/bin/chromium")) {
  skip("the browser test", "Chromium is not installed at /usr/bin/chromium (apt-get install chromium)");
  browserEnv.SHEGONG_SKIP_BROWSER = "1";
}
const pglite = { ...browserEnv, TEST_DATABASE_URL: "" };
await vitest("all tests on the embedded database (PGlite)" + (browserEnv.SHEGONG_SKIP_BROWSER ? "" : " and the browser test"), [], pglite);

let cluster = null;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  cluster = await startThrowawayCluster();
  url = cluster?.url;
}
if (url) {
  try {
    await vitest(`database tests on PostgreSQL (${url.replace(/:[^:@/]*@/, ":***@")})`, DB_PROJECTS.flatMap((p) => ["--project", p]), {
      TEST_DATABASE_URL: url,
    });
  } finally {
    cluster?.stop();
  }
} else {
  skip("the PostgreSQL pass", "no TEST_DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)");
}

console.log("\n[test] summary");
if (skipped.length) for (const s of skipped) console.log(`[test] skipped: ${s}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps > 0 || totals.failed > 0 ? 1 : 0);
