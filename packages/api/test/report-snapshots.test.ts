import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { freezeEndedMonth, freezeSnapshot, lastEndedMonth } from "../src/reporting/report-snapshots.ts";
import { citizenId } from "./ids.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const today = todayInShanghai();
const month = today.slice(0, 7);
const lastMonth = lastEndedMonth(today);
const monthBefore = lastEndedMonth(`${lastMonth}-01`);

/** Issue 7 item 4: a month's report frozen at its end, unmoved by later corrections, compared with the month before. */
describe("monthly report snapshots", () => {
  let world: World;
  let workerId: string;
  const people: string[] = [];
  const refresh = () => refreshDirtyRollups(world.dbs.app.db, { today });
  const visitOn = async (personId: string, visitedOn: string) =>
    (await world.as("a.worker")).visits.create({
      stationId: world.stations.a,
      visit: { visitedOn, kind: "patrol", mode: "home", durationMinutes: 30, subject: { personId }, workerUserIds: [workerId], area: "elderly", findings: {} },
      idempotencyKey: key(),
    });

  beforeAll(async () => {
    world = await createWorld();
    workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const worker = await world.as("a.worker");
    for (let i = 0; i < 6; i++) {
      const r = await worker.people.create({
        stationId: world.stations.a,
        person: { name: `快照老人${"甲乙丙丁戊己"[i]}`, citizenId: citizenId("19400101", 860 + i) } as never,
        categories: [{ category: "elderly_tekun", startDate: `${monthBefore}-01` }] as never,
        idempotencyKey: key(),
      });
      people.push(r.personId);
    }
    // On the register since the month before last, as if the station had run for a while.
    await world.dbs.owner.db.updateTable("person").set({ registered_on: `${monthBefore}-01` }).where("id", "in", people).execute();
    for (const personId of people) await visitOn(personId, `${lastMonth}-10`);
    while ((await refresh()).stations > 0);
  }, 120_000);
  afterAll(() => world?.close());

  it("refuses a month that has not ended, and one whose rollups still wait for a refresh", async () => {
    await expect(freezeSnapshot(world.dbs.app.db, month, "test")).rejects.toThrow(/has not ended/);
    await visitOn(people[0]!, `${monthBefore}-15`);
    await expect(freezeSnapshot(world.dbs.app.db, monthBefore, "test")).rejects.toMatchObject({ code: "55000" });
    expect(await freezeEndedMonth(world.dbs.app.db, today)).toEqual({ month: lastMonth, outcome: "not_settled" });
    while ((await refresh()).stations > 0);
  });

  it("freezes the ended month once, with the numbers the live report had", async () => {
    const region = await world.as("region.admin");
    const live = await region.reporting.division({ divisionCode: "6523", month: lastMonth });
    expect(await freezeEndedMonth(world.dbs.app.db, today)).toEqual({ month: lastMonth, outcome: "frozen" });
    expect(await freezeEndedMonth(world.dbs.app.db, today)).toEqual({ month: lastMonth, outcome: "already_frozen" });
    const snapshots = await region.reporting.snapshots({ divisionCode: "65" });
    expect(snapshots.map((s) => s.month)).toEqual([lastMonth]);
    expect(snapshots[0]).toMatchObject({ frozenBy: "system", fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Freezing again (the CLI after the server) changes nothing and gives the same fingerprint.
    expect((await freezeSnapshot(world.dbs.app.db, lastMonth, "cli")).fingerprint).toBe(snapshots[0]!.fingerprint);
    const frozen = await region.reporting.snapshot({ divisionCode: "6523", month: lastMonth });
    expect(frozen.report.total).toEqual(live.total);
    expect(frozen.report.children).toEqual(live.children);
    // Six visits on the 10th; the one in the month before last is that month's.
    expect(frozen.report.total["visits.done"]).toEqual({ patrol: 6 });
    // Down to the county's stations, as the live drill-down shows them.
    const county = await region.reporting.division({ divisionCode: "652301", month: lastMonth, source: "snapshot" });
    expect(county.children).toEqual((await region.reporting.division({ divisionCode: "652301", month: lastMonth })).children);
  });

  it("keeps the frozen numbers when a late visit moves the live rollups", async () => {
    const region = await world.as("region.admin");
    await visitOn(people[1]!, `${lastMonth}-20`);
    while ((await refresh()).stations > 0);
    const live = await region.reporting.division({ divisionCode: "6523", month: lastMonth });
    const frozen = await region.reporting.snapshot({ divisionCode: "6523", month: lastMonth });
    expect(live.total["visits.done"]).toEqual({ patrol: 7 });
    expect(frozen.report.total["visits.done"]).toEqual({ patrol: 6 });
    // No snapshot of the month before: nothing to compare with yet.
    expect(frozen.previous).toBeNull();
    const file = await region.reporting.exportDivision({ divisionCode: "6523", month: lastMonth, view: "children", source: "snapshot" });
    expect(file.fileName).toContain("月末快照");
  });

  it("compares a month with the month before as both were reported", async () => {
    // The month before last was never frozen here; frozen now, it is what the comparison reads.
    await freezeSnapshot(world.dbs.app.db, monthBefore, "cli");
    const frozen = await (await world.as("region.admin")).reporting.snapshot({ divisionCode: "6523", month: lastMonth });
    expect(frozen.previous?.month).toBe(monthBefore);
    expect(frozen.previous?.total["visits.done"]).toEqual({ patrol: 1 });
  });

  it("is for division roles only: a station's staff cannot read it", async () => {
    await expect((await world.as("a.admin")).reporting.snapshots({ divisionCode: "65" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

