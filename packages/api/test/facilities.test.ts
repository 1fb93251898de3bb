import { HOUSE_RULES, HOUSE_RULE_LABELS, todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const TODAY = todayInShanghai();
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]).toString("base64");

describe("facilities, signage and house rules (issue 5 item 5, R4, R5, R8)", () => {
  let world: World;
  const station = () => world.stations.a;
  const missingOf = async () => {
    const admin = await world.as("a.admin");
    const { readiness } = await admin.facilities.overview({ stationId: station() });
    return readiness.items.filter((i) => !i.ok).map((i) => i.rule ?? i.kind);
  };

  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("a station with nothing recorded misses every item", async () => {
    const admin = await world.as("a.admin");
    const overview = await admin.facilities.overview({ stationId: station() });
    expect(overview.officeArea).toBeNull();
    expect(overview.readiness).toMatchObject({ ready: false, missing: 5 + HOUSE_RULES.length });
    expect(overview.houseRules.map((r) => [r.rule, r.current])).toEqual(HOUSE_RULES.map((r) => [r, null]));
  });

  it("refuses an office under 20 m² without a reason, records it flagged with one, and audits both", async () => {
    const admin = await world.as("a.admin");
    expect(await appCodeOf(admin.facilities.setOfficeArea({ stationId: station(), area: { officeAreaM2: 18 } }))).toBe("FACILITY_AREA_BELOW_MINIMUM");
    expect(await admin.facilities.setOfficeArea({ stationId: station(), area: { officeAreaM2: 18, exceptionReason: "与便民服务中心共用，新址装修中" } })).toEqual({ ok: true, flagged: true });
    let overview = await admin.facilities.overview({ stationId: station() });
    expect(overview.officeArea).toMatchObject({ officeAreaM2: 18, exceptionReason: "与便民服务中心共用，新址装修中", updatedByName: "a.admin" });
    expect(overview.readiness.items[0]).toMatchObject({ kind: "office_area", ok: false, flagged: true });
    // At 20 m² or more the exception no longer applies and is dropped.
    expect(await admin.facilities.setOfficeArea({ stationId: station(), area: { officeAreaM2: 45.5, exceptionReason: "旧说明" } })).toEqual({ ok: true, flagged: false });
    overview = await admin.facilities.overview({ stationId: station() });
    expect(overview.officeArea).toMatchObject({ officeAreaM2: 45.5, exceptionReason: null });
    expect(overview.readiness.items[0]).toMatchObject({ ok: true, flagged: false });
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select("action").where("station_id", "=", station()).where("action", "like", "facilities.area.%").orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["facilities.area.exception", "facilities.area.set"]);
  });

  it("a multi-use room counts for counselling and group work; rooms are corrected and removed", async () => {
    const admin = await world.as("a.admin");
    const idempotencyKey = key();
    const room = { kind: "multi_use" as const, name: "多功能室", areaM2: 30, uses: "个案辅导、小组活动" };
    const first = await admin.facilities.addRoom({ stationId: station(), room, idempotencyKey });
    // A retried create does the work once.
    expect(await admin.facilities.addRoom({ stationId: station(), room, idempotencyKey })).toEqual(first);
    expect((await admin.facilities.overview({ stationId: station() })).rooms).toHaveLength(1);
    expect(await missingOf()).not.toContain("counselling_room");
    expect(await missingOf()).not.toContain("group_room");
    await admin.facilities.updateRoom({ stationId: station(), roomId: first.id, room: { ...room, kind: "case_counselling", name: "个案辅导室" } });
    expect(await missingOf()).toContain("group_room");
    const group = await admin.facilities.addRoom({ stationId: station(), room: { kind: "group_activity", name: "团体活动室", areaM2: null }, idempotencyKey: key() });
    expect(await missingOf()).not.toContain("group_room");
    await admin.facilities.removeRoom({ stationId: station(), roomId: group.id });
    expect(await missingOf()).toContain("group_room");
    expect(await appCodeOf(admin.facilities.removeRoom({ stationId: station(), roomId: group.id }))).toBe("NOT_FOUND");
    await admin.facilities.addRoom({ stationId: station(), room: { kind: "group_activity", name: "团体活动室", areaM2: 40 }, idempotencyKey: key() });
  });

  it("lists equipment with who provided it", async () => {
    const admin = await world.as("a.admin");
    await admin.facilities.addEquipment({ stationId: station(), equipment: { name: "电脑", quantity: 2, providedBy: "township" }, idempotencyKey: key() });
    await admin.facilities.addEquipment({ stationId: station(), equipment: { name: "档案柜", quantity: 3, providedBy: "contractor" }, idempotencyKey: key() });
    const { equipment } = await admin.facilities.overview({ stationId: station() });
    expect(equipment.map((e) => [e.name, e.quantity, e.providedBy])).toEqual([
      ["电脑", 2, "township"],
      ["档案柜", 3, "contractor"],
    ]);
    expect(await missingOf()).not.toContain("equipment");
  });

  it("a plaque counts once it has a photo (an attachment owned by the sign)", async () => {
    const admin = await world.as("a.admin");
    const { id } = await admin.facilities.addSign({ stationId: station(), sign: { kind: "plaque", wording: "六工镇社会工作服务站", location: "大门右侧", installedOn: "2026-03-01" }, idempotencyKey: key() });
    expect(await missingOf()).toContain("plaque_photo");
    await admin.attachments.upload({ stationId: station(), file: { ownerKind: "station_sign", ownerId: id, kind: "photo", fileName: "牌匾.jpg", fileBase64: JPEG }, idempotencyKey: key() });
    expect(await missingOf()).not.toContain("plaque_photo");
    const { signs } = await admin.facilities.overview({ stationId: station() });
    expect(signs).toEqual([expect.objectContaining({ id, kind: "plaque", photos: 1 })]);
  });

  it("house rules are versioned: each revision kept, the newest in force, a stale revision refused", async () => {
    const admin = await world.as("a.admin");
    const revise = (basedOnRevision: number | null, body: string) =>
      admin.facilities.reviseHouseRule({ stationId: station(), revision: { rule: "volunteers", title: "志愿者管理制度", body, effectiveOn: TODAY, basedOnRevision }, idempotencyKey: key() });
    expect((await revise(null, "第一条 志愿者须登记注册。")).revision).toBe(1);
    expect((await revise(1, "第一条 志愿者须登记注册。第二条 服务时长按月记录。")).revision).toBe(2);
    expect(await appCodeOf(revise(1, "过时的修订"))).toBe("HOUSE_RULE_REVISION_CONFLICT");
    expect(await appCodeOf(revise(null, "重复的第一版"))).toBe("HOUSE_RULE_REVISION_CONFLICT");
    const history = await admin.facilities.houseRuleHistory({ stationId: station(), rule: "volunteers" });
    expect(history.map((h) => [h.revision, h.body, h.createdByName])).toEqual([
      [2, "第一条 志愿者须登记注册。第二条 服务时长按月记录。", "a.admin"],
      [1, "第一条 志愿者须登记注册。", "a.admin"],
    ]);
    const { houseRules, readiness } = await admin.facilities.overview({ stationId: station() });
    expect(houseRules.find((r) => r.rule === "volunteers")?.current).toMatchObject({ revision: 2 });
    expect(readiness.items.find((i) => i.rule === "volunteers")).toMatchObject({ ok: true, message: { zh: `志愿者管理制度：第 2 版（${TODAY} 起施行）` } });
  });

  it("with every rule on the wall the station is ready, and the bureau's panel says so with counts only", async () => {
    const admin = await world.as("a.admin");
    for (const rule of HOUSE_RULES.filter((r) => r !== "volunteers")) {
      await admin.facilities.reviseHouseRule({ stationId: station(), revision: { rule, title: HOUSE_RULE_LABELS[rule].zh, body: "正文", effectiveOn: TODAY, basedOnRevision: null }, idempotencyKey: key() });
    }
    expect(await missingOf()).toEqual([]);
    const panel = await (await world.as("city.sup")).facilities.readiness({ divisionCode: "652301" });
    expect(panel.find((p) => p.stationId === world.stations.a)).toMatchObject({ ready: true, officeAreaM2: 45.5, areaException: false, rooms: 2, equipmentItems: 2, plaquePhotos: 1, houseRules: 7, missing: [] });
    const b = panel.find((p) => p.stationId === world.stations.b)!;
    expect(b).toMatchObject({ ready: false, officeAreaM2: null, houseRules: 0 });
    expect(b.missing.map((m) => m.rule ?? m.kind)).toEqual(["office_area", "counselling_room", "group_room", "plaque_photo", "equipment", ...HOUSE_RULES]);
    // The township officer sees its own township's station; the prefecture all of its own.
    expect((await (await world.as("town.a")).facilities.readiness({ divisionCode: "652301105" })).map((p) => p.stationId)).toEqual([world.stations.a]);
    expect((await (await world.as("changji.pref")).facilities.readiness({ divisionCode: "6523" })).map((p) => p.stationId)).toEqual(expect.arrayContaining([world.stations.a, world.stations.b]));
  });

  it("supervisors read the page but cannot write; a worker cannot manage facilities", async () => {
    const city = await world.as("city.sup");
    expect((await city.facilities.overview({ stationId: station() })).readiness.ready).toBe(true);
    expect(await appCodeOf(city.facilities.setOfficeArea({ stationId: station(), area: { officeAreaM2: 50 } }))).toBe("FORBIDDEN");
    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.facilities.addRoom({ stationId: station(), room: { kind: "other", name: "储藏室", areaM2: null }, idempotencyKey: key() }))).toBe("FORBIDDEN");
  });
});
