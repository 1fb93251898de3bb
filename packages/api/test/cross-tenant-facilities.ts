import { todayInShanghai } from "@shegong/domain";
import { expect } from "vitest";
import type { World } from "./world.ts";

/**
 * Cross-tenant entries for facilities, signage and house rules (issue 5 item 5), spread into the
 * harness's table; kept apart like cross-tenant-staff-disclosure.ts.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;
interface Harness {
  stationAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  key: () => string;
}

const today = todayInShanghai();
const room = { kind: "multi_use" as const, name: "乙站多功能室", areaM2: 35, uses: "" };
const equipment = { name: "乙站电脑", quantity: 1, providedBy: "township" as const };
const sign = { kind: "plaque" as const, wording: "大西渠镇社会工作服务站", location: "", installedOn: null };
const rule = { rule: "archives" as const, title: "档案管理制度", body: "乙站档案制度", effectiveOn: today };

/** Station B's own facilities, made by B's admin before the attacks. */
export const bFacilities = { roomId: "", equipmentId: "", signId: "" };

export async function seedFacilitiesOfB(w: World, key: () => string) {
  const admin = await w.as("b.admin");
  const stationId = w.stations.b;
  await admin.facilities.setOfficeArea({ stationId, area: { officeAreaM2: 30 } });
  bFacilities.roomId = (await admin.facilities.addRoom({ stationId, room, idempotencyKey: key() })).id;
  bFacilities.equipmentId = (await admin.facilities.addEquipment({ stationId, equipment, idempotencyKey: key() })).id;
  bFacilities.signId = (await admin.facilities.addSign({ stationId, sign, idempotencyKey: key() })).id;
  await admin.facilities.reviseHouseRule({ stationId, revision: { ...rule, basedOnRevision: null }, idempotencyKey: key() });
}

export function facilityAttacks({ stationAttack, key }: Harness): Record<string, Attack> {
  const b = bFacilities;
  // A's own lead, on A's own station, naming B's rows: the row is not A's.
  const onA = async (w: World, call: (c: Caller, stationId: string) => Promise<unknown>) => [
    ...(await stationAttack(w, (c) => call(c, w.stations.b))),
    call(await w.as("a.admin"), w.stations.a),
  ];
  return {
    "facilities.overview": async (w) => stationAttack(w, (c) => c.facilities.overview({ stationId: w.stations.b })),
    "facilities.setOfficeArea": async (w) => stationAttack(w, (c) => c.facilities.setOfficeArea({ stationId: w.stations.b, area: { officeAreaM2: 99 } })),
    "facilities.addRoom": async (w) => stationAttack(w, (c) => c.facilities.addRoom({ stationId: w.stations.b, room, idempotencyKey: key() })),
    "facilities.updateRoom": async (w) => onA(w, (c, stationId) => c.facilities.updateRoom({ stationId, roomId: b.roomId, room: { ...room, name: "篡改" } })),
    "facilities.removeRoom": async (w) => onA(w, (c, stationId) => c.facilities.removeRoom({ stationId, roomId: b.roomId })),
    "facilities.addEquipment": async (w) => stationAttack(w, (c) => c.facilities.addEquipment({ stationId: w.stations.b, equipment, idempotencyKey: key() })),
    "facilities.updateEquipment": async (w) => onA(w, (c, stationId) => c.facilities.updateEquipment({ stationId, equipmentId: b.equipmentId, equipment: { ...equipment, quantity: 99 } })),
    "facilities.removeEquipment": async (w) => onA(w, (c, stationId) => c.facilities.removeEquipment({ stationId, equipmentId: b.equipmentId })),
    "facilities.addSign": async (w) => stationAttack(w, (c) => c.facilities.addSign({ stationId: w.stations.b, sign, idempotencyKey: key() })),
    "facilities.updateSign": async (w) => onA(w, (c, stationId) => c.facilities.updateSign({ stationId, signId: b.signId, sign: { ...sign, wording: "篡改" } })),
    "facilities.removeSign": async (w) => onA(w, (c, stationId) => c.facilities.removeSign({ stationId, signId: b.signId })),
    "facilities.reviseHouseRule": async (w) =>
      stationAttack(w, (c) => c.facilities.reviseHouseRule({ stationId: w.stations.b, revision: { ...rule, body: "篡改", basedOnRevision: 1 }, idempotencyKey: key() })),
    "facilities.houseRuleHistory": async (w) => stationAttack(w, (c) => c.facilities.houseRuleHistory({ stationId: w.stations.b, rule: "archives" })),
    "facilities.readiness": async (w) => [
      ...(await Promise.all(["ili.pref", "a.admin", "a.worker", "region.admin", "contractor.a", "town.a"].map((u) => w.as(u)))).map((c) => c.facilities.readiness({ divisionCode: "652301" })),
      // Ili's prefecture on its own division, and the township officer on a neighbouring township.
      (async () => (await w.as("ili.pref")).facilities.readiness({ divisionCode: "6523" }))(),
      (async () => (await w.as("town.a")).facilities.readiness({ divisionCode: "652301104" }))(),
    ],
  };
}

export async function expectFacilitiesOfBUntouched(w: World) {
  const admin = await w.as("b.admin");
  const overview = await admin.facilities.overview({ stationId: w.stations.b });
  expect(overview.officeArea).toMatchObject({ officeAreaM2: 30, exceptionReason: null });
  expect(overview.rooms).toEqual([{ id: bFacilities.roomId, ...room }]);
  expect(overview.equipment).toEqual([{ id: bFacilities.equipmentId, ...equipment, note: "" }]);
  expect(overview.signs).toEqual([{ id: bFacilities.signId, ...sign, photos: 0 }]);
  const history = await admin.facilities.houseRuleHistory({ stationId: w.stations.b, rule: "archives" });
  expect(history.map((h) => [h.revision, h.body])).toEqual([[1, "乙站档案制度"]]);
}
