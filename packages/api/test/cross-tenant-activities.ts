import { todayInShanghai } from "@shegong/domain";
import { expect } from "vitest";
import type { World } from "./world.ts";

type Beneficiary = { personId: string } | { householdId: string } | { activityId: string };

/**
 * Cross-tenant entries for activities, volunteers, resources, supervision and satisfaction (issue
 * 4 items 5–7), spread into the harness's table. Kept apart so parallel capabilities each add
 * their own file rather than edit the same lines.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;
interface Harness {
  stationAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  key: () => string;
}

/** Station B's own records, made by B's staff before the attacks. */
export const bActivity = { personId: "", householdId: "", activityId: "", volunteerId: "", workerId: "" };

const today = todayInShanghai();
const year = Number(today.slice(0, 4));

export function activityInput(workerId: string, extra: Record<string, unknown> = {}) {
  return { kind: "group" as const, area: "elderly" as const, topic: "防诈骗小组", heldOn: today, durationMinutes: 60, place: "活动室", workerUserIds: [workerId], ...extra };
}

export async function seedActivitiesOfB(w: World, key: () => string, b: { personId: string; householdId: string; workerId: string }) {
  const admin = await w.as("b.admin");
  Object.assign(bActivity, b);
  bActivity.volunteerId = (await admin.volunteers.create({ stationId: w.stations.b, volunteer: { name: "志愿者乙", phone: "13900000000", joinedOn: "2026-01-01" }, idempotencyKey: key() })).volunteerId;
  bActivity.activityId = (
    await admin.activities.create({
      stationId: w.stations.b,
      activity: activityInput(b.workerId, { attendeePersonIds: [b.personId], volunteers: [{ volunteerId: bActivity.volunteerId, minutes: 60 }] }),
      idempotencyKey: key(),
    })
  ).activityId;
}

export function activityAttacks({ stationAttack, key }: Harness): Record<string, Attack> {
  const b = bActivity;
  const aAdmin = (w: World) => w.as("a.admin");
  const aAdminId = async (w: World) => (await w.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.admin").executeTakeFirstOrThrow()).id;
  const followup = (subjectId: string, extra: Record<string, unknown> = {}) => ({ subjectKind: "activity" as const, subjectId, followedUpOn: today, mode: "phone" as const, durationMinutes: 5, score: 5, ...extra });
  const resource = (beneficiary: Beneficiary) => ({ kind: "goods" as const, source: "爱心企业", description: "米面油", valueFen: 10_000, receivedOn: today, beneficiary });
  return {
    "activities.list": async (w) => stationAttack(w, (c) => c.activities.list({ stationId: w.stations.b, year })),
    "activities.get": async (w) => [
      ...(await stationAttack(w, (c) => c.activities.get({ stationId: w.stations.b, activityId: b.activityId }))),
      (await aAdmin(w)).activities.get({ stationId: w.stations.a, activityId: b.activityId }),
    ],
    "activities.create": async (w) => {
      const own = await aAdminId(w);
      return [
        ...(await stationAttack(w, (c) => c.activities.create({ stationId: w.stations.b, activity: activityInput(b.workerId), idempotencyKey: key() }))),
        // A's own station, naming B's person as an attendee and B's volunteer.
        (await aAdmin(w)).activities.create({ stationId: w.stations.a, activity: activityInput(own, { attendeePersonIds: [b.personId] }), idempotencyKey: key() }),
        (await aAdmin(w)).activities.create({ stationId: w.stations.a, activity: activityInput(own, { volunteers: [{ volunteerId: b.volunteerId, minutes: 30 }] }), idempotencyKey: key() }),
      ];
    },
    "activities.update": async (w) => {
      const own = await aAdminId(w);
      return [
        ...(await stationAttack(w, (c) => c.activities.update({ stationId: w.stations.b, activityId: b.activityId, version: 1, activity: activityInput(b.workerId, { topic: "改" }) }))),
        (await aAdmin(w)).activities.update({ stationId: w.stations.a, activityId: b.activityId, version: 1, activity: activityInput(own, { topic: "改" }) }),
      ];
    },
    "activities.ledger": async (w) => stationAttack(w, (c) => c.activities.ledger({ stationId: w.stations.b, period: { month: today.slice(0, 7) } })),
    "volunteers.list": async (w) => stationAttack(w, (c) => c.volunteers.list({ stationId: w.stations.b, year })),
    "volunteers.create": async (w) =>
      stationAttack(w, (c) => c.volunteers.create({ stationId: w.stations.b, volunteer: { name: "x", joinedOn: "2026-01-01" }, idempotencyKey: key() })),
    "volunteers.update": async (w) => [
      ...(await stationAttack(w, (c) => c.volunteers.update({ stationId: w.stations.b, volunteerId: b.volunteerId, version: 1, volunteer: { name: "改名", joinedOn: "2026-01-01" } }))),
      (await aAdmin(w)).volunteers.update({ stationId: w.stations.a, volunteerId: b.volunteerId, version: 1, volunteer: { name: "改名", joinedOn: "2026-01-01" } }),
    ],
    "resources.list": async (w) => stationAttack(w, (c) => c.resources.list({ stationId: w.stations.b, year })),
    "resources.create": async (w) => [
      ...(await stationAttack(w, (c) => c.resources.create({ stationId: w.stations.b, resource: resource({ personId: b.personId }), idempotencyKey: key() }))),
      ...([{ personId: b.personId }, { householdId: b.householdId }, { activityId: b.activityId }] satisfies Beneficiary[]).map(async (beneficiary) =>
        (await aAdmin(w)).resources.create({ stationId: w.stations.a, resource: resource(beneficiary), idempotencyKey: key() }),
      ),
    ],
    "supervision.list": async (w) => stationAttack(w, (c) => c.supervision.list({ stationId: w.stations.b, year })),
    "supervision.matrix": async (w) => stationAttack(w, (c) => c.supervision.matrix({ stationId: w.stations.b, year })),
    "supervision.create": async (w) =>
      stationAttack(w, (c) =>
        c.supervision.create({
          stationId: w.stations.b,
          session: { format: "individual", supervisorName: "外聘督导", heldOn: today, durationMinutes: 60, workerUserIds: [b.workerId], topics: "个案" },
          idempotencyKey: key(),
        }),
      ),
    "serviceHours.byWorker": async (w) => stationAttack(w, (c) => c.serviceHours.byWorker({ stationId: w.stations.b, year })),
    "satisfaction.summary": async (w) => stationAttack(w, (c) => c.satisfaction.summary({ stationId: w.stations.b, year })),
    "satisfaction.create": async (w) => [
      ...(await stationAttack(w, (c) => c.satisfaction.create({ stationId: w.stations.b, followup: followup(b.activityId), idempotencyKey: key() }))),
      // A's own station with B's activity as the subject.
      (await aAdmin(w)).satisfaction.create({ stationId: w.stations.a, followup: followup(b.activityId), idempotencyKey: key() }),
    ],
  };
}

/** B's records as they were made: the attacks changed nothing. */
export async function expectActivitiesOfBUntouched(w: World) {
  const admin = await w.as("b.admin");
  const activity = await admin.activities.get({ stationId: w.stations.b, activityId: bActivity.activityId });
  expect(activity).toMatchObject({ topic: "防诈骗小组", version: 1, attendance: { registered: 1, others: 0, total: 1 }, volunteerMinutes: 60 });
  expect(activity.revisions).toEqual([]);
  expect(activity.resources).toEqual([]);
  expect(activity.followups).toEqual([]);
  const volunteers = await admin.volunteers.list({ stationId: w.stations.b, year });
  expect(volunteers.items.map((v) => ({ name: v.name, version: v.version }))).toEqual([{ name: "志愿者乙", version: 1 }]);
  expect((await admin.supervision.list({ stationId: w.stations.b, year })).length).toEqual(0);
}
