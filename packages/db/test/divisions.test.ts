import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDivisions, readDivisionFile } from "../src/divisions.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

function countByLevel(rows: { level: number }[]) {
  const counts: Record<number, number> = {};
  for (const r of rows) counts[r.level] = (counts[r.level] ?? 0) + 1;
  return counts;
}

describe("division reference data (R1, R2)", () => {
  let dbs: TestDatabases;
  beforeAll(async () => {
    dbs = await createTestDatabases();
  }, 60_000);
  afterAll(() => dbs?.close());

  it("Xinjiang: 15 prefectures, 108 counties, 1,405 township units, 14,721 villages", () => {
    expect(countByLevel(readDivisionFile("xinjiang"))).toEqual({ 1: 1, 2: 15, 3: 108, 4: 1405, 5: 14721 });
  });

  it("every unit hangs under its parent's code, Liugong under Changji City", async () => {
    const rows = await dbs.owner.db.selectFrom("division").select(["code", "name", "parent_code"]).where("code", "in", ["652301105", "652301", "6523"]).orderBy("code").execute();
    expect(rows).toEqual([
      { code: "6523", name: "昌吉回族自治州", parent_code: "65" },
      { code: "652301", name: "昌吉市", parent_code: "6523" },
      { code: "652301105", name: "六工镇", parent_code: "652301" },
    ]);
    const orphans = readDivisionFile("xinjiang").filter((r) => r.parent_code !== null && !r.code.startsWith(r.parent_code));
    expect(orphans).toEqual([]);
  });

  it("the whole country's 41,352 township units load as an option, idempotently", async () => {
    expect(countByLevel(readDivisionFile("china"))[4]).toBe(41352);
    await loadDivisions(dbs.owner.db, "china");
    expect(await loadDivisions(dbs.owner.db, "china")).toBe(0);
    const townships = await dbs.owner.db.selectFrom("division").select((eb) => eb.fn.countAll<number>().as("n")).where("level", "=", 4).executeTakeFirstOrThrow();
    expect(Number(townships.n)).toBe(41352);
  });
});
