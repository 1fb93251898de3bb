import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId } from "./ids.ts";
import { readBack } from "./xlsx.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const today = todayInShanghai();
const month = today.slice(0, 7);
const codeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { appCode?: string }) => e.appCode ?? "NO_APP_CODE");

describe("work logs and the monthly report", () => {
  let world: World;
  let workerId: string;
  let adminId: string;
  const people: string[] = [];

  const visit = (personId: string, minutes: number, workers: string[]) => ({
    visitedOn: today,
    kind: "patrol" as const,
    mode: "home" as const,
    durationMinutes: minutes,
    subject: { personId },
    workerUserIds: workers,
    area: "elderly" as const,
    findings: {},
  });

  beforeAll(async () => {
    world = await createWorld();
    const id = async (u: string) => (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", u).executeTakeFirstOrThrow()).id;
    workerId = await id("a.worker");
    adminId = await id("a.admin");
    const worker = await world.as("a.worker");
    for (const [i, name] of ["甲", "乙", "丙"].entries()) {
      people.push((await worker.people.create({ stationId: world.stations.a, person: { name: `老人${name}`, citizenId: citizenId("19400101", 900 + i) } as never, idempotencyKey: key() })).personId);
    }
    // Two visits to one person and one to another: 3 visits, 2 people.
    await worker.visits.create({ stationId: world.stations.a, visit: visit(people[0]!, 30, [workerId, adminId]), idempotencyKey: key() });
    await worker.visits.create({ stationId: world.stations.a, visit: visit(people[0]!, 20, [workerId]), idempotencyKey: key() });
    await worker.visits.create({ stationId: world.stations.a, visit: visit(people[1]!, 40, [adminId]), idempotencyKey: key() });
    const { activityId } = await worker.activities.create({
      stationId: world.stations.a,
      activity: { kind: "publicity", publicityTopic: "assistance_policy", area: "elderly", topic: "高龄津贴政策宣传", heldOn: today, durationMinutes: 60, place: "村委会", workerUserIds: [workerId], attendeePersonIds: [people[1]!, people[2]!], othersCount: 20 } as never,
      idempotencyKey: key(),
    });
    await worker.satisfaction.create({ stationId: world.stations.a, followup: { subjectKind: "activity", subjectId: activityId, followedUpOn: today, mode: "phone", durationMinutes: 10, score: 4 } as never, idempotencyKey: key() });
    await worker.resources.create({ stationId: world.stations.a, resource: { kind: "goods", source: "爱心企业", description: "棉被", valueFen: 45_000, receivedOn: today, beneficiary: { activityId } } as never, idempotencyKey: key() });
  }, 120_000);
  afterAll(() => world?.close());

  it("drafts a worker's day from the records that name them, to be completed by hand", async () => {
    const worker = await world.as("a.worker");
    const day = await worker.worklogs.day({ stationId: world.stations.a, date: today });
    expect(day.status).toBe("draft");
    // Two visits and the activity name the worker; the follow-up was recorded by them; the admin's lone visit is not theirs.
    expect(day.drafted.map((r) => [r.kind, r.minutes]).sort()).toEqual([["activity", 60], ["followup", 10], ["visit", 20], ["visit", 30]]);
    const saved = await worker.worklogs.save({ stationId: world.stations.a, date: today, version: 0, log: { entries: [{ what: "参加镇民政办例会", minutes: 90 }], summary: "走访两户，开展政策宣传一场。" } });
    expect(saved.totals).toEqual({ recordedMinutes: 120, addedMinutes: 90, totalMinutes: 210 });
    expect(await codeOf(worker.worklogs.save({ stationId: world.stations.a, date: today, version: 0, log: { entries: [], summary: "" } }))).toBe("WORK_LOG_VERSION_CONFLICT");
    const submitted = await worker.worklogs.submit({ stationId: world.stations.a, date: today, version: saved.version });
    expect(submitted.status).toBe("submitted");
    // A visit entered afterwards does not rewrite the submitted day, and the day cannot be edited.
    await worker.visits.create({ stationId: world.stations.a, visit: visit(people[2]!, 15, [workerId]), idempotencyKey: key() });
    expect((await worker.worklogs.day({ stationId: world.stations.a, date: today })).drafted).toHaveLength(4);
    expect(await codeOf(worker.worklogs.save({ stationId: world.stations.a, date: today, version: submitted.version, log: { entries: [], summary: "" } }))).toBe("WORK_LOG_SUBMITTED");
    const monthDays = await worker.worklogs.month({ stationId: world.stations.a, month });
    expect(monthDays.find((d) => d.date === today)).toMatchObject({ status: "submitted", records: 4, totalMinutes: 210 });
    // The station lead reads the worker's log; nobody can write it but the worker.
    const admin = await world.as("a.admin");
    expect((await admin.worklogs.day({ stationId: world.stations.a, date: today, userId: workerId })).entries).toEqual([{ what: "参加镇民政办例会", minutes: 90 }]);
    expect(await codeOf(world.as("a.inspector").then((c) => c.worklogs.save({ stationId: world.stations.a, date: today, version: 0, log: { entries: [], summary: "" } })))).toBe("FORBIDDEN");
  });

  it("the monthly report's numbers are the records' numbers", async () => {
    const admin = await world.as("a.admin");
    const report = await admin.worklogs.monthlyReport({ stationId: world.stations.a, month });
    const visits = await world.dbs.owner.db.selectFrom("visit").select(["duration_minutes", "person_id"]).where("station_id", "=", world.stations.a).execute();
    const visitMinutes = visits.reduce((a, v) => a + v.duration_minutes, 0);
    expect(report.services.find((r) => r.kind === "visit")).toMatchObject({ area: "elderly", type: "patrol", count: visits.length, minutes: visitMinutes });
    expect(report.services.find((r) => r.kind === "activity")).toMatchObject({ type: "publicity", count: 1, minutes: 60 });
    expect(report.totals).toEqual({ count: visits.length + 2, minutes: visitMinutes + 70, serviceMinutes: visitMinutes + 70 });
    // Visits reached 甲, 乙, 丙; the activity 乙 and 丙 again: three people, plus 20 others.
    expect(report.reach).toEqual({ people: 3, others: 20 });
    expect(report.satisfaction).toMatchObject({ responses: 1, meanScore: 4 });
    expect(report.resources).toMatchObject({ count: 1, valueFen: 45_000 });
    const byName = Object.fromEntries(report.byWorker.map((w) => [w.name, w.minutes]));
    expect(byName).toEqual({ "a.worker": 30 + 20 + 15 + 60 + 10, "a.admin": 30 + 40 });

    const file = await admin.worklogs.exportMonthlyReport({ stationId: world.stations.a, month });
    expect(file.fileName).toMatch(/工作月报\.xlsx$/);
    const rows = await readBack(file.base64);
    expect(String(rows[0]?.[0])).toContain("工作月报");
    expect(rows.some((r) => r[0] === "服务登记对象（人）" && r[2] === 3)).toBe(true);
    expect(rows.some((r) => r[0] === "合计" && r[2] === visits.length + 2)).toBe(true);
  });

  it("service hours per worker now count case services too", async () => {
    const hours = await (await world.as("a.admin")).serviceHours.byWorker({ stationId: world.stations.a, year: Number(today.slice(0, 4)) });
    expect(hours.find((h) => h.name === "a.worker")?.byKind).toMatchObject({ visit: 65, activity: 60, followup: 10, case_service: 0 });
  });
});
