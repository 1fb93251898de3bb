import { describe, expect, it } from "vitest";
import { createTestDatabases } from "../src/test-db.ts";
import { countDivisions } from "../src/divisions.ts";

describe("smoke", () => {
  it("migrates and loads", async () => {
    const t0 = Date.now();
    const dbs = await createTestDatabases();
    console.log("setup ms", Date.now() - t0);
    expect(await countDivisions(dbs.owner.db)).toBe(16250);
    await dbs.close();
  }, 60000);
});
