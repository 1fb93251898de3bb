import { describe, expect, it } from "vitest";
import { spellingClashes } from "../registry/vocab.ts";
import {
  facilityReadiness,
  HOUSE_RULE_LABELS,
  HOUSE_RULES,
  officeAreaRefusal,
  ROOM_KIND_LABELS,
  ZHouseRuleRevisionSchema,
  ZOfficeAreaSchema,
  ZRoomSchema,
  type FacilityFacts,
  type HouseRule,
} from "./facilities.ts";

const allRules = Object.fromEntries(HOUSE_RULES.map((r) => [r, { revision: 1, effectiveOn: "2026-03-01" }])) as Record<HouseRule, { revision: number; effectiveOn: string }>;
const ready: FacilityFacts = {
  officeAreaM2: 60,
  areaExceptionReason: null,
  roomKinds: ["case_counselling", "group_activity", "office"],
  equipmentItems: 4,
  plaquePhotos: [1],
  houseRules: allRules,
};

const missingKinds = (facts: FacilityFacts) =>
  facilityReadiness(facts)
    .items.filter((i) => !i.ok)
    .map((i) => i.rule ?? i.kind);

describe("office area (R4)", () => {
  it("20 m² or more is saved; below is refused unless an exception is written down", () => {
    expect(officeAreaRefusal({ officeAreaM2: 20 })).toBeNull();
    expect(officeAreaRefusal({ officeAreaM2: 19.5 })?.zh).toMatch(/不足 20 平方米/);
    expect(officeAreaRefusal({ officeAreaM2: 19.5 })?.en).toMatch(/under 20 m²/);
    expect(officeAreaRefusal({ officeAreaM2: 16, exceptionReason: "与便民服务中心共用，新址装修中" })).toBeNull();
  });
  it("the area is positive with at most one decimal", () => {
    expect(ZOfficeAreaSchema.safeParse({ officeAreaM2: 0 }).success).toBe(false);
    expect(ZOfficeAreaSchema.safeParse({ officeAreaM2: 20.25 }).success).toBe(false);
    expect(ZOfficeAreaSchema.safeParse({ officeAreaM2: 20.5 }).success).toBe(true);
  });
});

describe("vocabularies", () => {
  it("have no spelling shared between two keys", () => {
    expect(spellingClashes(ROOM_KIND_LABELS)).toEqual([]);
    expect(spellingClashes(HOUSE_RULE_LABELS)).toEqual([]);
  });
  it("a room needs a name; a house rule revision needs its text", () => {
    expect(ZRoomSchema.safeParse({ kind: "multi_use", name: "  " }).success).toBe(false);
    expect(ZHouseRuleRevisionSchema.safeParse({ rule: "archives", title: "档案管理制度", body: " ", effectiveOn: "2026-03-01", basedOnRevision: null }).success).toBe(false);
  });
});

describe("readiness checklist (R4, R5, R8)", () => {
  it("a station with everything is ready, with one item per rule", () => {
    const r = facilityReadiness(ready);
    expect(r).toMatchObject({ ready: true, missing: 0 });
    expect(r.items).toHaveLength(5 + HOUSE_RULES.length);
    expect(r.items.find((i) => i.rule === "archives")?.message.zh).toBe("档案管理制度：第 1 版（2026-03-01 起施行）");
  });
  it("a multi-use room counts as both the counselling and the group room", () => {
    expect(facilityReadiness({ ...ready, roomKinds: ["multi_use"] }).ready).toBe(true);
    expect(missingKinds({ ...ready, roomKinds: ["case_counselling", "office"] })).toEqual(["group_room"]);
    expect(missingKinds({ ...ready, roomKinds: ["group_activity"] })).toEqual(["counselling_room"]);
  });
  it("an area under 20 m² stays missing and flagged even with an exception; none recorded is missing", () => {
    const r = facilityReadiness({ ...ready, officeAreaM2: 16, areaExceptionReason: "共用办公室" });
    expect(r.ready).toBe(false);
    expect(r.items[0]).toMatchObject({ kind: "office_area", ok: false, flagged: true, message: { zh: expect.stringContaining("例外：共用办公室") } });
    expect(facilityReadiness({ ...ready, officeAreaM2: null }).items[0]).toMatchObject({ ok: false, flagged: false, message: { en: "Office area not recorded" } });
  });
  it("a plaque without a photo, no equipment and each missing rule are listed, bilingual", () => {
    const { volunteers: _v, archives: _a, ...someRules } = allRules;
    const r = facilityReadiness({ ...ready, plaquePhotos: [0], equipmentItems: 0, houseRules: someRules });
    expect(r).toMatchObject({ ready: false, missing: 4 });
    expect(missingKinds({ ...ready, plaquePhotos: [0], equipmentItems: 0, houseRules: someRules })).toEqual(["plaque_photo", "equipment", "volunteers", "archives"]);
    expect(r.items.find((i) => i.kind === "plaque_photo")?.message).toEqual({ zh: "牌匾缺少照片", en: "The plaque has no photo" });
    expect(r.items.find((i) => i.rule === "volunteers")?.message).toEqual({ zh: "缺少志愿者管理制度", en: "Volunteer management missing" });
    expect(facilityReadiness({ ...ready, plaquePhotos: [] }).items.find((i) => i.kind === "plaque_photo")?.message.zh).toBe("未登记牌匾");
  });
});
