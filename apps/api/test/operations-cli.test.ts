import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const apiDir = new URL("..", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "shegong-ops-cli-"));
const PII_KEY = Buffer.alloc(32, 9).toString("base64");
// Two deployments: the source, and the one a station moves to (PGlite folders, or PostgreSQL databases).
let source: TestDatabases | undefined;
let target: TestDatabases | undefined;

function cli(args: string[], deployment: "source" | "target" = "source", extra: Record<string, string> = {}) {
  const pg = deployment === "source" ? source : target;
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: apiDir,
    encoding: "utf8",
    env: {
      ...process.env,
      INIT_CWD: "",
      DATABASE_URL: pg?.url ?? "",
      SHEGONG_DATA_DIR: join(dir, `${deployment}-data`),
      SHEGONG_FILES_DIR: join(dir, `${deployment}-files`),
      SHEGONG_BACKUP_DIR: join(dir, "backups"),
      SHEGONG_PII_KEY: PII_KEY,
      SHEGONG_DEMO: "true",
      ...extra,
    },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The operator's resilience commands end to end: backup and its drill, restore, audit export and pruning, station moves. */
describe("pnpm shegong backup / restore / audit export / stations export+import", () => {
  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) [source, target] = await Promise.all([createTestDatabases("postgres"), createTestDatabases("postgres")]);
    expect(cli(["seed", "--demo"]).out).toContain("demo region seeded");
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("backs up, and the drill restores the newest backup into scratch and finds it equal", () => {
    const backup = cli(["backup"]);
    expect(backup.code, backup.err).toBe(0);
    expect(backup.out).toMatch(/^backup .*shegong-\d{8}T\d{6}Z: (pglite|postgres), .* in \d+ tables, \d+ audit chains/);
    const drill = cli(["backup", "drill"]);
    expect(drill.code, drill.out + drill.err).toBe(0);
    expect(drill.out).toMatch(/^ok: .* \d+ tables and \d+ audit-chain heads compared with the source/m);
    expect(cli(["restore-drill", "--help"]).out).toContain("backup drill");
    // A damaged dump fails the drill with a non-zero exit.
    const folder = join(dir, "backups", readdirSync(join(dir, "backups"))[0] as string);
    const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")) as { dump: { file: string } };
    const dump = join(folder, manifest.dump.file);
    const bytes = readFileSync(dump);
    writeFileSync(dump, Buffer.concat([bytes, Buffer.from("x")]));
    const damaged = cli(["backup", "drill"]);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain("does not match its SHA-256");
    writeFileSync(dump, bytes);
  }, 180_000);

  it("restores a backup into an empty database", () => {
    const folder = join(dir, "backups", readdirSync(join(dir, "backups"))[0] as string);
    if (!target) {
      const restored = cli(["restore", folder, "--data-dir", join(dir, "restored-data")]);
      expect(restored.code, restored.err).toBe(0);
      expect(restored.out).toContain("restored");
    }
  }, 120_000);

  it("exports signed audit lines that verify, refuses unsigned exports, and never prunes inside the retention", () => {
    const out = join(dir, "audit.jsonl");
    expect(cli(["audit", "export", "--since", "2020-01-01", "--out", out]).err).toContain("SHEGONG_AUDIT_SIGNING_KEY is not set");
    const key = /SHEGONG_AUDIT_SIGNING_KEY=(\S+)/.exec(cli(["audit", "keygen"]).out)?.[1] as string;
    const exported = cli(["audit", "export", "--since", "2020-01-01", "--out", out], "source", { SHEGONG_AUDIT_SIGNING_KEY: key });
    expect(exported.code, exported.err).toBe(0);
    const publicKey = /signed by (\S+)/.exec(exported.out)?.[1] as string;
    expect(cli(["audit", "verify-export", out, "--public-key", publicKey]).out).toMatch(/^ok: \d+ events/);
    writeFileSync(out, readFileSync(out, "utf8").replace('"outcome":"success"', '"outcome":"failure"'));
    expect(cli(["audit", "verify-export", out, "--public-key", publicKey]).code).toBe(1);

    expect(cli(["audit", "prune", "--dry-run"]).out).toMatch(/would prune 0 events/);
    const tooShort = cli(["audit", "prune"], "source", { SHEGONG_AUDIT_RETENTION_MONTHS: "5" });
    expect(tooShort.code).toBe(2);
    expect(tooShort.err).toContain("SHEGONG_AUDIT_RETENTION_MONTHS must be at least 6");
    expect(cli(["audit", "prune", "--before", "2099-01-01"]).err).toContain("refused");
  }, 120_000);

  it("moves a station to another deployment and refuses it the second time", () => {
    const archive = join(dir, "liugong.station.gz");
    const exported = cli(["stations", "export", "changjishi-liugongzhen", "--out", archive]);
    expect(exported.code, exported.err).toBe(0);
    // The import migrates an empty deployment first (as every CLI command does), then restores the station.
    const imported = cli(["stations", "import", archive], "target");
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/imported 昌吉市六工镇社会工作服务站 \(changjishi-liugongzhen\): \d+ rows/);
    const again = cli(["stations", "import", archive], "target");
    expect(again.code).toBe(1);
    expect(again.err).toContain("STATION_EXISTS");
  }, 180_000);
});
