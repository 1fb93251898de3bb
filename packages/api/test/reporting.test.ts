import { todayInShanghai } from "@shegong/domain";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStationRollups, divisionRollupMismatches, refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { withDivisionScope, withStation } from "@shegong/db";
import { divisionReport } from "../src/reporting/read-rollups.ts";
import { citizenId } from "./ids.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const today = todayInShanghai();
const month = today.slice(0, 7);
const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 7)}`;

describe("rollups and region reports", () => {
  let world: World;
  let workerId: string;
  const people: string[] = [];

  const refresh = () => refreshDirtyRollups(world.dbs.app.db, { today });
  const facts = async (stationId: string, m: string) =>
    Object.fromEntries(
      (
        await world.dbs.owner.db
          .selectFrom("station_month_fact")
          .select(["indicator", "dimension", "value"])
          .where("station_id", "=", stationId)
          .where("month", "=", `${m}-01`)
          .execute()
      ).map((r) => [`${r.indicator}${r.dimension ? `:${r.dimension}` : ""}`, Number(r.value)]),
    );
  // The station's rollup against its raw facts, and every division total against its stations.
  const consistent = async (stationId: string) => [
    ...(await withStation(world.dbs.app.db, stationId, (tx) => checkStationRollups(tx, stationId, [lastYear, month], today))),
    ...(await divisionRollupMismatches(world.dbs.owner.db, [lastYear, month])),
  ];

  beforeAll(async () => {
    world = await createWorld();
    workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const worker = await world.as("a.worker");
    // Seven 特困 elders from last year's month, two low-income households' heads from this month.
    for (let i = 0; i < 7; i++) {
      const r = await worker.people.create({
        stationId: world.stations.a,
        person: { name: `老人${"甲乙丙丁戊己庚"[i]}`, citizenId: citizenId("19400101", 800 + i) } as never,
        categories: [{ category: "elderly_tekun", startDate: `${lastYear}-01` }] as never,
        idempotencyKey: key(),
      });
      people.push(r.personId);
    }
    for (let i = 0; i < 2; i++) {
      await worker.people.create({
        stationId: world.stations.a,
        person: { name: `低保${"子丑"[i]}`, citizenId: citizenId("19700101", 820 + i) } as never,
        categories: [{ category: "assist_dibao", startDate: `${month}-01` }] as never,
        idempotencyKey: key(),
      });
    }
    for (const personId of people.slice(0, 3)) {
      await worker.visits.create({
        stationId: world.stations.a,
        visit: { visitedOn: today, kind: "patrol", mode: "home", durationMinutes: 40, subject: { personId }, workerUserIds: [workerId], area: "elderly", findings: {} },
        idempotencyKey: key(),
      });
    }
  }, 120_000);
  afterAll(() => world?.close());

  it("writes mark the months they change, and a refresh counts them from the raw facts", async () => {
    const marked = await world.dbs.owner.db.selectFrom("rollup_dirty").select("month").where("station_id", "=", world.stations.a).execute();
    // Registered today, so only this month holds them on the register, but the category's past start marked every month since.
    expect(marked.map((m) => m.month.slice(0, 7))).toContain(month);
    expect(marked.length).toBeGreaterThan(1);
    await refresh();
    expect(await world.dbs.owner.db.selectFrom("rollup_dirty").select("month").where("station_id", "=", world.stations.a).execute()).toEqual([]);
    const now = await facts(world.stations.a, month);
    expect(now).toMatchObject({
      "people.registered": 9,
      "people.category:elderly_tekun": 7,
      "people.category:assist_dibao": 2,
      "visits.done:patrol": 3,
      "visits.minutes": 120,
      "visits.people_reached": 3,
    });
    // Never visited and due from their registration today: not yet overdue.
    expect(now["visits.overdue"]).toBeUndefined();
    expect(await consistent(world.stations.a)).toEqual([]);
  });

  it("stays equal to a recomputation after updates, category changes and deletes", async () => {
    const admin = await world.as("a.admin");
    const person = await admin.people.get({ stationId: world.stations.a, personId: people[6]! });
    await admin.people.endCategory({ stationId: world.stations.a, personId: people[6]!, categoryEntryId: person.categories[0]!.id, endDate: today, reason: "不再符合" });
    await admin.people.recordLifeEvent({ stationId: world.stations.a, personId: people[5]!, kind: "died", date: today });
    // A correction straight in the database (an operator deleting a duplicate visit) is marked too.
    const visit = await world.dbs.owner.db.selectFrom("visit").select("id").where("station_id", "=", world.stations.a).where("person_id", "=", people[0]!).executeTakeFirstOrThrow();
    await world.dbs.owner.db.deleteFrom("visit_worker").where("visit_id", "=", visit.id).execute();
    await world.dbs.owner.db.deleteFrom("visit").where("id", "=", visit.id).execute();
    // Before the refresh the rollup is stale and says so by its marks; the check skips marked months.
    expect((await facts(world.stations.a, month))["people.category:elderly_tekun"]).toBe(7);
    await refresh();
    expect(await facts(world.stations.a, month)).toMatchObject({
      "people.registered": 8,
      "people.category:elderly_tekun": 5,
      "visits.done:patrol": 2,
      "visits.minutes": 80,
    });
    expect(await consistent(world.stations.a)).toEqual([]);
  });

  it("activities, volunteers, resources, supervision and follow-ups roll up too", async () => {
    const worker = await world.as("a.worker");
    const { volunteerId } = await worker.volunteers.create({ stationId: world.stations.a, volunteer: { name: "赵志愿", phone: "13912345678", joinedOn: "2025-01-01" }, idempotencyKey: key() });
    const { activityId } = await worker.activities.create({
      stationId: world.stations.a,
      activity: { kind: "group", area: "elderly", topic: "防诈骗小组", heldOn: today, durationMinutes: 90, place: "活动室", workerUserIds: [workerId], attendeePersonIds: people.slice(0, 3), othersCount: 12, volunteers: [{ volunteerId, minutes: 120 }] } as never,
      idempotencyKey: key(),
    });
    await worker.resources.create({ stationId: world.stations.a, resource: { kind: "goods", source: "县慈善协会", description: "米面油", valueFen: 30_000, receivedOn: today, beneficiary: { activityId } } as never, idempotencyKey: key() });
    for (const score of [5, 3]) {
      await worker.satisfaction.create({ stationId: world.stations.a, followup: { subjectKind: "activity", subjectId: activityId, followedUpOn: today, mode: "phone", durationMinutes: 5, score } as never, idempotencyKey: key() });
    }
    await refresh();
    expect(await facts(world.stations.a, month)).toMatchObject({
      "activities.held:group": 1,
      "activities.attendance": 15,
      "volunteers.minutes": 120,
      "resources.value_fen:goods": 30_000,
      "satisfaction.responses": 2,
      "satisfaction.score_total": 8,
    });
    expect(await consistent(world.stations.a)).toEqual([]);
  });

  it("reports a prefecture's stations as sums, with small counts of people shown as <5", async () => {
    await refresh();
    const prefecture = await world.as("changji.pref");
    const report = await prefecture.reporting.division({ divisionCode: "652301", month });
    const liugong = report.children.find((c) => c.code === "652301105")!;
    expect(liugong.stationsReporting).toBe(1);
    expect(liugong.values["people.registered"]).toEqual({ "": 8 });
    expect(liugong.values["people.category"]).toMatchObject({ elderly_tekun: 5, assist_dibao: "<5" });
    expect(liugong.values["visits.minutes"]).toEqual({ "": 80 });
    expect(report.total["people.category"]?.assist_dibao).toBe("<5");
    // The prefecture's own kept totals, read by the region: Changji is one row, not 85 stations.
    const region = await (await world.as("region.viewer")).reporting.division({ divisionCode: "65", month });
    const changji = region.children.find((c) => c.code === "6523")!;
    expect(changji.stationsReporting).toBe(1);
    expect(changji.values["people.registered"]).toEqual({ "": 8 });
    expect(await consistent(world.stations.a)).toEqual([]);
    const trend = await prefecture.reporting.trend({ divisionCode: "6523", indicator: "people.category", dimension: "elderly_tekun", month, months: 3 });
    expect(trend.points.map((p) => p.month)).toHaveLength(3);
    expect(trend.points.at(-1)).toEqual({ month, value: 5 });
  });

  it("exports a dashboard table as xlsx with the <5 cells as shown, and audits the export", async () => {
    const prefecture = await world.as("changji.pref");
    const file = await prefecture.reporting.exportDivision({ divisionCode: "652301", month, view: "categories" });
    expect(file.fileName).toBe(`昌吉市-分类对象人数-${month}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, "base64") as never);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(["特困老人", 5]);
    expect(rows).toContainEqual(["低保对象", "<5"]);
    const trend = await prefecture.reporting.exportDivision({ divisionCode: "652301", month, view: "visits" });
    expect(trend.rows).toBe(12);
    const own = await (await world.as("a.admin")).reporting.exportStation({ stationId: world.stations.a, month, view: "categories" });
    const ownBook = new ExcelJS.Workbook();
    await ownBook.xlsx.load(Buffer.from(own.base64, "base64") as never);
    expect(ownBook.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1))).toContainEqual(["低保对象", 2]);
    const audited = await world.dbs.owner.db.selectFrom("audit_event").select(["action", "target"]).where("action", "=", "report.export").execute();
    expect(audited).toEqual(expect.arrayContaining([{ action: "report.export", target: "652301" }, { action: "report.export", target: "categories" }]));
  });

  it("the station sees its own numbers unsuppressed; region roles reach no procedure with personal data", async () => {
    const station = await (await world.as("a.admin")).reporting.station({ stationId: world.stations.a, month, months: 2 });
    expect(station.months.at(-1)!.values["people.category"]).toMatchObject({ assist_dibao: 2 });
    const viewer = await world.as("region.viewer");
    for (const call of [
      () => viewer.people.list({ stationId: world.stations.a }),
      () => viewer.reporting.station({ stationId: world.stations.a, month }),
      () => viewer.reporting.exportStation({ stationId: world.stations.a, month, view: "categories" }),
      () => viewer.visits.due({ stationId: world.stations.a }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) });
    }
    await expect(viewer.reporting.division({ divisionCode: "65", month })).resolves.toMatchObject({ division: { code: "65" } });
  });

  it("the daily calendar tick marks the current month of every station not already recomputed today", async () => {
    // The first tick marks the stations nobody's writes have marked yet; once they are refreshed,
    // a restart's tick has nothing to redo.
    await sql`select mark_current_month_dirty()`.execute(world.dbs.owner.db);
    await refresh();
    await sql`select mark_current_month_dirty()`.execute(world.dbs.owner.db);
    expect(await world.dbs.owner.db.selectFrom("rollup_dirty").select("station_id").where("month", "=", `${month}-01`).execute()).toEqual([]);
    // Computed yesterday: the stocks (ages, overdue visits) have moved since, so it is marked.
    await sql`update rollup_refreshed set refreshed_at = now() - interval '1 day' where month = ${`${month}-01`}::date`.execute(world.dbs.owner.db);
    await sql`select mark_current_month_dirty()`.execute(world.dbs.owner.db);
    const marked = await world.dbs.owner.db.selectFrom("rollup_dirty").select("station_id").where("month", "=", `${month}-01`).execute();
    expect(new Set(marked.map((m) => m.station_id))).toEqual(new Set(Object.values(world.stations)));
    expect((await refresh()).stations).toBe(3);
  });

  it("a dashboard answer is kept while the totals stand still, and the next refresh replaces it", async () => {
    const viewer = await world.as("region.viewer");
    const generation = async () => Number((await world.dbs.owner.db.selectFrom("rollup_generation").select("generation").executeTakeFirstOrThrow()).generation);
    const minutes = (report: { children: { code: string; values: Record<string, Record<string, number | string> | undefined> }[] }) => Number(report.children.find((c) => c.code === "6523")!.values["visits.minutes"]?.[""] ?? 0);
    const trend = () => viewer.reporting.trend({ divisionCode: "6523", indicator: "visits.minutes", month, months: 2 });
    await refresh();
    const first = await viewer.reporting.division({ divisionCode: "65", month });
    const firstTrend = await trend();
    // Nothing moved the totals: the very same answer, not a recomputation.
    expect(await viewer.reporting.division({ divisionCode: "65", month })).toBe(first);
    expect(await trend()).toBe(firstTrend);
    // No dimension (the sum over all) and the empty dimension are different questions.
    await expect(viewer.reporting.trend({ divisionCode: "6523", indicator: "visits.minutes", dimension: "", month, months: 2 })).resolves.not.toBe(firstTrend);
    // A frozen month is never served from what was kept for the live one.
    await expect(viewer.reporting.division({ divisionCode: "65", month, source: "snapshot" })).resolves.not.toBe(first);

    const before = await generation();
    await (await world.as("a.worker")).visits.create({
      stationId: world.stations.a,
      visit: { visitedOn: today, kind: "patrol", mode: "home", durationMinutes: 25, subject: { personId: people[1]! }, workerUserIds: [workerId], area: "elderly", findings: {} },
      idempotencyKey: key(),
    });
    // Written but not yet counted: the rollups themselves still say the old number.
    expect(await viewer.reporting.division({ divisionCode: "65", month })).toBe(first);
    await refresh();
    expect(await generation()).toBeGreaterThan(before);
    const after = await viewer.reporting.division({ divisionCode: "65", month });
    expect(minutes(after)).toBe(minutes(first) + 25);
    expect(after).toEqual(await withDivisionScope(world.dbs.app.db, "65", (tx) => divisionReport(tx, "65", month)));
    expect((await trend()).points.at(-1)!.value).toBe(Number(firstTrend.points.at(-1)!.value) + 25);
  });
});
