import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { citizenIdCheckChar, todayInShanghai } from "@shegong/domain";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { findPostgresBin, freePort } from "../../../tooling/pg-throwaway.mjs";

/**
 * Crash drills (issue 8 item 3), against the real server process: it is killed with SIGKILL in the
 * middle of a burst of visit writes and of a large ledger import, then restarted on the same data.
 * Every write that was acknowledged must be there, no half of an import may be visible, and
 * retrying every request with its idempotency key completes each exactly once. On PostgreSQL the
 * database itself is stopped in immediate mode (as in a power cut) at the same moment.
 */
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const PG_BIN = findPostgresBin();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ci = process.env.CI === "true" || process.env.CI === "1";
if (onPostgres && !PG_BIN && ci) throw new Error("CI=true: the PostgreSQL crash drill needs the server binaries (apt-get install postgresql)");

const ORIGIN_HEADERS = (base: string) => ({ "content-type": "application/json", origin: base });
const DEMO_PASSWORD = "shegong-demo-2026";

/** A throwaway PostgreSQL cluster this test may stop in immediate mode (initdb refuses root: run as postgres). */
function pgCluster(dir: string, port: number) {
  const script = join(REPO, "tooling", "pg-cluster.sh");
  const run = (...args: string[]) => {
    const r = spawnSync("bash", [script, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pg-cluster.sh ${args[0]} failed: ${r.stderr}`);
    return r.stdout.trim();
  };
  const asPostgres = (cmd: string[]) => (process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", ...cmd]] : [cmd[0]!, cmd.slice(1)]) as [string, string[]];
  return {
    start: () => run("start", dir, String(port)),
    /** A power cut as far as the database knows: no checkpoint, recovery from the WAL at the next start. */
    crash: () => {
      const [cmd, args] = asPostgres([join(PG_BIN!, "pg_ctl"), "-D", dir, "-m", "immediate", "stop"]);
      const r = spawnSync(cmd, args, { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`pg_ctl stop -m immediate failed: ${r.stderr}`);
    },
    stop: () => run("stop", dir),
  };
}

interface Server {
  base: string;
  child: ChildProcess;
  log: () => string;
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/server.ts"], {
    cwd: REPO,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", SHEGONG_DEMO: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (c: Buffer) => (log += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (log += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${log.slice(-3000)}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child, log: () => log.slice(-3000) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGKILL");
  throw new Error(`server not healthy in time:\n${log.slice(-3000)}`);
}

async function kill(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGKILL");
  await exited;
}

/**
 * As a phone does: a request whose connection broke is sent again (a write with the same
 * idempotency key). After a restart on the same port, a pooled socket to the killed server can
 * still be handed out once and reset.
 */
async function send(url: string, init: RequestInit, serverLog: () => string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) {
        throw Object.assign(new Error(`${url}: ${(error as Error).message} (${String((error as { cause?: unknown }).cause)})\nserver log:\n${serverLog()}`), { cause: error });
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** A signed-in client of one server: tRPC over HTTP as the browser speaks it. */
async function client(base: string, username: string, serverLog: () => string = () => "") {
  const login = await send(`${base}/auth/login`, { method: "POST", headers: ORIGIN_HEADERS(base), body: JSON.stringify({ username, password: DEMO_PASSWORD }) }, serverLog);
  if (!login.ok) throw new Error(`login ${username}: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const call = async (path: string, input: unknown, method: "GET" | "POST") => {
    const url = method === "GET" ? `${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `${base}/trpc/${path}`;
    const res = await send(url, { method, headers: { ...ORIGIN_HEADERS(base), cookie }, body: method === "POST" ? JSON.stringify(input) : undefined }, serverLog);
    const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
    if (!res.ok || !body.result) throw Object.assign(new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`), { status: res.status });
    return body.result.data;
  };
  return { query: <T>(path: string, input: unknown) => call(path, input, "GET") as Promise<T>, mutate: <T>(path: string, input: unknown) => call(path, input, "POST") as Promise<T> };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平";

/** A 特困老人台账 of `count` people nobody has registered (serials the demo never uses). */
async function ledgerOf(count: number, run: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow(["序号", "姓名", "身份证号", "纳入日期"]);
  for (let i = 0; i < count; i++) {
    const birth = `19${30 + (i % 20)}${String(1 + (Math.floor(i / 20) % 12)).padStart(2, "0")}${String(1 + (Math.floor(i / 240) % 28)).padStart(2, "0")}`;
    const first17 = `652301${birth}${String(700 + run * 100 + (Math.floor(i / 6720) % 100)).padStart(3, "0")}`;
    sheet.addRow([i + 1, `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[i % GIVEN.length]}`, first17 + citizenIdCheckChar(first17), "2024-01-01"]);
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString("base64");
}

type Client = Awaited<ReturnType<typeof client>>;

interface Drill {
  start(): Promise<Server>;
  crash(server: Server): Promise<void>;
  cleanup(): void;
}

function embeddedDrill(): Drill {
  const dataDir = mkdtempSync(join(tmpdir(), "shegong-crash-"));
  let port = 0;
  return {
    async start() {
      port ||= await freePort();
      return startServer({ SHEGONG_DATA_DIR: dataDir, DATABASE_URL: "" }, port);
    },
    crash: kill,
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function postgresDrill(): Promise<Drill> {
  const dir = mkdtempSync(join(tmpdir(), "shegong-crash-pg-"));
  const files = mkdtempSync(join(tmpdir(), "shegong-crash-files-"));
  const pgPort = await freePort();
  const cluster = pgCluster(dir, pgPort);
  const url = cluster.start();
  let port = 0;
  return {
    async start() {
      port ||= await freePort();
      return startServer({ DATABASE_URL: url, SHEGONG_PII_KEY: Buffer.alloc(32, 7).toString("base64"), SHEGONG_FILES_DIR: files }, port);
    },
    async crash(server) {
      cluster.crash();
      await kill(server);
      cluster.start();
    },
    cleanup() {
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(files, { recursive: true, force: true });
    },
  };
}

const drillKind = onPostgres ? (PG_BIN ? "postgres" : null) : "embedded";

describe.skipIf(drillKind === null)(`crash drills on ${drillKind === "postgres" ? "PostgreSQL (immediate-mode stop)" : "the embedded database"} (issue 8 item 3)`, () => {
  let drill: Drill;
  let server: Server;
  let worker: Client;
  let stationId: string;
  let personIds: string[];
  const today = todayInShanghai();
  const run = `${Date.now() % 100000}`;

  afterAll(async () => {
    if (server) await kill(server);
    drill?.cleanup();
  });

  const restart = async () => {
    await drill.crash(server);
    server = await drill.start();
    worker = await client(server.base, "liugong.worker", server.log);
  };

  it("starts the server and finds the demo station's people", async () => {
    drill = drillKind === "postgres" ? await postgresDrill() : embeddedDrill();
    server = await drill.start();
    worker = await client(server.base, "liugong.worker", server.log);
    const me = await worker.query<{ stations: { id: string }[] }>("me.get", undefined);
    stationId = me.stations[0]!.id;
    const people = await worker.query<{ items: { id: string }[] }>("people.list", { stationId, pageSize: 20 });
    personIds = people.items.map((p) => p.id);
    expect(personIds.length).toBeGreaterThan(5);
  }, 240_000);

  it("every acknowledged visit survives a kill in the middle of a burst; retries store each once", async () => {
    const requests = Array.from({ length: 48 }, (_, i) => ({
      stationId,
      idempotencyKey: `crash-${run}-visit-${i}`,
      visit: {
        visitedOn: today,
        kind: "patrol",
        mode: "home",
        durationMinutes: 15,
        subject: { personId: personIds[i % personIds.length] },
        workerUserIds: [] as string[],
        area: "elderly",
        findings: {},
        summary: `崩溃演练 ${run} #${i}`,
      },
    }));
    const me = await worker.query<{ user: { id: string } }>("me.get", undefined);
    for (const r of requests) r.visit.workerUserIds = [me.user.id];
    const acknowledged = new Map<number, string>();
    let killing: Promise<void> | null = null;
    // Four lanes, as four phones in the villages; the server dies once a dozen visits are stored.
    await Promise.all(
      [0, 1, 2, 3].map(async (lane) => {
        for (let i = lane; i < requests.length; i += 4) {
          try {
            const done = await worker.mutate<{ visitId: string }>("visits.create", requests[i]);
            acknowledged.set(i, done.visitId);
            if (acknowledged.size === 12) killing = drill.crash(server);
          } catch {
            // Not acknowledged: the phone would retry later.
          }
        }
      }),
    );
    await killing;
    expect(acknowledged.size).toBeGreaterThanOrEqual(12);
    expect(acknowledged.size).toBeLessThan(requests.length);
    server = await drill.start();
    worker = await client(server.base, "liugong.worker", server.log);
    for (const [i, visitId] of acknowledged) {
      await expect(worker.query("visits.get", { stationId, visitId })).resolves.toMatchObject({ id: visitId, summary: requests[i]!.visit.summary });
    }
    // Every phone retries everything it sent: the acknowledged ones come back as they were.
    for (const [i, r] of requests.entries()) {
      const done = await worker.mutate<{ visitId: string }>("visits.create", r);
      if (acknowledged.has(i)) expect(done.visitId).toBe(acknowledged.get(i));
    }
    const month = await worker.query<{ summary: string | null }[]>("visits.inPeriod", { stationId, period: { month: today.slice(0, 7) } });
    const ours = month.filter((v) => v.summary?.startsWith(`崩溃演练 ${run} `));
    expect(ours).toHaveLength(requests.length);
    expect(new Set(ours.map((v) => v.summary)).size).toBe(requests.length);
  }, 400_000);

  it("an import killed halfway is all there or not there at all; its retry imports it once", async () => {
    const count = 5_000;
    const file = { stationId, kind: "elderly_tekun", fileName: `crash-${run}.xlsx`, fileBase64: await ledgerOf(count, Number(run) % 2) };
    const before = (await worker.query<{ total: number }>("people.list", { stationId, pageSize: 1 })).total;
    const preview = await worker.mutate<{ created: number }>("ledgers.preview", file);
    expect(preview, JSON.stringify(preview).slice(0, 600)).toMatchObject({ created: count });
    const commit = { ...file, idempotencyKey: `crash-${run}-import` };
    const sent = worker.mutate("ledgers.commit", commit).then(
      () => "acknowledged",
      () => "lost",
    );
    // Kill while the import's transaction is at work (reading and planning 5,000 rows takes longer than this).
    await new Promise((r) => setTimeout(r, 700));
    await restart();
    const outcome = await sent;
    const afterCrash = (await worker.query<{ total: number }>("people.list", { stationId, pageSize: 1 })).total;
    expect([before, before + count]).toContain(afterCrash);
    if (outcome === "acknowledged") expect(afterCrash).toBe(before + count);
    await worker.mutate("ledgers.commit", commit);
    await worker.mutate("ledgers.commit", commit);
    expect((await worker.query<{ total: number }>("people.list", { stationId, pageSize: 1 })).total).toBe(before + count);
    const history = await worker.query<{ file_name: string }[]>("ledgers.history", { stationId });
    expect(history.filter((h) => h.file_name === file.fileName)).toHaveLength(1);
  }, 400_000);
});
