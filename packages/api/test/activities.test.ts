import { todayInShanghai } from "@shegong/domain";
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

describe("activities, volunteers, resources, supervision, satisfaction (issue 4 items 5–7)", () => {
  let world: World;
  let workerId: string;
  let adminId: string;
  let people: string[];
  const today = todayInShanghai();
  const year = Number(today.slice(0, 4));
  const lastYear = `${year - 1}-06-01`;
  const activity = (extra: Record<string, unknown> = {}) => ({
    kind: "group" as const,
    area: "elderly" as const,
    topic: "老年人防诈骗小组",
    heldOn: today,
    durationMinutes: 90,
    place: "社工站活动室",
    workerUserIds: [workerId],
    ...extra,
  });
  const userId = async (username: string) => (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    world = await createWorld();
    workerId = await userId("a.worker");
    adminId = await userId("a.admin");
    const worker = await world.as("a.worker");
    people = [];
    for (const [i, name] of ["张大爷", "李奶奶", "王爷爷"].entries()) {
      people.push((await worker.people.create({ stationId: world.stations.a, person: { name, citizenId: citizenId("19450101", 700 + i) }, idempotencyKey: key() })).personId);
    }
  }, 120_000);
  afterAll(() => world?.close());

  const volunteer = async (name: string) =>
    (await (await world.as("a.worker")).volunteers.create({ stationId: world.stations.a, volunteer: { name, phone: "13912345678", joinedOn: "2025-01-01" }, idempotencyKey: key() })).volunteerId;

  it("creates an activity once per idempotency key and counts registered and other attendees", async () => {
    const worker = await world.as("a.worker");
    const input = { stationId: world.stations.a, activity: activity({ attendeePersonIds: people.slice(0, 2), othersCount: 15 }), idempotencyKey: key() };
    const first = await worker.activities.create(input);
    const again = await worker.activities.create(input);
    expect(again.activityId).toBe(first.activityId);
    expect(first.attendance).toEqual({ registered: 2, others: 15, total: 17 });
    const rows = await world.dbs.owner.db.selectFrom("activity").select("id").where("station_id", "=", world.stations.a).execute();
    expect(rows).toHaveLength(1);
    expect(await appCodeOf(worker.activities.create({ ...input, activity: activity({ topic: "别的主题" }) }))).toBe("IDEMPOTENCY_CONFLICT");
    const got = await worker.activities.get({ stationId: world.stations.a, activityId: first.activityId });
    expect(got).toMatchObject({ attendance: { registered: 2, others: 15, total: 17 }, workers: [{ userId: workerId }], photos: [], version: 1 });
    expect(got.attendees.map((a) => a.name).sort()).toEqual(["张大爷", "李奶奶"].sort());
    const list = await worker.activities.list({ stationId: world.stations.a, year });
    expect(list.find((a) => a.id === first.activityId)?.attendance).toEqual({ registered: 2, others: 15, total: 17 });
  });

  it("editing keeps the earlier version whole; a stale version is refused", async () => {
    const worker = await world.as("a.worker");
    const { activityId } = await worker.activities.create({ stationId: world.stations.a, activity: activity({ topic: "健康讲座", attendeePersonIds: [people[0]] }), idempotencyKey: key() });
    const updated = await worker.activities.update({ stationId: world.stations.a, activityId, version: 1, activity: activity({ topic: "健康知识讲座", attendeePersonIds: [people[0], people[2]], othersCount: 3 }) });
    expect(updated).toMatchObject({ version: 2, attendance: { registered: 2, others: 3, total: 5 } });
    expect(updated.changed.sort()).toEqual(["attendeePersonIds", "othersCount", "topic"]);
    expect(await appCodeOf(worker.activities.update({ stationId: world.stations.a, activityId, version: 1, activity: activity({ topic: "又改" }) }))).toBe("ACTIVITY_VERSION_CONFLICT");
    const got = await worker.activities.get({ stationId: world.stations.a, activityId });
    expect(got).toMatchObject({ topic: "健康知识讲座", version: 2 });
    expect(got.revisions).toHaveLength(1);
    expect(got.revisions[0]).toMatchObject({ version: 1, replacedBy: "a.worker", snapshot: { topic: "健康讲座", othersCount: 0, attendeePersonIds: [people[0]] } });
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select(["action", "detail"]).where("target", "=", activityId).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["activity.create", "activity.update"]);
  });

  it("volunteer hours per year equal the activity records; other years stay out", async () => {
    const worker = await world.as("a.worker");
    const [v1, v2] = [await volunteer("赵志愿"), await volunteer("钱志愿")];
    await worker.activities.create({ stationId: world.stations.a, activity: activity({ volunteers: [{ volunteerId: v1, minutes: 120 }, { volunteerId: v2, minutes: 45 }] }), idempotencyKey: key() });
    await worker.activities.create({ stationId: world.stations.a, activity: activity({ kind: "community", volunteers: [{ volunteerId: v1, minutes: 30 }] }), idempotencyKey: key() });
    await worker.activities.create({ stationId: world.stations.a, activity: activity({ heldOn: lastYear, volunteers: [{ volunteerId: v1, minutes: 600 }] }), idempotencyKey: key() });
    const list = await worker.volunteers.list({ stationId: world.stations.a, year });
    const byName = new Map(list.items.map((v) => [v.name, v]));
    expect(byName.get("赵志愿")).toMatchObject({ minutes: 150, activities: 2, phone: "13912345678" });
    expect(byName.get("钱志愿")).toMatchObject({ minutes: 45, activities: 1 });
    const records = await world.dbs.owner.db
      .selectFrom("activity_volunteer as x")
      .innerJoin("activity as a", (j) => j.onRef("a.station_id", "=", "x.station_id").onRef("a.id", "=", "x.activity_id"))
      .select(["x.minutes"])
      .where("x.station_id", "=", world.stations.a)
      .where("a.held_on", ">=", `${year}-01-01`)
      .execute();
    expect(list.totalMinutes).toBe(records.reduce((n, r) => n + r.minutes, 0));
    expect((await worker.volunteers.list({ stationId: world.stations.a, year: year - 1 })).items.find((v) => v.name === "赵志愿")?.minutes).toBe(600);
    // The county bureau looks in read-only and sees phones masked.
    const fromCity = await (await world.as("city.sup")).volunteers.list({ stationId: world.stations.a, year });
    expect(fromCity.items.find((v) => v.name === "赵志愿")?.phone).toBe("139****5678");
  });

  it("a volunteer correction keeps the version count and refuses a stale one", async () => {
    const worker = await world.as("a.worker");
    const id = await volunteer("孙志愿");
    const result = await worker.volunteers.update({ stationId: world.stations.a, volunteerId: id, version: 1, volunteer: { name: "孙志愿", phone: "13912345679", joinedOn: "2025-01-01" } });
    expect(result).toMatchObject({ version: 2, changed: ["phone"] });
    expect(await appCodeOf(worker.volunteers.update({ stationId: world.stations.a, volunteerId: id, version: 1, volunteer: { name: "孙", joinedOn: "2025-01-01" } }))).toBe("PERSON_VERSION_CONFLICT");
  });

  it("linked resources add up in fen per kind, each for one person, household or activity", async () => {
    const worker = await world.as("a.worker");
    const { activityId } = await worker.activities.create({ stationId: world.stations.a, activity: activity({ kind: "publicity", publicityTopic: "safety_education", area: "children" }), idempotencyKey: key() });
    const add = (kind: "goods" | "money" | "service", valueFen: number, beneficiary: Record<string, string>) =>
      worker.resources.create({ stationId: world.stations.a, resource: { kind, source: "县慈善协会", description: "助学", valueFen, receivedOn: today, beneficiary } as never, idempotencyKey: key() });
    await add("money", 50_001, { personId: people[0]! });
    await add("goods", 12_345, { activityId });
    await add("service", 20_000, { personId: people[1]! });
    await add("money", 1, { personId: people[2]! });
    const { items, totals } = await worker.resources.list({ stationId: world.stations.a, year });
    expect(totals).toEqual({
      count: 4,
      totalFen: 82_347,
      byKind: { money: { count: 2, valueFen: 50_002 }, goods: { count: 1, valueFen: 12_345 }, service: { count: 1, valueFen: 20_000 } },
    });
    expect(items.find((r) => r.activityId === activityId)?.beneficiaryName).toBe("老年人防诈骗小组");
    expect((await worker.activities.get({ stationId: world.stations.a, activityId })).resources).toHaveLength(1);
    expect(await appCodeOf(add("money", 100.5, { personId: people[0]! }))).toBe("VALIDATION");
  });

  it("the supervision matrix shows each worker's months with and without supervision", async () => {
    const admin = await world.as("a.admin");
    const month = today.slice(0, 7);
    await admin.supervision.create({
      stationId: world.stations.a,
      session: { format: "group", supervisorName: "新疆大学 刘老师", heldOn: today, durationMinutes: 120, workerUserIds: [workerId, adminId], topics: "个案记录规范", casesDiscussed: [{ note: "独居老人跌倒后的照护安排" }] },
      idempotencyKey: key(),
    });
    await admin.supervision.create({
      stationId: world.stations.a,
      session: { format: "individual", supervisorName: "刘老师", heldOn: today, durationMinutes: 60, workerUserIds: [workerId], topics: "情绪支持" },
      idempotencyKey: key(),
    });
    const matrix = await admin.supervision.matrix({ stationId: world.stations.a, year });
    expect(matrix.months.at(-1)).toBe(month);
    const workerRow = matrix.rows.find((r) => r.userId === workerId);
    expect(workerRow?.cells.at(-1)).toEqual({ month, sessions: 2, minutes: 180 });
    expect(workerRow?.monthsWithout).toEqual(matrix.months.slice(0, -1));
    expect(matrix.rows.find((r) => r.userId === adminId)?.minutes).toBe(120);
    const list = await admin.supervision.list({ stationId: world.stations.a, year });
    expect(list[0]).toMatchObject({ supervisor: expect.stringContaining("刘老师") });
    expect(list.find((s) => s.format === "group")?.casesDiscussed).toEqual([{ note: "独居老人跌倒后的照护安排" }]);
    // Individual supervision of two workers, and a worker from another station, are refused.
    const outsider = await userId("b.worker");
    expect(
      await appCodeOf(admin.supervision.create({ stationId: world.stations.a, session: { format: "group", supervisorName: "x", heldOn: today, durationMinutes: 60, workerUserIds: [outsider], topics: "x" }, idempotencyKey: key() })),
    ).toBe("VALIDATION");
    expect(
      await appCodeOf(admin.supervision.create({ stationId: world.stations.a, session: { format: "individual", supervisorName: "x", heldOn: today, durationMinutes: 60, workerUserIds: [workerId, adminId], topics: "x" }, idempotencyKey: key() })),
    ).toBe("VALIDATION");
  });

  it("satisfaction follow-ups summarise per station; a case is followed up once it is closed", async () => {
    const worker = await world.as("a.worker");
    const { activityId } = await worker.activities.create({ stationId: world.stations.a, activity: activity({ heldOn: `${year}-01-05` }), idempotencyKey: key() });
    const follow = (score: number, extra: Record<string, unknown> = {}) =>
      worker.satisfaction.create({ stationId: world.stations.a, followup: { subjectKind: "activity", subjectId: activityId, followedUpOn: today, mode: "phone", durationMinutes: 5, score, ...extra } as never, idempotencyKey: key() });
    for (const score of [5, 4, 4, 2]) await follow(score, { respondentPersonId: people[0] });
    const summary = await worker.satisfaction.summary({ stationId: world.stations.a, year });
    expect(summary.overall).toEqual({ responses: 4, meanScore: 3.75, distribution: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 }, satisfiedPercent: 75 });
    expect(summary.serviceMinutes).toBe(20);
    expect((await worker.activities.get({ stationId: world.stations.a, activityId })).satisfaction.responses).toBe(4);
    expect(await appCodeOf(follow(6))).toBe("VALIDATION");
    expect(await appCodeOf(follow(5, { followedUpOn: `${year}-01-04` }))).toBe("VALIDATION");
    expect(await appCodeOf(follow(5, { subjectKind: "case" }))).toBe("NOT_FOUND");
    const { caseId } = await worker.cases.create({
      stationId: world.stations.a,
      intake: { personId: people[0]!, source: "walk_in", intakeOn: today, presentingProblem: "独居", riskLevel: "low" },
      idempotencyKey: key(),
    });
    expect(await appCodeOf(follow(5, { subjectKind: "case", subjectId: caseId }))).toBe("CASE_STATUS");
    expect(await appCodeOf(follow(5, { subjectId: people[0] }))).toBe("NOT_FOUND");
  });

  it("refuses bad input with errors a person can act on", async () => {
    const worker = await world.as("a.worker");
    const create = (a: Record<string, unknown>) => worker.activities.create({ stationId: world.stations.a, activity: a as never, idempotencyKey: key() });
    expect(await appCodeOf(create(activity({ heldOn: "2099-01-01" })))).toBe("VALIDATION");
    expect(await appCodeOf(create(activity({ kind: "publicity" })))).toBe("VALIDATION");
    expect(await appCodeOf(create(activity({ workerUserIds: [await userId("b.worker")] })))).toBe("VALIDATION");
    expect(await appCodeOf(create(activity({ othersCount: -3 })))).toBe("VALIDATION");
    const future = await create(activity({ heldOn: "2099-01-01" })).catch((e: { details?: { fieldErrors?: Record<string, string[]> } }) => e);
    expect((future as { details?: { fieldErrors?: Record<string, string[]> } }).details?.fieldErrors?.heldOn?.[0]).toBe(`日期不能晚于今天（${today}） / The date cannot be after today (${today})`);
    expect(await appCodeOf((await world.as("a.inspector")).activities.create({ stationId: world.stations.a, activity: activity(), idempotencyKey: key() }))).toBe("FORBIDDEN");
  });

  it("exports the month's 活动台账 with attendance counted, not named, and audits the export", async () => {
    const admin = await world.as("a.admin");
    const month = today.slice(0, 7);
    const expected = (await admin.activities.list({ stationId: world.stations.a, year })).filter((a) => a.heldOn.startsWith(month));
    const file = await admin.activities.ledger({ stationId: world.stations.a, period: { month } });
    expect(file.rows).toBe(expected.length);
    const sheet = await readBack(file.base64);
    expect(sheet[0]![0]).toBe("昌吉市六工镇社会工作服务站活动台账");
    const people = expected.reduce((n, a) => n + a.attendance.total, 0);
    expect(String(sheet[1]![0])).toContain(`活动 ${expected.length} 场，参加 ${people} 人次`);
    expect(sheet[2]!.slice(0, 3)).toEqual(["序号", "活动日期", "活动主题"]);
    const first = sheet.find((r) => r[2] === "老年人防诈骗小组" && r[9] === 2);
    expect(first?.slice(9, 12)).toEqual([2, 15, 17]);
    expect(JSON.stringify(sheet)).not.toContain("张大爷");
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select("action").where("station_id", "=", world.stations.a).where("action", "=", "activity.ledger.export").execute();
    expect(audit).toHaveLength(1);
  });

  it("service hours add up per worker from visits, activities and follow-ups", async () => {
    const worker = await world.as("a.worker");
    await worker.visits.create({
      stationId: world.stations.a,
      visit: { visitedOn: today, kind: "patrol", mode: "home", durationMinutes: 40, subject: { personId: people[0]! }, workerUserIds: [workerId], area: "elderly", findings: {} },
      idempotencyKey: key(),
    });
    const db = world.dbs.owner.db;
    const sum = async (rows: Promise<{ minutes: number }[]>) => (await rows).reduce((n, r) => n + r.minutes, 0);
    const activityMinutes = await sum(
      db.selectFrom("activity_worker as w").innerJoin("activity as a", (j) => j.onRef("a.station_id", "=", "w.station_id").onRef("a.id", "=", "w.activity_id")).select("a.duration_minutes as minutes").where("w.user_id", "=", workerId).where("a.held_on", ">=", `${year}-01-01`).execute(),
    );
    const followupMinutes = await sum(db.selectFrom("satisfaction_followup").select("duration_minutes as minutes").where("recorded_by", "=", workerId).execute());
    const hours = await worker.serviceHours.byWorker({ stationId: world.stations.a, year });
    const mine = hours.find((h) => h.userId === workerId);
    expect(mine).toMatchObject({ name: "a.worker", byKind: { visit: 40, activity: activityMinutes, followup: followupMinutes } });
    expect(mine?.minutes).toBe(40 + activityMinutes + followupMinutes);
    expect(mine?.byMonth.reduce((a, b) => a + b, 0)).toBe(mine?.minutes);
  });
});
