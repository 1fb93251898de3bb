import { addCadence, todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { citizenId } from "./ids.ts";
import { readBack } from "./xlsx.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const BARTHEL = { feeding: 10, bathing: 0, grooming: 5, dressing: 5, bowels: 10, bladder: 10, toiletUse: 5, transfers: 10, mobility: 10, stairs: 0 };

describe("visits", () => {
  let world: World;
  let workerId: string;
  let elder: string;
  let child: string;
  let poor: string;
  const today = todayInShanghai();
  const visit = (personId: string, extra: Record<string, unknown> = {}) => ({
    visitedOn: today,
    kind: "patrol" as const,
    mode: "home" as const,
    durationMinutes: 30,
    subject: { personId },
    workerUserIds: [workerId],
    area: "elderly" as const,
    findings: {},
    ...extra,
  });

  beforeAll(async () => {
    world = await createWorld();
    workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const worker = await world.as("a.worker");
    const create = async (name: string, birth: string, serial: number, categories: { category: string; startDate: string }[], living?: string) =>
      (
        await worker.people.create({
          stationId: world.stations.a,
          person: { name, citizenId: citizenId(birth, serial), ...(living ? { livingArrangement: living } : {}) } as never,
          categories: categories as never,
          idempotencyKey: key(),
        })
      ).personId;
    // 高龄 alone is quarterly, but living alone tightens an elderly rule to monthly.
    elder = await create("独居老人", "19400101", 601, [{ category: "elderly_advanced_age", startDate: "2024-01-01" }], "alone");
    child = await create("留守儿童", "20150101", 602, [{ category: "child_left_behind", startDate: "2024-01-01" }]);
    poor = await create("低保户主", "19700101", 603, [{ category: "assist_dibao", startDate: "2024-01-01" }]);
    await world.dbs.owner.db.insertInto("dibao_standard").values({ county_code: "652301", year: Number(today.slice(0, 4)), fen_per_month: 65_000 }).execute();
  }, 120_000);
  afterAll(() => world?.close());

  it("everyone holding a category and never visited is due now; the strictest cadence wins", async () => {
    const due = await (await world.as("a.worker")).visits.due({ stationId: world.stations.a });
    const byName = new Map(due.entries.map((d) => [d.name, d]));
    // Categories since 2024, registered today: due from today, not two years overdue.
    expect(byName.get("独居老人")).toMatchObject({ cadence: { unit: "month", every: 1 }, livingAlone: true, lastVisitOn: null, dueOn: today, status: "due_today", daysOverdue: 0 });
    expect(byName.get("独居老人")?.livesAlone).toBe(true);
    expect(byName.get("留守儿童")).toMatchObject({ cadence: { unit: "month", every: 1 }, fromCategory: "child_left_behind", livesAlone: false });
    expect(byName.get("低保户主")).toMatchObject({ cadence: { unit: "year", every: 1 } });
  });

  it("records a visit once per idempotency key, computes Barthel, and moves the person's due date one interval on", async () => {
    const worker = await world.as("a.worker");
    const k = key();
    const input = { stationId: world.stations.a, visit: visit(elder, { findings: { elderly: { barthel: BARTHEL } }, summary: "身体尚可" }), idempotencyKey: k };
    const first = await worker.visits.create(input);
    const again = await worker.visits.create(input);
    expect(again.visitId).toBe(first.visitId);
    expect(first.computed).toEqual({ barthel: { total: 65, level: "mild" } });
    const history = await worker.visits.forPerson({ stationId: world.stations.a, personId: elder });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ visitedOn: today, durationMinutes: 30, workers: "a.worker" });
    const due = (await worker.visits.due({ stationId: world.stations.a })).entries.find((d) => d.name === "独居老人");
    expect(due).toMatchObject({ lastVisitOn: today, dueOn: addCadence(today, { unit: "month", every: 1 }), status: "later" });
  });

  it("refuses a future date, a worker from another station, and a subject of another station", async () => {
    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.visits.create({ stationId: world.stations.a, visit: visit(child, { visitedOn: "2099-01-01", area: "children" }), idempotencyKey: key() }))).toBe("VALIDATION");
    const outsider = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "b.worker").executeTakeFirstOrThrow()).id;
    expect(await appCodeOf(worker.visits.create({ stationId: world.stations.a, visit: visit(child, { workerUserIds: [outsider], area: "children" }), idempotencyKey: key() }))).toBe("VALIDATION");
    expect(await appCodeOf(worker.visits.create({ stationId: world.stations.a, visit: visit(child, { risk: "high", area: "children" }), idempotencyKey: key() }))).toBe("VALIDATION");
  });

  it("compares a household survey's per-capita income with the county's 低保 standard", async () => {
    const worker = await world.as("a.worker");
    const survey = { members: 3, monthlyIncomeFen: { wages: 120_000, pensions: 0, farming: 30_000, transfers: 0, other: 0 }, yearlyIncomeFen: { wages: 0, pensions: 0, farming: 120_000, transfers: 0, other: 0 } };
    const recorded = await worker.visits.create({
      stationId: world.stations.a,
      visit: visit(poor, { kind: "household_investigation", area: "assistance", findings: { assistance: { economicSurvey: survey } } }),
      idempotencyKey: key(),
    });
    // (1,200 + 300 + 1,200/12) yuan / 3 people = 533.33 yuan, below a 650-yuan standard by 116.67.
    expect(recorded.computed).toMatchObject({ economic: { perCapitaFen: 53_333, standardFen: 65_000, below: true, gapFen: 11_667 } });
  });

  it("a medium or high risk waits in the open-risk queue until a supervisor acknowledges it", async () => {
    const worker = await world.as("a.worker");
    const risky = await worker.visits.create({
      stationId: world.stations.a,
      visit: visit(child, { area: "children", risk: "high", riskNote: "监护人外出务工，无人照看", findings: { children: { guardianship: "absent" } } }),
      idempotencyKey: key(),
    });
    const queue = await (await world.as("a.admin")).visits.openRisks({ stationId: world.stations.a });
    expect(queue.map((v) => v.id)).toEqual([risky.visitId]);
    expect(await appCodeOf(worker.visits.acknowledgeRisk({ stationId: world.stations.a, visitId: risky.visitId }))).toBeUndefined();
    expect(await (await world.as("a.admin")).visits.openRisks({ stationId: world.stations.a })).toEqual([]);
    expect(await appCodeOf(worker.visits.acknowledgeRisk({ stationId: world.stations.a, visitId: risky.visitId }))).toBe("NOT_FOUND");
  });

  it("station overrides and assignments shape each worker's due list", async () => {
    const admin = await world.as("a.admin");
    expect(await appCodeOf((await world.as("a.worker")).visits.setCadence({ stationId: world.stations.a, category: "assist_dibao", rule: { unit: "month", every: 6 } }))).toBe("FORBIDDEN");
    const table = await admin.visits.setCadence({ stationId: world.stations.a, category: "assist_dibao", rule: { unit: "month", every: 6 } });
    expect(table.find((r) => r.category === "assist_dibao")).toMatchObject({ source: "station", cadence: { unit: "month", every: 6 } });
    await admin.visits.setCadence({ stationId: world.stations.a, category: "child_left_behind", rule: null });
    const due = await admin.visits.due({ stationId: world.stations.a });
    expect(due.entries.map((d) => d.name)).not.toContain("留守儿童");
    await admin.visits.setCadence({ stationId: world.stations.a, category: "child_left_behind", rule: "inherit" });
    const adminId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.admin").executeTakeFirstOrThrow()).id;
    await admin.visits.assignWorker({ stationId: world.stations.a, personId: child, workerUserId: adminId });
    const mine = await (await world.as("a.worker")).visits.due({ stationId: world.stations.a, mine: true });
    expect(mine.entries.map((d) => d.name)).not.toContain("留守儿童");
    expect((await admin.visits.due({ stationId: world.stations.a, mine: true })).entries.map((d) => d.name)).toContain("留守儿童");
  });

  it("lists the members a worker can name on a visit, without user administration rights", async () => {
    const members = await (await world.as("a.worker")).visits.members({ stationId: world.stations.a });
    expect(members.map((m) => m.displayName).sort()).toEqual(["a.admin", "a.worker"]);
  });

  it("exports the month's 巡访台账 with every visit and the hours", async () => {
    const ledger = await (await world.as("a.worker")).visits.ledger({ stationId: world.stations.a, period: { month: today.slice(0, 7) } });
    expect(ledger.rows).toBe(3);
    const sheet = await readBack(ledger.base64);
    expect(sheet[0]![0]).toBe("昌吉市六工镇社会工作服务站巡访台账");
    expect(String(sheet[1]![0])).toContain("走访 3 次，合计 1.5 小时");
    expect(sheet[2]![1]).toBe("走访日期");
    expect(sheet.slice(3).map((r) => r[2]).sort()).toEqual(["低保户主", "留守儿童", "独居老人"].sort());
  });
});
