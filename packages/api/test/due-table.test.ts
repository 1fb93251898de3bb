import { withStation } from "@shegong/db";
import { addCadence, daysToIsoDate, isoDateToDays, todayInShanghai, type DueStatus } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dueList } from "../src/visits/due-list.ts";
import { pageOfDueList, readDuePage, refreshDueTable } from "../src/visits/due-table.ts";
import { citizenId } from "./ids.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const plusDays = (date: string, n: number) => daysToIsoDate(isoDateToDays(date)! + n);

/**
 * The due table (issue 4 speed) must give the very list the definition computes from the facts,
 * after every kind of write that moves a due date and as days pass with nobody writing.
 */
describe("due table", () => {
  let world: World;
  let workerId: string;
  const today = todayInShanghai();
  const ids: Record<string, string> = {};

  const asWorker = () => world.as("a.worker");
  const station = () => world.stations.a;
  const visitOf = (subject: { personId: string } | { householdId: string }, visitedOn = today) => ({
    visitedOn,
    kind: "patrol" as const,
    mode: "home" as const,
    durationMinutes: 20,
    subject,
    workerUserIds: [workerId],
    area: "elderly" as const,
    findings: {},
  });

  /** Kept rows brought up to `day` and read whole, beside the list computed from the facts on that day. */
  async function bothOn(day: string, workerIdFilter?: string) {
    return withStation(world.dbs.app.db, station(), async (tx) => {
      await refreshDueTable(tx, station(), day);
      const kept = await readDuePage(tx, station(), { today: day, workerId: workerIdFilter, offset: 0, limit: 500 });
      const computed = pageOfDueList(await dueList(tx, station(), { today: day, workerId: workerIdFilter }), { today: day, offset: 0, limit: 500 });
      return { kept, computed };
    });
  }

  async function expectSame(day = today) {
    const { kept, computed } = await bothOn(day);
    expect(kept).toEqual(computed);
    return kept;
  }

  beforeAll(async () => {
    world = await createWorld();
    workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const worker = await asWorker();
    let serial = 700;
    const create = async (name: string, birth: string, categories: { category: string; startDate: string }[], living?: string) =>
      (
        await worker.people.create({
          stationId: station(),
          person: { name, citizenId: citizenId(birth, serial++), ...(living ? { livingArrangement: living } : {}) } as never,
          categories: categories as never,
          idempotencyKey: key(),
        })
      ).personId;
    ids.tekun = await create("王特困", "19450301", [{ category: "elderly_tekun", startDate: "2024-01-01" }]);
    ids.alone = await create("李独居", "19400101", [{ category: "elderly_advanced_age", startDate: "2024-01-01" }], "alone");
    ids.child = await create("张儿童", "20150101", [{ category: "child_left_behind", startDate: "2024-01-01" }]);
    ids.dibao = await create("赵低保", "19700101", [{ category: "assist_dibao", startDate: "2024-01-01" }]);
    ids.member = await create("赵家人", "19720101", [{ category: "assist_tekun", startDate: "2024-01-01" }]);
    // A category that starts later: on the rounds only from that day.
    ids.later = await create("钱将来", "19500101", [{ category: "elderly_left_behind", startDate: plusDays(today, 10) }]);
  }, 120_000);
  afterAll(() => world?.close());

  it("starts equal to the computed list, with the future category held back", async () => {
    const kept = await expectSame();
    expect(kept.entries.map((e) => e.name)).not.toContain("钱将来");
    expect(kept.counts.due_today).toBeGreaterThanOrEqual(5);
  });

  it("stays equal after visits, a household visit, a category ended, an override, a death and an assignment", async () => {
    const worker = await asWorker();
    const admin = await world.as("a.admin");
    await worker.visits.create({ stationId: station(), visit: visitOf({ personId: ids.tekun! }), idempotencyKey: key() });
    await expectSame();
    const household = await worker.households.create({ stationId: station(), headPersonId: ids.dibao!, idempotencyKey: key() });
    await worker.households.addMember({ stationId: station(), householdId: household.householdId, personId: ids.member!, relation: "spouse" });
    await expectSame();
    await worker.visits.create({ stationId: station(), visit: { ...visitOf({ householdId: household.householdId }), area: "assistance" }, idempotencyKey: key() });
    const afterHousehold = await expectSame();
    expect(afterHousehold.entries.find((e) => e.personId === ids.member)).toMatchObject({ lastVisitOn: today });
    const entry = await world.dbs.owner.db.selectFrom("person_category").select("id").where("person_id", "=", ids.child!).executeTakeFirstOrThrow();
    await worker.people.endCategory({ stationId: station(), personId: ids.child!, categoryEntryId: entry.id, endDate: today, reason: "返回父母身边" });
    expect((await expectSame()).entries.map((e) => e.personId)).not.toContain(ids.child);
    await admin.visits.setCadence({ stationId: station(), category: "elderly_tekun", rule: { unit: "week", every: 2 } });
    expect((await expectSame()).entries.find((e) => e.personId === ids.tekun)).toMatchObject({ cadence: { unit: "week", every: 2 }, dueOn: addCadence(today, { unit: "week", every: 2 }) });
    await admin.visits.setCadence({ stationId: station(), category: "elderly_tekun", rule: "inherit" });
    await expectSame();
    // A county's rule reaches the station's kept rows too.
    await world.dbs.owner.db.insertInto("region_cadence").values({ division_code: "652301", category: "assist_tekun", unit: "week", every: 1 }).execute();
    await expect((await world.as("a.worker")).visits.due({ stationId: station(), search: "赵家人" })).resolves.toMatchObject({ entries: [{ cadence: { unit: "week", every: 1 } }] });
    await expectSame();
    await worker.people.recordLifeEvent({ stationId: station(), personId: ids.alone!, kind: "died", date: today });
    expect((await expectSame()).entries.map((e) => e.personId)).not.toContain(ids.alone);
    await admin.visits.assignWorker({ stationId: station(), personId: ids.tekun!, workerUserId: (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.admin").executeTakeFirstOrThrow()).id });
    const mine = await bothOn(today, workerId);
    expect(mine.kept).toEqual(mine.computed);
    expect(mine.kept.entries.map((e) => e.personId)).not.toContain(ids.tekun);
  });

  it("pages through one status at a time without overlap, counts unchanged", async () => {
    const all = await expectSame();
    const worker = await asWorker();
    for (const status of ["due_today", "later"] as DueStatus[]) {
      const pages = [];
      for (let offset = 0; offset < all.counts[status]; offset += 2) {
        const page = await worker.visits.due({ stationId: station(), status, offset, limit: 2 });
        expect(page.counts).toEqual(all.counts);
        expect(page.total).toBe(all.counts[status]);
        pages.push(...page.entries);
      }
      expect(pages.map((e) => e.personId)).toEqual(all.entries.filter((e) => e.status === status).map((e) => e.personId));
    }
  });

  it("gives the calendar its due counts per day, the late ones on today", async () => {
    const worker = await asWorker();
    const days = await worker.visits.dueByDay({ stationId: station(), month: today.slice(0, 7) });
    const all = await expectSame();
    const expected = new Map<string, number>();
    for (const e of all.entries) {
      const day = e.dueOn < today ? today : e.dueOn;
      if (day.slice(0, 7) === today.slice(0, 7)) expected.set(day, (expected.get(day) ?? 0) + 1);
    }
    expect(new Map(days.map((d) => [d.day, d.due]))).toEqual(expected);
  });

  it("a past day is computed from the facts, not read from today's rows", async () => {
    const worker = await asWorker();
    const past = await worker.visits.due({ stationId: station(), asOf: plusDays(today, -1), limit: 500 });
    const computed = await withStation(world.dbs.app.db, station(), async (tx) =>
      pageOfDueList(await dueList(tx, station(), { today: plusDays(today, -1) }), { today: plusDays(today, -1), offset: 0, limit: 500 }),
    );
    expect(past).toEqual(computed);
    expect(past.entries.some((e) => e.lastVisitOn === today)).toBe(false);
  });

  it("narrows by name, pinyin initials or ID digits, today and on a past day alike", async () => {
    const worker = await asWorker();
    const names = async (search: string, asOf?: string) => (await worker.visits.due({ stationId: station(), search, asOf })).entries.map((e) => e.name);
    expect(await names("特困")).toEqual(["王特困"]);
    expect(await names("wtk")).toEqual(["王特困"]);
    expect(await names("wtk", plusDays(today, -1))).toEqual(["王特困"]);
    expect(await names("查无此人")).toEqual([]);
  });

  // Last: the rows are then kept as of a later day, and days never run backwards on a server.
  it("moves with the calendar: a category starting, statuses turning overdue, with no write in between", async () => {
    for (const days of [9, 10, 40, 400]) {
      const later = await expectSame(plusDays(today, days));
      expect(later.entries.some((e) => e.personId === ids.later)).toBe(days >= 10);
    }
  });
});
