import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { citizenId } from "./ids.ts";
import { readBack, workbook } from "./xlsx.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { appCode?: string }) => e.appCode ?? "NO_APP_CODE");

const WANG = citizenId("19400301", 401);
const LI = citizenId("19320505", 402);
const ZHANG = citizenId("19410202", 403);
const SUN = citizenId("19430707", 404);
const AYI = citizenId("19390909", 405);
const MA = citizenId("19371212", 406);
const STRANGER = citizenId("19380808", 407);

/** A roster the way a bank sends it, one row per rule it should trigger (row numbers in comments). */
function roster() {
  return workbook([
    ["六工镇2026年11月高龄补贴发放花名册"],
    ["序号", "户名", "公民身份号码", "银行账号", "发放金额（元）", "发放月份"],
    [1, "王建国", WANG, "6217000011112345", 80, "2026-11"], // row 3: clean
    [2, "李秀英", LI, "6217000011116789", "120.00", "2026年11月"], // row 4: clean (county standard)
    [3, "张德明", ZHANG, "6217000011110001", 80, "2026-11"], // row 5: died before the month
    [4, "孙福海", SUN, "6217000011110002", 80, "2026-11"], // row 6: never visited
    [5, "阿依古丽", AYI, "6217000011110003", 80, "2026-11"], // row 7: name differs
    [6, "王建国", WANG, "6217000011112345", 80, "2026-11"], // row 8: paid twice
    [7, "陌生人", STRANGER, "6217000011110004", 80, "2026-11"], // row 9: not in registry, and paid by station B
    ["合计", null, null, null, 560, null],
  ]);
}

describe("payouts: rosters verified against the registry", () => {
  let world: World;
  let workerId = "";
  const people: Record<string, string> = {};
  let rosterId = "";
  let rosterFile = "";

  beforeAll(async () => {
    world = await createWorld();
    const owner = world.dbs.owner.db;
    await owner
      .insertInto("payout_standard")
      .values([
        { kind: "advanced_age", region_code: "65", band: "80_89", valid_from: "2026-01-01", valid_to: null, amount_fen: 8000 },
        { kind: "advanced_age", region_code: "65", band: "90_99", valid_from: "2026-01-01", valid_to: null, amount_fen: 10000 },
        { kind: "advanced_age", region_code: "652301", band: "90_99", valid_from: "2026-01-01", valid_to: null, amount_fen: 12000 },
      ])
      .execute();
    rosterFile = await roster();
    const worker = await world.as("a.worker");
    workerId = (await owner.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const register = async (name: string, id: string, visit: boolean) => {
      const { personId } = await worker.people.create({
        stationId: world.stations.a,
        person: { name, citizenId: id },
        categories: [{ category: "elderly_advanced_age", startDate: "2025-01-01" }],
        idempotencyKey: key(),
      });
      if (visit)
        await worker.visits.create({
          stationId: world.stations.a,
          visit: { visitedOn: "2026-11-03", kind: "patrol", mode: "home", durationMinutes: 30, subject: { personId }, workerUserIds: [workerId], area: "elderly", findings: {}, risk: "none" },
          idempotencyKey: key(),
        });
      people[name] = personId;
    };
    await register("王建国", WANG, true);
    await register("李秀英", LI, true);
    await register("张德明", ZHANG, true);
    await register("孙福海", SUN, false);
    await register("阿依古丽·买买提", AYI, true);
    await register("马秀兰", MA, true);
    await owner.updateTable("person").set({ status: "deceased", died_on: "2026-09-10" }).where("id", "=", people["张德明"]!).execute();
    // Station B pays the stranger the same subsidy for the same month.
    const b = await world.as("b.admin");
    await b.payouts.verify({
      stationId: world.stations.b,
      kind: "advanced_age",
      month: "2026-11",
      fileName: "b.xlsx",
      fileBase64: await workbook([["姓名", "身份证号", "金额"], ["陌生人", STRANGER, 80]]),
      idempotencyKey: key(),
    });
  }, 120_000);
  afterAll(() => world?.close());

  it("flags every rule exactly where expected, and the reverse check finds who is missing", async () => {
    const worker = await world.as("a.worker");
    const result = await worker.payouts.verify({ stationId: world.stations.a, kind: "advanced_age", month: "2026-11", fileName: "高龄.xlsx", fileBase64: rosterFile, idempotencyKey: key() });
    rosterId = result.rosterId;
    expect(result).toMatchObject({ alreadyImported: false, rowsTotal: 7, discrepancyCount: 7 });
    expect(Object.fromEntries(Object.entries(result.counts).filter(([, n]) => n > 0))).toEqual({
      died_before_month: 1,
      no_recent_visit: 1,
      name_mismatch: 1,
      paid_twice: 1,
      not_in_registry: 1,
      paid_elsewhere: 1,
      missing_from_roster: 1,
    });
    const list = await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId });
    expect(list.map((d) => [d.rule, d.row_number ?? d.person_id]).sort()).toEqual(
      [
        ["died_before_month", 5],
        ["no_recent_visit", 6],
        ["name_mismatch", 7],
        ["paid_twice", 8],
        ["not_in_registry", 9],
        ["paid_elsewhere", 9],
        ["missing_from_roster", people["马秀兰"]],
      ].sort(),
    );
    // Nothing of station B is revealed: the explanation says only "another station".
    const elsewhere = list.find((d) => d.rule === "paid_elsewhere")!;
    expect(elsewhere.message_zh).toContain("其他站点");
    expect(elsewhere.message_zh).not.toContain("大西渠");
    // Only the account's last four digits are kept, and the ID only as blind index and masked form.
    const rows = await world.dbs.owner.db.selectFrom("payout_roster_row").select(["row_number", "account_last4", "id_masked"]).where("roster_id", "=", rosterId).orderBy("row_number").execute();
    expect(rows.map((r) => r.account_last4)).toEqual(["2345", "6789", "0001", "0002", "0003", "2345", "0004"]);
    expect(rows[0]!.id_masked).toMatch(/\*{8}/);
  });

  it("the same file again changes nothing", async () => {
    const worker = await world.as("a.worker");
    const again = await worker.payouts.verify({ stationId: world.stations.a, kind: "advanced_age", month: "2026-11", fileName: "高龄(1).xlsx", fileBase64: rosterFile, idempotencyKey: key() });
    expect(again).toMatchObject({ rosterId, alreadyImported: true, discrepancyCount: 7 });
    expect((await worker.payouts.rosters({ stationId: world.stations.a })).map((r) => r.id)).toEqual([rosterId]);
    expect(await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId })).toHaveLength(7);
  });

  it("rejects an unreadable file and a file with one bad row, writing nothing", async () => {
    const worker = await world.as("a.worker");
    const verify = (fileBase64: string) => worker.payouts.verify({ stationId: world.stations.a, kind: "advanced_age", month: "2026-10", fileName: "x.xlsx", fileBase64, idempotencyKey: key() });
    expect(await appCodeOf(verify(Buffer.from("not a workbook").toString("base64")))).toBe("LEDGER_UNREADABLE");
    expect(await appCodeOf(verify(await workbook([["姓名", "身份证号", "金额"], ["王建国", WANG, 80], ["李秀英", "652301193205051234", 120]])))).toBe("VALIDATION");
    expect(await appCodeOf(verify(await workbook([["名字", "号"], ["王建国", WANG]])))).toBe("LEDGER_HEADER");
    expect(await worker.payouts.rosters({ stationId: world.stations.a })).toHaveLength(1);
  });

  it("works a discrepancy: assign, link a visit, settle with an outcome and note, recording who and when", async () => {
    const worker = await world.as("a.worker");
    const died = (await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId })).find((d) => d.rule === "died_before_month")!;
    const visit = await world.dbs.owner.db.selectFrom("visit").select("id").where("person_id", "=", people["张德明"]!).executeTakeFirstOrThrow();
    const assigned = await worker.payouts.settle({ stationId: world.stations.a, discrepancyId: died.id, assignedUserId: workerId, evidenceVisitId: visit.id });
    expect(assigned).toMatchObject({ status: "open", assigned_user_id: workerId, evidence_visit_id: visit.id, settled_by: null });
    expect(await appCodeOf(worker.payouts.settle({ stationId: world.stations.a, discrepancyId: died.id, outcome: "recover_overpayment" }))).toBe("VALIDATION");
    const settled = await worker.payouts.settle({ stationId: world.stations.a, discrepancyId: died.id, outcome: "recover_overpayment", note: "家属已确认9月去世，追回11月补贴" });
    expect(settled).toMatchObject({ status: "settled", outcome: "recover_overpayment", settled_by: workerId });
    expect(settled.settled_at).toBeInstanceOf(Date);
    expect(await appCodeOf(worker.payouts.settle({ stationId: world.stations.a, discrepancyId: died.id, outcome: "correct", note: "x" }))).toBe("VALIDATION");
    expect((await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId, status: "open" })).map((d) => d.id)).not.toContain(died.id);
  });

  it("discrepancies found and settled reach the reporting rollups (issue 7), counted above the station as they are", async () => {
    while ((await refreshDirtyRollups(world.dbs.app.db, { today: todayInShanghai() })).stations > 0);
    const month = todayInShanghai().slice(0, 7);
    const own = await (await world.as("a.admin")).reporting.station({ stationId: world.stations.a, month, months: 1 });
    expect(own.months[0]!.values["payouts.found"]).toEqual({ died_before_month: 1, no_recent_visit: 1, name_mismatch: 1, paid_twice: 1, not_in_registry: 1, paid_elsewhere: 1, missing_from_roster: 1 });
    expect(own.months[0]!.values["payouts.settled"]).toEqual({ "": 1 });
    // Counts of findings, not of people: the prefecture sees 1, not "<5".
    const prefecture = await (await world.as("changji.pref")).reporting.division({ divisionCode: "6523", month });
    expect(prefecture.total["payouts.settled"]).toEqual({ "": 1 });
    expect(prefecture.total["payouts.found"]?.died_before_month).toBe(1);
  });

  it("a second roster for the same month: who is on both is paid twice, and nobody on the first is called missing", async () => {
    const worker = await world.as("a.worker");
    const file = await workbook([["姓名", "身份证号", "金额"], ["王建国", WANG, 80], ["马秀兰", MA, 80]]);
    const second = await worker.payouts.verify({ stationId: world.stations.a, kind: "advanced_age", month: "2026-11", fileName: "补发.xlsx", fileBase64: file, idempotencyKey: key() });
    expect(Object.fromEntries(Object.entries(second.counts).filter(([, n]) => n > 0))).toEqual({ paid_twice: 1 });
    const list = await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId: second.rosterId });
    expect(list.map((d) => [d.rule, d.row_number])).toEqual([["paid_twice", 2]]);
  });

  it("the report: counts per rule, settled and open items; signed once, frozen and fingerprinted; sent once", async () => {
    const worker = await world.as("a.worker");
    const admin = await world.as("a.admin");
    const draft = await worker.payouts.report({ stationId: world.stations.a, rosterId });
    expect(draft.signature).toBeNull();
    expect(draft.content.totals).toEqual({ discrepancies: 7, open: 6, settled: 1 });
    expect(draft.content.byRule.find((r) => r.rule === "died_before_month")).toEqual({ rule: "died_before_month", total: 1, open: 0, settled: 1 });
    expect(draft.content.byOutcome.recover_overpayment).toBe(1);
    const died = draft.content.items.find((i) => i.rule === "died_before_month")!;
    expect(died).toMatchObject({ name: "张德明", status: "settled", outcome: "recover_overpayment", settledBy: "a.worker", evidenceVisitOn: "2026-11-03" });
    expect(died.idMasked).toMatch(/\*{8}/);
    expect(draft.content.items.find((i) => i.rule === "missing_from_roster")).toMatchObject({ name: "马秀兰", rowNumber: null, status: "open" });

    // Only the station head signs; sending needs a signature first.
    expect(await appCodeOf(worker.payouts.signReport({ stationId: world.stations.a, rosterId, idempotencyKey: key() }))).toBe("FORBIDDEN");
    expect(await appCodeOf(admin.payouts.sendReport({ stationId: world.stations.a, rosterId, to: "county" }))).toBe("PAYOUT_REPORT_NOT_SIGNED");
    const signKey = key();
    const signed = await admin.payouts.signReport({ stationId: world.stations.a, rosterId, idempotencyKey: signKey });
    expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The same request again (a lost answer) gets the same signature; a new one is refused.
    expect(await admin.payouts.signReport({ stationId: world.stations.a, rosterId, idempotencyKey: signKey })).toEqual(signed);
    expect(await appCodeOf(admin.payouts.signReport({ stationId: world.stations.a, rosterId, idempotencyKey: key() }))).toBe("PAYOUT_REPORT_SIGNED");

    // Work goes on after signing; the signed report keeps what was true when it was signed.
    const open = (await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId, status: "open", rule: "name_mismatch" }))[0]!;
    expect((await worker.payouts.discrepancies({ stationId: world.stations.a, rosterId, rule: "name_mismatch" })).map((d) => d.rule)).toEqual(["name_mismatch"]);
    await worker.payouts.settle({ stationId: world.stations.a, discrepancyId: open.id, outcome: "correct", note: "维吾尔族姓名全称与简写，同一人" });
    const frozen = await worker.payouts.report({ stationId: world.stations.a, rosterId });
    expect(frozen.signature).toMatchObject({ sha256: signed.sha256, intact: true, signedByName: "a.admin", sentTo: null });
    expect(frozen.content.totals).toEqual({ discrepancies: 7, open: 6, settled: 1 });

    // The database keeps it frozen, even for a write that slips past the application.
    await expect(
      world.dbs.owner.db.updateTable("payout_report").set({ sha256: "0".repeat(64) }).where("roster_id", "=", rosterId).execute(),
    ).rejects.toThrow(/frozen/);

    const sent = await admin.payouts.sendReport({ stationId: world.stations.a, rosterId, to: "county" });
    expect(sent).toMatchObject({ sentTo: "county", sentToCode: "652301" });
    expect(await appCodeOf(admin.payouts.sendReport({ stationId: world.stations.a, rosterId, to: "township" }))).toBe("PAYOUT_REPORT_SIGNED");

    const exported = await worker.payouts.exportReport({ stationId: world.stations.a, rosterId });
    expect(exported.fileName).toContain("高龄补贴发放核对报告");
    const sheet = (await readBack(exported.base64)).map((r) => r.map((c) => String(c ?? "")).join("|"));
    expect(sheet[0]).toContain("2026-11高龄补贴发放核对报告");
    expect(sheet[1]).toContain("已签发");
    expect(sheet.join("\n")).toContain(`SHA-256 ${signed.sha256}`);
    expect(sheet.findIndex((l) => l.includes("二、已办结事项"))).toBeLessThan(sheet.findIndex((l) => l.includes("三、未办结事项")));
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select("action").where("target", "=", rosterId).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["payouts.report.export", "payouts.report.send", "payouts.report.sign", "payouts.verify"]);
  });

  it("the bureau's monthly summary: per station, counts per rule open and settled, reports signed and sent; no personal data", async () => {
    const city = await world.as("city.sup");
    const summary = await city.payouts.monthlySummary({ divisionCode: "652301", month: "2026-11" });
    const a = summary.find((s) => s.stationId === world.stations.a)!;
    expect(a).toMatchObject({ rosters: 2, rowsTotal: 9, reportsSigned: 1, reportsSent: 1, sentTo: ["county"] });
    expect(a.byRule.died_before_month).toEqual({ open: 0, settled: 1 });
    expect(a.byRule.paid_twice).toEqual({ open: 2, settled: 0 });
    expect(a.open + a.settled).toBe(8);
    const b = summary.find((s) => s.stationId === world.stations.b)!;
    expect(b).toMatchObject({ rosters: 1, reportsSigned: 0 });
    expect(JSON.stringify(summary)).not.toMatch(/张德明|王建国|\*{8}/);
    const town = await world.as("town.a");
    expect((await town.payouts.monthlySummary({ divisionCode: "652301105", month: "2026-11" })).map((s) => s.stationId)).toEqual([world.stations.a]);
    const pref = await world.as("changji.pref");
    expect((await pref.payouts.monthlySummary({ divisionCode: "6523", month: "2026-11", kind: "child_allowance" })).every((s) => s.rosters === 0)).toBe(true);
  });
});
