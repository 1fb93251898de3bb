import { createPersonalDataCipher } from "@shegong/auth";
import { withStation } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { ageOn, CATEGORIES, monthsEndingWith, parseCitizenId, type CategoryKey } from "@shegong/domain";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkStationRollups, loadSyntheticRegion, type SynthReport } from "../src/index.ts";
import { citizenIdFor, seededRandom } from "../src/synth/synthetic-people.ts";

const pii = createPersonalDataCipher(new Uint8Array(32).fill(7));
const TODAY = "2026-11-20";

// The small scale (Changji City's townships) at a handful of people per station: the same code
// path as the region, small enough for the suite.
describe("synthetic region (synth --scale small)", () => {
  let dbs: TestDatabases;
  let report: SynthReport;
  beforeAll(async () => {
    dbs = await createTestDatabases();
    report = await loadSyntheticRegion(dbs.owner, pii, { scale: "small", seed: 42, peoplePerStation: 25, visitsPerPerson: 3, today: TODAY });
  });
  afterAll(() => dbs?.close());

  it("onboards every township of the county and fills each station", async () => {
    const stations = await dbs.owner.db.selectFrom("station").select(["id", "division_code"]).execute();
    expect(stations.length).toBe(report.stations);
    expect(stations.length).toBeGreaterThan(5);
    expect(stations.every((s) => s.division_code.startsWith("652301"))).toBe(true);
    expect(report.people).toBe(25 * report.stations);
    const { rows } = await sql<{ people: number; visits: number; workers: number }>`
      select (select count(*) from person)::int as people, (select count(*) from visit)::int as visits,
        (select count(*) from visit_worker)::int as workers`.execute(dbs.owner.db);
    expect(rows[0]).toMatchObject({ people: report.people, visits: report.visits });
    expect(rows[0]!.workers).toBeGreaterThanOrEqual(report.visits);
  });

  it("stores valid ID numbers of the station's county, sealed as the registry seals them, with ages that fit the categories", async () => {
    const people = await dbs.owner.db
      .selectFrom("person as p")
      .innerJoin("station as s", "s.id", "p.station_id")
      .leftJoin("person_category as pc", (j) => j.onRef("pc.station_id", "=", "p.station_id").onRef("pc.person_id", "=", "p.id"))
      .select(["p.id", "p.id_cipher", "p.id_blind", "p.id_masked", "p.sex", "p.birth_date", "p.registered_on", "s.division_code", "pc.category", "pc.start_date"])
      .execute();
    expect(people.length).toBeGreaterThan(0);
    for (const p of people) {
      const id = pii.decrypt(p.id_cipher);
      const parsed = parseCitizenId(id, TODAY);
      expect(parsed.ok, id).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.addressCode).toBe(p.division_code.slice(0, 6));
      expect(parsed.value.birthDate).toBe(p.birth_date);
      expect(parsed.value.sex).toBe(p.sex);
      expect(Buffer.from(p.id_blind)).toEqual(Buffer.from(pii.blindIndex(id)));
      expect(p.id_masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
      if (!p.category || !p.start_date) continue;
      const rule = CATEGORIES[p.category as CategoryKey].ageRule;
      const ageAtStart = ageOn(p.birth_date, p.start_date);
      const ageToday = ageOn(p.birth_date, TODAY);
      if (rule === "elderly") expect(ageAtStart).toBeGreaterThanOrEqual(60);
      if (rule === "advanced_age") expect(ageAtStart).toBeGreaterThanOrEqual(80);
      if (rule === "child") expect(ageToday).toBeLessThan(18);
      expect(p.start_date >= p.registered_on).toBe(true);
    }
    const categories = new Set(people.map((p) => p.category).filter(Boolean));
    expect(categories.size).toBeGreaterThan(4);
  });

  it("gives every household its head and every visit a worker", async () => {
    const { rows } = await sql<{ headless: number; unworked: number }>`
      select (select count(*) from household where head_person_id is null)::int as headless,
        (select count(*) from visit v where not exists (select 1 from visit_worker w where w.station_id = v.station_id and w.visit_id = v.id))::int as unworked`.execute(dbs.owner.db);
    expect(rows[0]).toEqual({ headless: 0, unworked: 0 });
  });

  it("leaves rollups that equal their recomputation from the raw facts", async () => {
    const stations = await dbs.owner.db.selectFrom("station").select("id").execute();
    const months = monthsEndingWith(TODAY.slice(0, 7), 12);
    const pending = await dbs.owner.db.selectFrom("rollup_dirty").select("station_id").execute();
    expect(pending).toEqual([]);
    for (const { id } of stations.slice(0, 3)) {
      expect(await withStation(dbs.app.db, id, (tx) => checkStationRollups(tx, id, months, TODAY))).toEqual([]);
    }
    const registered = await dbs.owner.db
      .selectFrom("station_month_fact")
      .select((eb) => eb.fn.sum<number>("value").as("n"))
      .where("indicator", "=", "people.registered")
      .where("month", "=", `${TODAY.slice(0, 7)}-01`)
      .executeTakeFirstOrThrow();
    expect(Number(registered.n)).toBe(report.people);
  });

  it("is deterministic for a seed", () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const ids = (r: ReturnType<typeof seededRandom>) => Array.from({ length: 20 }, () => citizenIdFor(r, "652301", "1950-03-04", "female", new Set()));
    expect(ids(a)).toEqual(ids(b));
  });
});
