import { todayInShanghai } from "@shegong/domain";
import { expect } from "vitest";
import { submitPublicMessage } from "../src/disclosure/public-page.ts";
import type { World } from "./world.ts";

/**
 * Cross-tenant entries for staff compliance and public disclosure (issue 5 items 4 and 9), spread
 * into the harness's table; kept apart like cross-tenant-activities.ts.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;
interface Harness {
  stationAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  key: () => string;
}

const today = todayInShanghai();
const year = today.slice(0, 4);

/** Station B's own records, made by B's staff (and one member of the public) before the attacks. */
export const bStaff = { workerId: "", staffId: "", newsId: "", messageId: "", reference: "", trainingId: "" };

const profile = { address: "大西渠镇便民服务中心", openingHours: "周一至周五", phone: "", intro: "乙站简介" };

/** B's worker must already carry a diploma (the harness sets B's qualifications first). */
export async function seedStaffDisclosureOfB(w: World, key: () => string, workerId: string) {
  const admin = await w.as("b.admin");
  const stationId = w.stations.b;
  bStaff.workerId = workerId;
  bStaff.staffId = (await admin.staff.overview({ stationId })).staff.find((s) => s.userId === workerId)!.staffId!;
  await admin.staff.setStationing({ stationId, staffId: bStaff.staffId, stationing: { stationedOn: `${year}-01-01`, leftOn: null } });
  await admin.staff.recordAttendance({ stationId, attendance: { userId: workerId, date: today, kind: "present", checkIn: "10:00", checkOut: "19:00" } });
  bStaff.trainingId = (
    await admin.staff.createTraining({
      stationId,
      training: { kind: "in_service", title: "乙站培训", provider: "乙", startedOn: today, hours: 2, trainees: [{ kind: "station_staff", userId: workerId }] },
      idempotencyKey: key(),
    })
  ).trainingId;
  await admin.disclosure.saveProfile({ stationId, profile });
  bStaff.newsId = (await admin.disclosure.createNews({ stationId, news: { title: "乙站动态", body: "乙站正文", publishedOn: today }, idempotencyKey: key() })).newsId;
  bStaff.reference = (await submitPublicMessage(w.dbs.app, stationId, { kind: "suggestion", body: "乙站收到的建议" }, "sender-b")).reference;
  bStaff.messageId = (await admin.disclosure.inbox({ stationId }))[0]!.id;
}

export function staffDisclosureAttacks({ stationAttack, key }: Harness): Record<string, Attack> {
  const b = bStaff;
  // A's own lead, on A's own station, naming B's rows: the row is not A's.
  const onA = async (w: World, call: (c: Caller, stationId: string) => Promise<unknown>) => [
    ...(await stationAttack(w, (c) => call(c, w.stations.b))),
    call(await w.as("a.admin"), w.stations.a),
  ];
  const news = { title: "篡改", body: "篡改", publishedOn: today };
  return {
    "staff.overview": async (w) => stationAttack(w, (c) => c.staff.overview({ stationId: w.stations.b })),
    "staff.setStationing": async (w) => onA(w, (c, stationId) => c.staff.setStationing({ stationId, staffId: b.staffId, stationing: { stationedOn: null, leftOn: null } })),
    "staff.recordAttendance": async (w) => onA(w, (c, stationId) => c.staff.recordAttendance({ stationId, attendance: { userId: b.workerId, date: today, kind: "absent" } })),
    "staff.attendanceMonth": async (w) => stationAttack(w, (c) => c.staff.attendanceMonth({ stationId: w.stations.b, month: today.slice(0, 7) })),
    "staff.createTraining": async (w) =>
      stationAttack(w, (c) =>
        c.staff.createTraining({
          stationId: w.stations.b,
          training: { kind: "in_service", title: "x", provider: "x", startedOn: today, hours: 1, trainees: [{ kind: "other", name: "x" }] },
          idempotencyKey: key(),
        }),
      ),
    "staff.trainings": async (w) => stationAttack(w, (c) => c.staff.trainings({ stationId: w.stations.b, year: Number(year) })),
    "staff.compliancePanel": async (w) => [
      ...(await Promise.all(["ili.pref", "a.admin", "region.admin", "contractor.a", "town.a"].map((u) => w.as(u)))).map((c) => c.staff.compliancePanel({ divisionCode: "652301" })),
      // Ili's prefecture on its own division, and the township officer on a neighbouring township.
      (async () => (await w.as("ili.pref")).staff.compliancePanel({ divisionCode: "6523" }))(),
      (async () => (await w.as("town.a")).staff.compliancePanel({ divisionCode: "652301104" }))(),
    ],
    "disclosure.profile": async (w) => stationAttack(w, (c) => c.disclosure.profile({ stationId: w.stations.b })),
    "disclosure.saveProfile": async (w) => stationAttack(w, (c) => c.disclosure.saveProfile({ stationId: w.stations.b, profile: { ...profile, address: "篡改" } })),
    "disclosure.explainers": async (w) => stationAttack(w, (c) => c.disclosure.explainers({ stationId: w.stations.b })),
    "disclosure.saveExplainer": async (w) =>
      stationAttack(w, (c) => c.disclosure.saveExplainer({ stationId: w.stations.b, topic: "dibao", explainer: { title: "篡改", conditions: "x", procedure: "x", standards: "x" } })),
    "disclosure.resetExplainer": async (w) => stationAttack(w, (c) => c.disclosure.resetExplainer({ stationId: w.stations.b, topic: "dibao" })),
    "disclosure.news": async (w) => stationAttack(w, (c) => c.disclosure.news({ stationId: w.stations.b })),
    "disclosure.createNews": async (w) => stationAttack(w, (c) => c.disclosure.createNews({ stationId: w.stations.b, news, idempotencyKey: key() })),
    "disclosure.updateNews": async (w) => onA(w, (c, stationId) => c.disclosure.updateNews({ stationId, newsId: b.newsId, news })),
    "disclosure.removeNews": async (w) => onA(w, (c, stationId) => c.disclosure.removeNews({ stationId, newsId: b.newsId })),
    "disclosure.inbox": async (w) => stationAttack(w, (c) => c.disclosure.inbox({ stationId: w.stations.b })),
    "disclosure.handleMessage": async (w) => onA(w, (c, stationId) => c.disclosure.handleMessage({ stationId, messageId: b.messageId, handling: { status: "closed", reply: "篡改" } })),
  };
}

export async function expectStaffDisclosureOfBUntouched(w: World) {
  const admin = await w.as("b.admin");
  const stationId = w.stations.b;
  const overview = await admin.staff.overview({ stationId });
  expect(overview.staff.find((s) => s.userId === bStaff.workerId)).toMatchObject({ stationedOn: `${year}-01-01`, leftOn: null, stationed: true });
  const month = await admin.staff.attendanceMonth({ stationId, month: today.slice(0, 7) });
  expect(month.records).toEqual([{ userId: bStaff.workerId, date: today, kind: "present", checkIn: "10:00", checkOut: "19:00", note: "" }]);
  expect((await admin.staff.trainings({ stationId, year: Number(year) })).trainings.map((t) => t.id)).toEqual([bStaff.trainingId]);
  expect(await admin.disclosure.profile({ stationId })).toMatchObject({ ...profile, edited: true });
  expect((await admin.disclosure.explainers({ stationId })).every((e) => !e.edited)).toBe(true);
  expect((await admin.disclosure.news({ stationId })).map((n) => [n.id, n.title])).toEqual([[bStaff.newsId, "乙站动态"]]);
  expect(await admin.disclosure.inbox({ stationId })).toEqual([expect.objectContaining({ id: bStaff.messageId, reference: bStaff.reference, status: "new", reply: null })]);
}
