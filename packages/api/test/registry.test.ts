import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { citizenId } from "./ids.ts";
import { createWorld, pii, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
async function appCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
}

const LIUGONG_VILLAGE = "652301105200";

describe("service-recipient registry", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("registers a person: sex and birth date from the ID, stored encrypted and blind-indexed, shown masked", async () => {
    const worker = await world.as("a.worker");
    const id = citizenId("19500315", 121);
    const created = await worker.people.create({
      stationId: world.stations.a,
      person: { name: "张三", citizenId: id.toLowerCase(), villageCode: LIUGONG_VILLAGE, ethnicityCode: "03", phone: "13800000000" },
      categories: [{ category: "elderly_left_behind", startDate: "2024-05-01", source: "摸底排查" }],
      idempotencyKey: key(),
    });
    const person = await worker.people.get({ stationId: world.stations.a, personId: created.personId });
    expect(person).toMatchObject({ name: "张三", sex: "male", birthDate: "1950-03-15", citizenIdMasked: `652301********${id.slice(-4)}`, minor: false });
    expect(person.categories).toMatchObject([{ category: "elderly_left_behind", startDate: "2024-05-01", current: true }]);
    expect(person.timeline.map((e) => e.kind).sort()).toEqual(["category_entered", "registered"]);
    const row = await world.dbs.owner.db.selectFrom("person").select(["id_cipher", "id_blind", "id_masked"]).where("id", "=", created.personId).executeTakeFirstOrThrow();
    expect(Buffer.from(row.id_cipher).toString("latin1")).not.toContain(id.slice(0, 10));
    expect(pii.decrypt(row.id_cipher)).toBe(id);
    expect(Buffer.from(row.id_blind).equals(Buffer.from(pii.blindIndex(id)))).toBe(true);
  });

  it("refuses the same ID twice in one station, a sex that contradicts the ID, and a village of another township", async () => {
    const worker = await world.as("a.worker");
    const id = citizenId("19500315", 121);
    expect(await appCodeOf(worker.people.create({ stationId: world.stations.a, person: { name: "张三", citizenId: id }, idempotencyKey: key() }))).toBe("PERSON_ALREADY_REGISTERED");
    expect(await appCodeOf(worker.people.create({ stationId: world.stations.a, person: { name: "李四", citizenId: citizenId("19600101", 131), sex: "female" }, idempotencyKey: key() }))).toBe("VALIDATION");
    expect(await appCodeOf(worker.people.create({ stationId: world.stations.a, person: { name: "李四", citizenId: citizenId("19600101", 131), villageCode: "652301104200" }, idempotencyKey: key() }))).toBe("VILLAGE_NOT_IN_STATION");
    expect(await appCodeOf(worker.people.create({ stationId: world.stations.a, person: { name: "李四", citizenId: "652301600101131" }, idempotencyKey: key() }))).toBe("VALIDATION");
  });

  it("a retried create with the same key stores the person once", async () => {
    const worker = await world.as("a.worker");
    const k = key();
    const input = { stationId: world.stations.a, person: { name: "重试", citizenId: citizenId("19700101", 141) }, idempotencyKey: k };
    const first = await worker.people.create(input);
    const second = await worker.people.create(input);
    expect(second.personId).toBe(first.personId);
  });

  it("flags an ID registered at another station to both stations and their county, naming only the other station", async () => {
    const id = citizenId("19450808", 151);
    const a = await (await world.as("a.worker")).people.create({ stationId: world.stations.a, person: { name: "马老汉", citizenId: id }, idempotencyKey: key() });
    const b = await (await world.as("b.worker")).people.create({ stationId: world.stations.b, person: { name: "马老汉", citizenId: id }, idempotencyKey: key() });
    expect(b.duplicateElsewhere).toEqual(["昌吉市六工镇社会工作服务站"]);
    const seenByA = await (await world.as("a.worker")).people.get({ stationId: world.stations.a, personId: a.personId });
    expect(seenByA.duplicateElsewhere.map((d) => d.otherStation)).toEqual(["昌吉市大西渠镇社会工作服务站"]);
    const county = await (await world.as("city.sup")).people.duplicateFlags({ divisionCode: "652301" });
    expect(county.map((f) => [f.station, f.otherStation]).sort()).toEqual([
      ["昌吉市六工镇社会工作服务站", "昌吉市大西渠镇社会工作服务站"],
      ["昌吉市大西渠镇社会工作服务站", "昌吉市六工镇社会工作服务站"],
    ]);
    expect(JSON.stringify(county)).not.toContain("马老汉");
  });

  it("enforces category age rules with clear messages, and a region's own high-age threshold", async () => {
    const worker = await world.as("a.worker");
    const young = await worker.people.create({ stationId: world.stations.a, person: { name: "青年", citizenId: citizenId("19900101", 161) }, idempotencyKey: key() });
    const error = await worker.people.addCategory({ stationId: world.stations.a, personId: young.personId, category: "elderly_tekun", startDate: "2026-01-01" }).catch((e) => e);
    expect(error.appCode).toBe("CATEGORY_AGE");
    expect(error.details.zh).toContain("60");
    const seventySix = await worker.people.create({ stationId: world.stations.a, person: { name: "七十六", citizenId: citizenId("19500101", 171) }, idempotencyKey: key() });
    expect(await appCodeOf(worker.people.addCategory({ stationId: world.stations.a, personId: seventySix.personId, category: "elderly_advanced_age", startDate: "2026-06-01" }))).toBe("CATEGORY_AGE");
    await world.dbs.owner.db.insertInto("region_rule").values({ division_code: "6523", advanced_age_from: 75 }).execute();
    await worker.people.addCategory({ stationId: world.stations.a, personId: seventySix.personId, category: "elderly_advanced_age", startDate: "2026-06-01" });
    expect(await appCodeOf(worker.people.addCategory({ stationId: world.stations.a, personId: seventySix.personId, category: "elderly_advanced_age", startDate: "2026-07-01" }))).toBe("CATEGORY_OVERLAP");
    await world.dbs.owner.db.deleteFrom("region_rule").execute();
  });

  it("rebuilds any register as of a date: a child leaves child categories on turning 18, the dead leave on death", async () => {
    const worker = await world.as("a.worker");
    const child = await worker.people.create({
      stationId: world.stations.a,
      person: { name: "刘小明", citizenId: citizenId("20080229", 182) },
      categories: [{ category: "child_left_behind", startDate: "2020-03-01" }],
      idempotencyKey: key(),
    });
    const elder = await worker.people.create({
      stationId: world.stations.a,
      person: { name: "孙奶奶", citizenId: citizenId("19380101", 192) },
      categories: [{ category: "elderly_tekun", startDate: "2019-01-01" }],
      idempotencyKey: key(),
    });
    await worker.people.recordLifeEvent({ stationId: world.stations.a, personId: elder.personId, kind: "died", date: "2025-05-10" });
    const on = async (category: "child_left_behind" | "elderly_tekun", asOf: string) =>
      (await worker.people.list({ stationId: world.stations.a, category, asOf })).items.map((p) => p.name);
    expect(await on("child_left_behind", "2026-02-28")).toContain("刘小明");
    // Born 29 February 2008: comes of age on 1 March 2026.
    expect(await on("child_left_behind", "2026-03-01")).not.toContain("刘小明");
    expect(await on("elderly_tekun", "2025-05-09")).toContain("孙奶奶");
    expect(await on("elderly_tekun", "2025-05-10")).not.toContain("孙奶奶");
    const elderPage = await worker.people.get({ stationId: world.stations.a, personId: elder.personId });
    expect(elderPage).toMatchObject({ status: "deceased", diedOn: "2025-05-10" });
    expect(elderPage.categories[0]).toMatchObject({ endDate: "2025-05-10", current: false });
    expect((await worker.people.get({ stationId: world.stations.a, personId: child.personId })).minor).toBe(false);
    expect(await appCodeOf(worker.people.addCategory({ stationId: world.stations.a, personId: elder.personId, category: "elderly_left_behind", startDate: "2025-01-01" }))).toBe("PERSON_NOT_ACTIVE");
  });

  it("finds people by name, pinyin initials, the last digits of the ID, village and category, with counts", async () => {
    const worker = await world.as("a.worker");
    const list = (query: Record<string, unknown>) => worker.people.list({ stationId: world.stations.a, ...query });
    expect((await list({ query: "张" })).items.map((p) => p.name)).toContain("张三");
    expect((await list({ query: "zs" })).items.map((p) => p.name)).toEqual(["张三"]);
    expect((await list({ query: "zhangsan" })).items.map((p) => p.name)).toEqual(["张三"]);
    const id = citizenId("19500315", 121);
    expect((await list({ query: id.slice(-4) })).items.map((p) => p.name)).toContain("张三");
    expect((await list({ query: id.slice(-6) })).items.map((p) => p.name)).toEqual(["张三"]);
    expect((await list({ query: id })).items.map((p) => p.name)).toEqual(["张三"]);
    expect((await list({ query: `9${id.slice(-6)}` })).items).toEqual([]);
    expect((await list({ villageCode: LIUGONG_VILLAGE })).items.map((p) => p.name)).toEqual(["张三"]);
    expect((await list({ category: "elderly_left_behind" })).total).toBe(1);
    const page = await list({ pageSize: 2, page: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
    const counts = await worker.people.counts({ stationId: world.stations.a });
    expect(counts.elderly_left_behind).toBe(1);
  });

  it("reveals a full ID only with the permission and a reason, audited and on the timeline", async () => {
    const id = citizenId("19500315", 121);
    const person = (await (await world.as("a.worker")).people.list({ stationId: world.stations.a, query: "张三" })).items[0]!;
    expect(await appCodeOf((await world.as("a.worker")).people.revealId({ stationId: world.stations.a, personId: person.id, reason: "入户核查" }))).toBe("FORBIDDEN");
    expect(await appCodeOf((await world.as("a.admin")).people.revealId({ stationId: world.stations.a, personId: person.id, reason: "" }))).toBe("VALIDATION");
    const revealed = await (await world.as("a.admin")).people.revealId({ stationId: world.stations.a, personId: person.id, reason: "高龄补贴核对" });
    expect(revealed.citizenId).toBe(id);
    const audit = await (await world.as("a.admin")).audit.list({ stationId: world.stations.a });
    expect(audit.find((e) => e.action === "person.id.reveal")).toMatchObject({ actorName: "a.admin", target: person.id, detail: { reason: "高龄补贴核对" } });
    const page = await (await world.as("a.admin")).people.get({ stationId: world.stations.a, personId: person.id });
    expect(page.timeline.find((e) => e.kind === "id_revealed")?.detail).toEqual({ reason: "高龄补贴核对" });
  });

  it("keeps family structure in the household: head, members, relations; one household per person", async () => {
    const worker = await world.as("a.worker");
    const head = await worker.people.create({ stationId: world.stations.a, person: { name: "户主", citizenId: citizenId("19550101", 201) }, idempotencyKey: key() });
    const spouse = await worker.people.create({ stationId: world.stations.a, person: { name: "配偶", citizenId: citizenId("19560101", 202) }, idempotencyKey: key() });
    const grandchild = await worker.people.create({ stationId: world.stations.a, person: { name: "孙子", citizenId: citizenId("20150101", 203) }, idempotencyKey: key() });
    const { householdId } = await worker.households.create({ stationId: world.stations.a, headPersonId: head.personId, villageCode: LIUGONG_VILLAGE, idempotencyKey: key() });
    await worker.households.addMember({ stationId: world.stations.a, householdId, personId: spouse.personId, relation: "spouse" });
    const household = await worker.households.addMember({ stationId: world.stations.a, householdId, personId: grandchild.personId, relation: "grandchild" });
    expect(household.members.map((m) => [m.name, m.relation, m.minor])).toEqual([
      ["户主", "head", false],
      ["配偶", "spouse", false],
      ["孙子", "grandchild", true],
    ]);
    await worker.households.addGuardian({ stationId: world.stations.a, childId: grandchild.personId, guardianPersonId: head.personId, name: "户主", relation: "grandparent", idempotencyKey: key() });
    const child = await worker.people.get({ stationId: world.stations.a, personId: grandchild.personId });
    expect(child.minor).toBe(true);
    expect(child.household?.members).toHaveLength(3);
    expect(child.guardians).toMatchObject([{ name: "户主", relation: "grandparent", personId: head.personId }]);
    const other = await worker.households.create({ stationId: world.stations.a, headPersonId: (await worker.people.create({ stationId: world.stations.a, person: { name: "邻居", citizenId: citizenId("19570101", 204) }, idempotencyKey: key() })).personId, idempotencyKey: key() });
    expect(await appCodeOf(worker.households.addMember({ stationId: world.stations.a, householdId: other.householdId, personId: spouse.personId, relation: "spouse" }))).toBe("HOUSEHOLD_MEMBER_ELSEWHERE");
  });

  it("a correction bumps the version, refuses a stale one, and lists changed fields (not values) on the timeline", async () => {
    const worker = await world.as("a.worker");
    const created = await worker.people.create({ stationId: world.stations.a, person: { name: "王五", citizenId: citizenId("19480101", 211) }, idempotencyKey: key() });
    const updated = await worker.people.update({ stationId: world.stations.a, personId: created.personId, version: 1, person: { name: "王武", citizenId: citizenId("19480101", 211), phone: "13900000000" } });
    expect(updated).toMatchObject({ version: 2, changed: ["name", "phone"] });
    expect(await appCodeOf(worker.people.update({ stationId: world.stations.a, personId: created.personId, version: 1, person: { name: "王午", citizenId: citizenId("19480101", 211) } }))).toBe("PERSON_VERSION_CONFLICT");
    const page = await worker.people.get({ stationId: world.stations.a, personId: created.personId });
    expect(page.timeline.find((e) => e.kind === "corrected")?.detail).toEqual({ fields: ["name", "phone"] });
    expect(JSON.stringify(page.timeline)).not.toContain("13900000000");
    // A worker who cannot reveal the number corrects the rest without it; the stored number stands.
    const withoutId = await worker.people.update({ stationId: world.stations.a, personId: created.personId, version: 2, person: { name: "王武", phone: "13900000000", address: "下六工村3组" } });
    expect(withoutId).toMatchObject({ version: 3, changed: ["address"] });
    expect((await worker.people.get({ stationId: world.stations.a, personId: created.personId })).citizenIdMasked).toBe(`652301********${citizenId("19480101", 211).slice(-4)}`);
    expect(await appCodeOf(worker.people.update({ stationId: world.stations.a, personId: created.personId, version: 3, person: { name: "王武", sex: "female" } }))).toBe("VALIDATION");
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
