import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createUser, loadSyntheticRegion, SYNTH_SCALES, type SynthScale } from "@shegong/api";
import { createPersonalDataCipher, hashPassword, resetSecondFactor, totpCodeAt } from "@shegong/auth";
import { loadDivisions, migrateToLatest, openDatabase, withOwnerScope, type ShegongDb } from "@shegong/db";
import { sql } from "kysely";
import pg from "pg";
import { startScriptNodeFlags } from "../../apps/api/scripts/start-flags.mjs";
import { freePort, startThrowawayCluster } from "../../tooling/pg-throwaway.mjs";

/**
 * The key the benchmark's server and loader share (a benchmark database holds synthetic people
 * only); SHEGONG_PII_KEY when given, so a region loaded by `pnpm shegong synth` reads back.
 */
export const BENCH_PII_KEY = process.env.SHEGONG_PII_KEY || Buffer.alloc(32, 11).toString("base64");
const PASSWORD = "bench passphrase 2026";

export interface SyntheticRegionDb {
  url: string;
  /** "region: 1405 stations, 1405000 people, 9835000 visits" */
  scale: string;
  /** Seconds the synthetic load took, when this run loaded it. */
  loadSeconds?: number;
  owner: ShegongDb;
  close(): Promise<void>;
}

/**
 * A PostgreSQL database holding the synthetic region: SHEGONG_BENCH_REGION_URL names one already
 * loaded by `pnpm shegong synth` (the region takes minutes to load, so two benchmarks can share
 * it); otherwise a new database on TEST_DATABASE_URL's server (or a throwaway cluster) is loaded
 * here at SHEGONG_BENCH_SCALE (small | prefecture | region; default region).
 */
export async function syntheticRegionDatabase(): Promise<SyntheticRegionDb | null> {
  const given = process.env.SHEGONG_BENCH_REGION_URL;
  if (given) {
    const owner = await openDatabase({ role: "owner", connectionString: given });
    await migrateToLatest(owner.db);
    return { url: given, scale: await describeScale(owner, process.env.SHEGONG_BENCH_SCALE ?? "given"), owner, close: () => owner.close() };
  }
  const scale = (process.env.SHEGONG_BENCH_SCALE ?? "region") as SynthScale;
  if (!(scale in SYNTH_SCALES)) throw new Error(`SHEGONG_BENCH_SCALE must be one of ${Object.keys(SYNTH_SCALES).join(", ")}`);
  let cluster: Awaited<ReturnType<typeof startThrowawayCluster>> = null;
  let server = process.env.TEST_DATABASE_URL;
  if (!server) {
    cluster = await startThrowawayCluster();
    server = cluster?.url;
  }
  if (!server) return null;
  const name = `shegong_bench_${scale}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const superuser = (await admin.query<{ rolsuper: boolean }>("select rolsuper from pg_roles where rolname = current_user")).rows[0]?.rolsuper ?? false;
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const owner = await openDatabase({ role: "owner", connectionString: url.toString() });
  await migrateToLatest(owner.db);
  await loadDivisions(owner.db, "xinjiang");
  console.log(`[synth] loading the ${scale} scale into ${name}`);
  const start = performance.now();
  await loadSyntheticRegion(owner, createPersonalDataCipher(Buffer.from(BENCH_PII_KEY, "base64")), { scale, seed: 1, trusted: superuser, log: (line) => console.log(`[synth] ${line}`) });
  const loadSeconds = (performance.now() - start) / 1000;
  return {
    url: url.toString(),
    scale: await describeScale(owner, scale),
    loadSeconds,
    owner,
    close: async () => {
      await owner.close();
      const drop = new pg.Client({ connectionString: server });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
      cluster?.stop();
    },
  };
}

async function describeScale(owner: ShegongDb, label: string): Promise<string> {
  // Planner estimates: exact counts of ten million rows would cost seconds for a label.
  const { rows } = await sql<{ relname: string; n: number }>`
    select relname, reltuples::int8 as n from pg_class where relname in ('station', 'person', 'visit') and relkind = 'r'`.execute(owner.db);
  const n = (t: string) => Math.max(0, Number(rows.find((r) => r.relname === t)?.n ?? 0));
  return `${label}: ${n("station")} stations, ~${n("person")} people, ~${n("visit")} visits`;
}

/** Users the benchmarks sign in as; created once per database. */
export async function ensureBenchUsers(owner: ShegongDb): Promise<{ stationId: string }> {
  const station = await owner.db.selectFrom("station").select("id").orderBy("division_code").executeTakeFirstOrThrow();
  const existing = await owner.db.selectFrom("app_user").select("username").where("username", "in", ["bench.region", "bench.station"]).execute();
  if (existing.length < 2) {
    const passwordHash = await hashPassword(PASSWORD);
    await withOwnerScope(owner.db, "65", async (tx) => {
      if (!existing.some((u) => u.username === "bench.region")) await createUser(tx, { username: "bench.region", displayName: "bench", passwordHash, role: "region_viewer", divisionCode: "65" }, null);
      if (!existing.some((u) => u.username === "bench.station")) await createUser(tx, { username: "bench.station", displayName: "bench", passwordHash, role: "social_worker", stationId: station.id }, null);
    });
  }
  // Supervising roles must sign in with a second factor: the bench enrols one afresh at each login,
  // so a key left by an earlier run (which nobody kept) goes first.
  const region = await owner.db.selectFrom("app_user").select("id").where("username", "=", "bench.region").executeTakeFirstOrThrow();
  await withOwnerScope(owner.db, "65", (tx) => resetSecondFactor(tx, region.id));
  const worker = await owner.db
    .selectFrom("role_grant as g")
    .innerJoin("app_user as u", "u.id", "g.user_id")
    .select("g.station_id")
    .where("u.username", "=", "bench.station")
    .executeTakeFirstOrThrow();
  return { stationId: worker.station_id! };
}

export interface RunningServer {
  base: string;
  pid: number;
  /** Resident set size of the server process, MB (from /proc). */
  rssMB(): number;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real server (apps/api/src/server.ts) as a child process on a free port: the benchmarks go
 * through HTTP, and its memory is its own, not the load generator's.
 */
export async function startServer(databaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const port = (await freePort()) as number;
  const cwd = fileURLToPath(new URL("../../apps/api/", import.meta.url));
  // The bundle `pnpm start` runs (built if stale), not the TypeScript loader: its memory and speed
  // are what an operator gets.
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-needed"], { cwd, stdio: "inherit" });
  const child: ChildProcess = spawn(process.execPath, [...startScriptNodeFlags(), ...serverNodeArgs(), "dist/server.mjs"], {
    cwd,
    env: { ...process.env, DATABASE_URL: databaseUrl, APP_DATABASE_URL: "", SHEGONG_PII_KEY: BENCH_PII_KEY, PORT: String(port), HOST: "127.0.0.1", SHEGONG_DEMO: "false", SHEGONG_ROLLUP_REFRESH_SECONDS: "3600", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes("Shegong on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening:\n${seen}`)));
  });
  // SHEGONG_BENCH_SERVER_LOG keeps what the server prints (e.g. under --trace-gc); otherwise it is dropped.
  const log = process.env.SHEGONG_BENCH_SERVER_LOG;
  if (log) child.stdout!.pipe(createWriteStream(log));
  else child.stdout!.resume();
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    pid: child.pid!,
    rssMB() {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async login(username) {
      const response = await fetch(`${base}/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ username, password: PASSWORD }) });
      if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
      const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const { mfa } = (await response.json()) as { mfa?: "enrol" | "required" };
      if (mfa === "required") throw new Error(`login ${username}: a second factor is enrolled and its key is unknown here (ensureBenchUsers resets it)`);
      if (mfa === "enrol") await enrolSecondFactor(base, cookie);
      return cookie;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Enrols a TOTP key the way a person does (begin, then a code from the key): the session becomes whole. */
async function enrolSecondFactor(base: string, cookie: string): Promise<void> {
  const post = async (procedure: string, input: unknown) => {
    const response = await fetch(`${base}/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", origin: base, cookie }, body: JSON.stringify(input) });
    if (!response.ok) throw new Error(`${procedure}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { result: { data: unknown } }).result.data;
  };
  const { secret } = (await post("me.mfa.beginEnrol", {})) as { secret: string };
  await post("me.mfa.confirmEnrol", { code: totpCodeAt(secret) });
}

/** SHEGONG_BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load. */
function serverNodeArgs(): string[] {
  return (process.env.SHEGONG_BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
}

/** A tRPC query as the browser's client sends it: GET /trpc/<path>?input=<json>. */
export function trpcQueryPath(procedure: string, input?: unknown): string {
  return `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
}
