import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { citizenIdCheckChar } from "@shegong/domain";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const apiDir = new URL("..", import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), "shegong-cli-"));
// On the PostgreSQL pass the CLI works on a fresh database of its own; otherwise on a PGlite folder.
let postgres: TestDatabases | undefined;

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: apiDir,
    input,
    encoding: "utf8",
    // On PostgreSQL the master key for ID numbers must be given (the embedded default makes its own).
    env: { ...process.env, SHEGONG_DATA_DIR: dataDir, DATABASE_URL: postgres?.url ?? "", INIT_CWD: "", SHEGONG_PII_KEY: postgres ? Buffer.alloc(32, 5).toString("base64") : "" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The operator CLI (`pnpm shegong …`) on the embedded database, end to end. */
describe("pnpm shegong", () => {
  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) postgres = await createTestDatabases("postgres");
  });
  afterAll(async () => {
    await postgres?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("explains itself", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["migrate", "seed --demo", "admin create", "admin reset-mfa", "stations onboard", "stations list", "audit verify"]) expect(help.out).toContain(command);
    expect(cli(["stations", "--help"]).out).toContain("--all-under");
  });

  it("migrates, creates the first admin from standard input, onboards, lists and verifies the audit chain", () => {
    expect(cli(["migrate"]).out).toMatch(/16250 divisions/);
    const weak = cli(["admin", "create", "--username", "zizhiqu.admin", "--role", "region_admin", "--scope", "65"], "12345678\n");
    expect(weak.code).not.toBe(0);
    const admin = cli(["admin", "create", "--username", "zizhiqu.admin", "--role", "region_admin", "--scope", "65"], "a long and private passphrase\n");
    expect(admin.out).toContain("created zizhiqu.admin");
    const onboard = cli(["stations", "onboard", "--division", "652301105", "--division", "652301104"]);
    expect(onboard.out).toContain("昌吉市六工镇社会工作服务站");
    expect(onboard.out).toContain("2 onboarded");
    const again = cli(["stations", "onboard", "--division", "652301105"]);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain("STATION_ALREADY_ONBOARDED");
    const list = JSON.parse(cli(["stations", "list", "--json"]).out) as { slug: string; status: string }[];
    expect(list.map((s) => s.slug)).toEqual(["changjishi-daxiquzhen", "changjishi-liugongzhen"]);
    const verify = cli(["audit", "verify"]);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^ok: 3 events in 3 chains/);
    // A lost phone with nobody above to reset it: the operator removes the second factor.
    expect(cli(["admin", "reset-mfa", "--username", "zizhiqu.admin"]).out).toContain("zizhiqu.admin had no second factor");
    expect(cli(["admin", "reset-mfa", "--username", "nobody.here"]).code).not.toBe(0);
  });

  it("lists ledgers, imports one (dry run first, then for real) and exports it", async () => {
    const kinds = JSON.parse(cli(["ledgers", "--json"]).out) as { key: string; title: string }[];
    expect(kinds).toContainEqual({ key: "elderly_tekun", title: "特困老人台账" });
    const first17 = "65230119500315121";
    const good = first17 + citizenIdCheckChar(first17);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("台账");
    sheet.addRows([["六工镇特困老人台账"], ["姓名", "身份证号码"], ["张三", good], ["李四", "652301500315121"]]);
    const file = join(dataDir, "ledger.xlsx");
    await book.xlsx.writeFile(file);
    const dry = cli(["import", "--station", "changjishi-liugongzhen", "--ledger", "elderly_tekun", file, "--dry-run"]);
    expect(dry.code).toBe(1);
    expect(dry.out).toContain("created 1, updated 0, unchanged 0, rejected 1");
    expect(dry.out).toMatch(/row 4 身份证号: .*15位/);
    const real = cli(["import", "--station", "changjishi-liugongzhen", "--ledger", "特困老人台账", file]);
    expect(real.out).toContain("created 1");
    const again = cli(["import", "--station", "changjishi-liugongzhen", "--ledger", "elderly_tekun", file, "--dry-run"]);
    expect(again.out).toContain("created 0, updated 0, unchanged 1, rejected 1");
    const out = join(dataDir, "out.xlsx");
    const exported = cli(["export", "--station", "changjishi-liugongzhen", "--ledger", "elderly_tekun", "--out", out]);
    expect(exported.out).toContain("1 people");
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(out);
    expect(String(back.worksheets[0]!.getCell("E4").value)).toBe(`652301********${good.slice(-4)}`);
    const unreadable = join(dataDir, "not.xlsx");
    writeFileSync(unreadable, "姓名,身份证号\n");
    expect(cli(["import", "--station", "changjishi-liugongzhen", "--ledger", "elderly_tekun", unreadable]).code).toBe(2);
  });

  it("payouts verify prints the count per rule, changes nothing the second time and exits 2 on an unreadable file", async () => {
    const first17 = "65230119500315121";
    const zhang = first17 + citizenIdCheckChar(first17); // 张三, imported above as 特困老人, 76 years old
    const other17 = "65230119400101777";
    const stranger = other17 + citizenIdCheckChar(other17);
    const book = new ExcelJS.Workbook();
    book.addWorksheet("花名册").addRows([["高龄补贴发放花名册"], ["户名", "身份证号", "金额", "账号"], ["张三", zhang, 80, "6217000012345678"], ["王五", stranger, 80, "6217000087654321"]]);
    const file = join(dataDir, "payouts.xlsx");
    await book.xlsx.writeFile(file);
    const args = ["payouts", "verify", "--station", "changjishi-liugongzhen", "--kind", "advanced_age", "--month", "2026-11", file];
    const first = cli(args);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("2 rows, 4 discrepancies");
    expect(first.out).toMatch(/not_in_registry\s+1/);
    expect(first.out).toMatch(/age\s+1/);
    expect(first.out).toMatch(/category_missing\s+1/);
    expect(first.out).toMatch(/no_recent_visit\s+1/);
    expect(first.out).toMatch(/amount\s+0/);
    const again = cli(args);
    expect(again.out).toContain("already verified");
    const standards = join(dataDir, "standards.json");
    const one = { kind: "advanced_age", regionCode: "65", band: "80_89", validFrom: "2026-01-01", validTo: null, amountFen: 8000 };
    writeFileSync(standards, JSON.stringify([one, { ...one, band: "90_99", amountFen: 10000 }]));
    expect(cli(["payouts", "standards", standards]).out).toContain("2 payment standards loaded");
    expect(cli(["payouts", "standards", standards]).out).toContain("2 payment standards loaded");
    writeFileSync(standards, JSON.stringify([{ ...one, band: "70_79" }]));
    expect(cli(["payouts", "standards", standards]).code).toBe(2);
    const unreadable = join(dataDir, "not-a-roster.xlsx");
    writeFileSync(unreadable, "姓名,身份证号\n");
    expect(cli([...args.slice(0, -1), unreadable]).code).toBe(2);
  });

  it("rollups refresh brings the reporting rollup up to date and rollups check finds a tampered number", async () => {
    const refresh = cli(["rollups", "refresh", "--all"]);
    expect(refresh.code, refresh.err).toBe(0);
    expect(refresh.out).toMatch(/refreshed \d+ station-months/);
    const check = cli(["rollups", "check", "--sample", "5"]);
    expect(check.out).toContain("ok: every rollup equals its recomputation");
    expect(check.code).toBe(0);
    const db = postgres ? postgres.owner : await openDatabase({ role: "owner", dataDir });
    await sql`update station_month_fact set value = value + 1 where indicator = 'people.registered' and value > 0`.execute(db.db);
    if (!postgres) await db.close();
    const tampered = cli(["rollups", "check", "--sample", "5"]);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toMatch(/MISMATCH station .* people\.registered: rollup 2, raw facts 1/);
  });

  it("audit verify names the first broken link after tampering", async () => {
    const db = postgres ? postgres.owner : await openDatabase({ role: "owner", dataDir });
    await sql`update audit_event set target = 'forged' where seq = 1 and action = 'station.onboard' and target = '652301105'`.execute(db.db);
    const station = await db.db.selectFrom("station").select("id").where("division_code", "=", "652301105").executeTakeFirstOrThrow();
    if (!postgres) await db.close();
    const verify = cli(["audit", "verify"]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(new RegExp(`BROKEN: chain ${station.id} at seq 1 \\(hash\\)`));
  });
});
