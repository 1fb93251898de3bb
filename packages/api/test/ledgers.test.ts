import { LEDGER_KINDS } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitImport } from "../src/ledgers/commit-import.ts";
import { planImport } from "../src/ledgers/plan-import.ts";
import { readWorkbookRows } from "../src/ledgers/read-workbook.ts";
import { registryContext } from "../src/registry/registry-context.ts";
import { withStation } from "@shegong/db";
import { citizenId } from "./ids.ts";
import { readBack, workbook } from "./xlsx.ts";
import { createWorld, pii, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { appCode?: string }) => e.appCode ?? "NO_APP_CODE");

// Ids of people born 1940–1950 in Changji City, so every row fits the elderly categories.
const ID1 = citizenId("19400101", 301);
const ID2 = citizenId("19420315", 302);
const ID3 = citizenId("19450708", 303);
const ID4 = citizenId("19481111", 304);

/** A 特困老人台账 the way a station keeps it by hand: every messy form issue 3 lists. */
async function messyLedger() {
  const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
  return workbook(
    [
      ["六工镇特困老人台账", null, null, null, null, null, null],
      ["填报单位：六工镇社会工作服务站", null, null, null, "填报日期：2026年11月", null, null],
      ["序号", "姓 名", "公民身份号码", "性别", "民族", "纳入时间", "联系方式"],
      [1, " 张 三 ", ID1.slice(0, 17) + ID1.slice(17).toLowerCase(), "男", "汉族", 45658, "13800000001"],
      [null, null, null, null, null, null, null],
      [2, "李四", fullWidth(ID2), "女", "回", "2024/1/5", "０９９４－２３４５６７８"],
      [3, "王五", `'${ID3}`, null, "维吾尔族", "2024年3月1日", null],
      [4, "赵六", "652301194811111", null, null, null, null],
      [5, "钱七", ID1, null, null, null, null],
      [6, "孙八", ID4, null, "火星族", null, null],
      ["合计：6人", null, null, null, null, null, null],
    ],
    ["A1:G1", "A2:D2", "E2:G2"],
  );
}

describe("ledgers in and out", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("previews a messy ledger: creates, rejects with Excel row numbers and Chinese reasons, writes nothing", async () => {
    const worker = await world.as("a.worker");
    const file = await messyLedger();
    const report = await worker.ledgers.preview({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "特困.xlsx", fileBase64: file });
    expect(report).toMatchObject({ rowsTotal: 6, created: 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(report.errors.map((e) => e.rowNumber)).toEqual([8, 9, 10]);
    expect(report.errors.find((e) => e.rowNumber === 8)?.reason).toContain("15位旧身份证号码");
    expect(report.errors.find((e) => e.rowNumber === 9)?.reason).toContain("第4行");
    expect(report.errors.find((e) => e.rowNumber === 10)).toMatchObject({ column: "民族" });
    expect(report.sample.map((s) => [s.rowNumber, s.action, s.name])).toEqual([
      [4, "create", "张三"],
      [6, "create", "李四"],
      [7, "create", "王五"],
    ]);
    expect((await worker.people.list({ stationId: world.stations.a })).total).toBe(0);
  });

  it("commits all valid rows at once; the same file again changes nothing; a person present is updated, never duplicated", async () => {
    const worker = await world.as("a.worker");
    const file = await messyLedger();
    const committed = await worker.ledgers.commit({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "特困.xlsx", fileBase64: file, idempotencyKey: key() });
    expect(committed).toMatchObject({ created: 3, rejected: 3 });
    const register = await worker.people.list({ stationId: world.stations.a, category: "elderly_tekun" });
    expect(register.items.map((p) => p.name).sort()).toEqual(["张三", "李四", "王五"].sort());
    const zhang = register.items.find((p) => p.name === "张三")!;
    const page = await worker.people.get({ stationId: world.stations.a, personId: zhang.id });
    // Excel serial 45658 is 2025-01-01.
    expect(page.categories[0]).toMatchObject({ category: "elderly_tekun", startDate: "2025-01-01", source: "特困老人台账" });
    const li = await worker.people.get({ stationId: world.stations.a, personId: register.items.find((p) => p.name === "李四")!.id });
    expect(li).toMatchObject({ ethnicityCode: "03", phone: "0994-2345678" });

    const again = await worker.ledgers.preview({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "特困.xlsx", fileBase64: file });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.previousImports).toHaveLength(1);
    await worker.ledgers.commit({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "特困.xlsx", fileBase64: file, idempotencyKey: key() });
    expect((await worker.people.list({ stationId: world.stations.a })).total).toBe(3);

    // A different ledger naming the same person: updated (new phone, a further category), not duplicated.
    const other = await workbook([
      ["姓名", "身份证号", "联系电话", "纳入日期"],
      ["张三", ID1, "13900000009", "2025-06-01"],
    ]);
    const update = await worker.ledgers.commit({ stationId: world.stations.a, kind: "elderly_left_behind", fileName: "留守.xlsx", fileBase64: other, idempotencyKey: key() });
    expect(update).toMatchObject({ created: 0, updated: 1 });
    const after = await worker.people.get({ stationId: world.stations.a, personId: zhang.id });
    expect(after.phone).toBe("13900000009");
    expect(after.categories.map((c) => c.category).sort()).toEqual(["elderly_left_behind", "elderly_tekun"]);
    expect((await worker.people.list({ stationId: world.stations.a })).total).toBe(3);
  });

  it("refuses a wrong header, an empty file and a file that is not xlsx, with their own codes", async () => {
    const worker = await world.as("a.worker");
    const preview = (fileBase64: string) => worker.ledgers.preview({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "x.xlsx", fileBase64 });
    expect(await appCodeOf(preview(await workbook([["名称", "编码"], ["甲", "1"]])))).toBe("LEDGER_HEADER");
    expect(await appCodeOf(preview(await workbook([[]])))).toMatch(/LEDGER_EMPTY|LEDGER_HEADER/);
    expect(await appCodeOf(preview(await workbook([["姓名", "身份证号"]])))).toBe("LEDGER_EMPTY");
    expect(await appCodeOf(preview(Buffer.from("姓名,身份证号\n张三,1").toString("base64")))).toBe("LEDGER_UNREADABLE");
    expect(await appCodeOf(preview(Buffer.from("PK\u0003\u0004 not really a zip").toString("base64")))).toBe("LEDGER_UNREADABLE");
  });

  it("is all or nothing: a failure in the middle of a commit leaves no row behind", async () => {
    const rows = [["姓名", "身份证号"], ...Array.from({ length: 1500 }, (_, i) => [`批量${i}`, citizenId("19450101", 0, `6523${String(10 + (i % 80)).padStart(2, "0")}`).slice(0, 0) || citizenId(`1945${String(1 + (i % 12)).padStart(2, "0")}${String(1 + (i % 28)).padStart(2, "0")}`, 400 + Math.floor(i / 336))])];
    const bytes = Buffer.from(await workbook(rows), "base64");
    const sheet = await readWorkbookRows(new Uint8Array(bytes));
    const before = await world.dbs.owner.db.selectFrom("person").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await expect(
      withStation(world.dbs.app.db, world.stations.a, async (tx) => {
        const ctx = await registryContext(tx, world.stations.a, pii, null);
        const plan = await planImport(tx, ctx, pii, LEDGER_KINDS.people, sheet);
        expect(plan.report.created).toBe(1500);
        // Sabotage the last row: a village that does not exist fails its foreign key in the second chunk.
        plan.rows[plan.rows.length - 1]!.record.villageCode = "652301105999";
        await commitImport(tx, ctx, plan, { name: "bulk.xlsx", sha256: "x" }, { username: "t", ip: "t" });
      }),
    ).rejects.toThrow();
    const after = await world.dbs.owner.db.selectFrom("person").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("imports a 10,000-row ledger completely", async () => {
    const worker = await world.as("a.admin");
    const rows: unknown[][] = [["序号", "姓名", "身份证号", "民族", "联系电话"]];
    const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    const given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰";
    const nameOf = (i: number) => `${surnames[i % 20]}${given[Math.floor(i / 20) % 25]}${given[Math.floor(i / 500) % 25]}`;
    for (let i = 0; i < 10_000; i++) {
      const day = 1 + (i % 28);
      const month = 1 + (Math.floor(i / 28) % 12);
      const year = 1930 + (Math.floor(i / 336) % 30);
      rows.push([i + 1, nameOf(i), citizenId(`${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`, 500 + (i % 499)), "汉族", `139${String(i).padStart(8, "0")}`]);
    }
    const file = await workbook(rows);
    const result = await worker.ledgers.commit({ stationId: world.stations.a, kind: "people", fileName: "全部.xlsx", fileBase64: file, idempotencyKey: key() });
    expect(result.rowsTotal).toBe(10_000);
    expect(result.created + result.rejected).toBe(10_000);
    expect(result.rejected).toBe(0);
    expect((await worker.people.list({ stationId: world.stations.a, query: nameOf(9999) })).total).toBeGreaterThanOrEqual(1);
    expect((await worker.people.list({ stationId: world.stations.a, pageSize: 1 })).total).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it("exports a ledger in the bureaus' form: title, as-of date, Chinese headers, masked IDs unless full ones are allowed", async () => {
    const worker = await world.as("a.worker");
    const exported = await worker.ledgers.export({ stationId: world.stations.a, kind: "elderly_tekun", asOf: "2026-11-27" });
    expect(exported.fileName).toBe("昌吉市六工镇社会工作服务站-特困老人台账-2026-11-27.xlsx");
    const sheet = await readBack(exported.base64);
    expect(sheet[0]![0]).toBe("昌吉市六工镇社会工作服务站特困老人台账");
    expect(String(sheet[1]![0])).toContain("截至日期：2026-11-27");
    expect(sheet[2]).toEqual(LEDGER_KINDS.elderly_tekun.columns.map((c) => c.header));
    expect(sheet.length).toBe(3 + exported.rows);
    const ids = sheet.slice(3).map((r) => String(r[4]));
    expect(ids.every((id) => /^652301\*{8}[\dX]{4}$/.test(id))).toBe(true);
    // As of a day before anyone was entered, the register is empty.
    expect((await worker.ledgers.export({ stationId: world.stations.a, kind: "elderly_tekun", asOf: "2023-01-01" })).rows).toBe(0);

    expect(await appCodeOf(worker.ledgers.export({ stationId: world.stations.a, kind: "elderly_tekun", fullIds: true }))).toBe("FORBIDDEN");
    const full = await (await world.as("a.admin")).ledgers.export({ stationId: world.stations.a, kind: "elderly_tekun", fullIds: true });
    expect((await readBack(full.base64)).slice(3).map((r) => String(r[4])).sort()).toEqual([ID1, ID2, ID3].sort());
    const audit = await (await world.as("a.admin")).audit.list({ stationId: world.stations.a });
    expect(audit.find((e) => e.action === "ledger.export" && (e.detail as { fullIds: boolean }).fullIds)).toBeDefined();
  });

  it("an exported ledger reads back in as unchanged", async () => {
    const admin = await world.as("a.admin");
    const full = await admin.ledgers.export({ stationId: world.stations.a, kind: "elderly_tekun", fullIds: true });
    const report = await admin.ledgers.preview({ stationId: world.stations.a, kind: "elderly_tekun", fileName: "back.xlsx", fileBase64: full.base64 });
    expect(report).toMatchObject({ rejected: 0, created: 0, unchanged: 3 });
  });
});
