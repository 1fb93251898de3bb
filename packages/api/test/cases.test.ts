import { todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { citizenId } from "./ids.ts";
import { createWorld, PASSWORD, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const today = todayInShanghai();
function daysFromToday(days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe("cases (issue 4 item 4)", () => {
  let world: World;
  let stationId: string;
  let personId: string;
  const ids = { worker: "", sup: "", admin: "" };
  const plan = { goals: [{ goal: "每周按时服药", measure: "连续四周服药记录完整", due: daysFromToday(30) }], approach: "链接村医，家属监督" };

  const intake = (extra: Record<string, unknown> = {}) => ({ personId, source: "walk_in" as const, intakeOn: today, presentingProblem: "独居，近期情绪低落", riskLevel: "medium" as const, ...extra });

  beforeAll(async () => {
    world = await createWorld();
    stationId = world.stations.a;
    const admin = await world.as("a.admin");
    await admin.users.station.create({ stationId, username: "a.sup", displayName: "a.sup", password: PASSWORD, role: "supervisor", idempotencyKey: key() });
    const userId = async (u: string) => (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", u).executeTakeFirstOrThrow()).id;
    ids.worker = await userId("a.worker");
    ids.sup = await userId("a.sup");
    ids.admin = await userId("a.admin");
    // R7: the worker holds a certificate but studied another subject, so works under a.sup.
    await admin.cases.setStaffQualification({ stationId, userId: ids.worker, qualification: { education: "本科", major: "汉语言文学", qualificationLevel: "assistant", supervisorUserId: ids.sup } });
    await admin.cases.setStaffQualification({ stationId, userId: ids.sup, qualification: { education: "硕士", major: "社会工作", qualificationLevel: "intermediate", certificateNo: "S2020-001", supervisorUserId: null } });
    const worker = await world.as("a.worker");
    personId = (await worker.people.create({ stationId, person: { name: "孤寡老人", citizenId: citizenId("19450101", 701) }, idempotencyKey: key() })).personId;
  }, 120_000);
  afterAll(() => world?.close());

  it("lists staff with who needs sign-off", async () => {
    const staff = await (await world.as("a.worker")).cases.staff({ stationId });
    const byName = new Map(staff.map((s) => [s.displayName, s]));
    expect(byName.get("a.worker")).toMatchObject({ needsSignOff: true, supervisorName: "a.sup", qualificationLevel: "assistant" });
    expect(byName.get("a.sup")).toMatchObject({ needsSignOff: false });
    expect(byName.get("a.admin")).toMatchObject({ needsSignOff: true, qualificationLevel: null });
    expect(await appCodeOf((await world.as("a.worker")).cases.setStaffQualification({ stationId, userId: ids.worker, qualification: { qualificationLevel: "senior", major: "社会工作", supervisorUserId: null } }))).toBe("FORBIDDEN");
  });

  it("creates a case once per idempotency key, numbering cases per station and year", async () => {
    const worker = await world.as("a.worker");
    const input = { stationId, intake: intake(), idempotencyKey: key() };
    const first = await worker.cases.create(input);
    const again = await worker.cases.create(input);
    expect(again).toEqual(first);
    expect(first.caseNo).toBe(`${today.slice(0, 4)}-0001`);
    expect(await appCodeOf(worker.cases.create({ ...input, intake: intake({ riskLevel: "high" }) }))).toBe("IDEMPOTENCY_CONFLICT");
    const second = await worker.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    expect(second.caseNo).toBe(`${today.slice(0, 4)}-0002`);
    const mine = await worker.cases.list({ stationId, mine: true });
    expect(mine.map((c) => c.caseNo).sort()).toEqual([first.caseNo, second.caseNo]);
    expect(mine[0]).toMatchObject({ status: "intake", workerName: "a.worker", personName: "孤寡老人" });
  });

  it("refuses steps out of order and dates ahead of today", async () => {
    const worker = await world.as("a.worker");
    const { caseId } = await worker.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    const service = { area: "emotional_care" as const, servedOn: today, durationMinutes: 30, workerUserIds: [ids.worker], note: "谈心" };
    expect(await appCodeOf(worker.cases.addService({ stationId, caseId, service, idempotencyKey: key() }))).toBe("CASE_STATUS");
    expect(await appCodeOf(worker.cases.approvePlan({ stationId, caseId, idempotencyKey: key() }))).toBe("CASE_STATUS");
    expect(await appCodeOf(worker.cases.proposePlan({ stationId, caseId, plan, idempotencyKey: key() }))).toBe("CASE_STATUS");
    expect(await appCodeOf(worker.cases.assess({ stationId, caseId, assessment: { assessedOn: daysFromToday(1), needs: "x", riskLevel: "low" }, idempotencyKey: key() }))).toBe("CASE_DATE");
    expect(await appCodeOf(worker.cases.create({ stationId, intake: intake({ intakeOn: daysFromToday(2) }), idempotencyKey: key() }))).toBe("CASE_DATE");
  });

  it("R7: an unqualified worker cannot approve a plan or close a case alone; with the supervisor's sign-off they can", async () => {
    const worker = await world.as("a.worker");
    const sup = await world.as("a.sup");
    const admin = await world.as("a.admin");
    const { caseId } = await worker.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    await worker.cases.assess({ stationId, caseId, assessment: { assessedOn: today, needs: "情绪支持、服药提醒", riskLevel: "high" }, idempotencyKey: key() });
    await worker.cases.proposePlan({ stationId, caseId, plan, idempotencyKey: key() });

    // The plan goes to the supervisor instead of being approved.
    const asked = await worker.cases.approvePlan({ stationId, caseId, idempotencyKey: key() });
    expect(asked.outcome).toBe("signoff_requested");
    let kase = await worker.cases.get({ stationId, caseId });
    expect(kase).toMatchObject({ status: "plan_pending", riskLevel: "high", viewerNeedsSignOff: true, pendingSignoff: { what: "plan_approval", supervisorName: "a.sup" } });
    expect(await appCodeOf(worker.cases.proposePlan({ stationId, caseId, plan, idempotencyKey: key() }))).toBe("CASE_SIGNOFF_PENDING");

    // Only the assigned supervisor decides; the station admin (no qualification) and the worker cannot.
    const queue = await sup.cases.reviewQueue({ stationId });
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ caseId, what: "plan_approval", requestedByName: "a.worker", plan: { version: 1 } });
    expect(await admin.cases.reviewQueue({ stationId })).toEqual([]);
    const signoffId = queue[0]!.signoffId;
    expect(await appCodeOf(admin.cases.decideSignOff({ stationId, signoffId, decision: { decision: "approved" } }))).toBe("CASE_SIGNOFF_NOT_YOURS");
    expect(await appCodeOf(worker.cases.decideSignOff({ stationId, signoffId, decision: { decision: "approved" } }))).toBe("CASE_SIGNOFF_NOT_YOURS");
    expect(await appCodeOf(sup.cases.decideSignOff({ stationId, signoffId, decision: { decision: "returned" } }))).toBe("VALIDATION");

    // Returned: back to the worker with the comment; a revised plan goes up again and is approved.
    await sup.cases.decideSignOff({ stationId, signoffId, decision: { decision: "returned", comment: "目标需可衡量，请细化" } });
    const listed = (await worker.cases.list({ stationId, mine: true })).find((c) => c.id === caseId);
    expect(listed?.lastSignoff).toEqual({ what: "plan_approval", decision: "returned", comment: "目标需可衡量，请细化" });
    await worker.cases.proposePlan({ stationId, caseId, plan: { ...plan, approach: "村医每周上门" }, idempotencyKey: key() });
    expect((await worker.cases.approvePlan({ stationId, caseId, idempotencyKey: key() })).outcome).toBe("signoff_requested");
    const second = (await sup.cases.reviewQueue({ stationId }))[0]!;
    expect(second.plan?.version).toBe(2);
    await sup.cases.decideSignOff({ stationId, signoffId: second.signoffId, decision: { decision: "approved" } });
    kase = await worker.cases.get({ stationId, caseId });
    expect(kase.status).toBe("plan_approved");
    expect(kase.plans.map((p) => [p.version, p.status])).toEqual([
      [1, "returned"],
      [2, "approved"],
    ]);

    // Services carry their durations; the case's hours add up.
    for (const minutes of [40, 25]) {
      await worker.cases.addService({ stationId, caseId, service: { area: "health_aid", servedOn: today, durationMinutes: minutes, workerUserIds: [ids.worker, ids.sup], note: "陪同就医" }, idempotencyKey: key() });
    }
    await worker.cases.addReview({ stationId, caseId, review: { reviewedOn: today, progress: "情绪好转", riskLevel: "medium" }, idempotencyKey: key() });
    kase = await worker.cases.get({ stationId, caseId });
    expect(kase).toMatchObject({ status: "in_service", serviceMinutes: 65, riskLevel: "medium" });
    expect(kase.services[0]!.workers).toEqual(["a.worker", "a.sup"]);

    // Closure: the same rule. The worker asks; the case waits; the supervisor signs it off.
    const closure = { closedOn: today, outcome: "goals_met" as const, summary: "目标达成，按时服药" };
    expect((await worker.cases.close({ stationId, caseId, closure, idempotencyKey: key() })).outcome).toBe("signoff_requested");
    expect((await worker.cases.get({ stationId, caseId })).status).toBe("closure_pending");
    const closing = (await sup.cases.reviewQueue({ stationId }))[0]!;
    expect(closing).toMatchObject({ what: "closure", closure });
    await sup.cases.decideSignOff({ stationId, signoffId: closing.signoffId, decision: { decision: "approved", comment: "同意结案" } });
    kase = await worker.cases.get({ stationId, caseId });
    expect(kase).toMatchObject({ status: "closed", closureOutcome: "goals_met", closedOn: today });

    // The timeline has every step, in order.
    expect(kase.timeline.map((e) => e.kind)).toEqual([
      "opened",
      "assessed",
      "plan_proposed",
      "signoff_requested",
      "signoff_returned",
      "plan_proposed",
      "signoff_requested",
      "signoff_approved",
      "service",
      "service",
      "review",
      "signoff_requested",
      "signoff_approved",
    ]);
    expect(kase.timeline.find((e) => e.kind === "signoff_returned")).toMatchObject({ actorName: "a.sup", detail: { comment: "目标需可衡量，请细化" } });
    expect(kase.timeline.at(-1)).toMatchObject({ fromStatus: "closure_pending", toStatus: "closed" });
    expect(await appCodeOf(worker.cases.addReview({ stationId, caseId, review: { reviewedOn: today, progress: "x", riskLevel: "low" }, idempotencyKey: key() }))).toBe("CASE_STATUS");
  });

  it("a qualified social-work supervisor approves and closes alone; a returned closure goes back where it was", async () => {
    const sup = await world.as("a.sup");
    const worker = await world.as("a.worker");
    const { caseId } = await sup.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    await sup.cases.assess({ stationId, caseId, assessment: { assessedOn: today, needs: "x", riskLevel: "low" }, idempotencyKey: key() });
    await sup.cases.proposePlan({ stationId, caseId, plan, idempotencyKey: key() });
    expect((await sup.cases.approvePlan({ stationId, caseId, idempotencyKey: key() })).outcome).toBe("done");
    expect((await sup.cases.get({ stationId, caseId })).viewerNeedsSignOff).toBe(false);

    const closure = { closedOn: today, outcome: "moved_away" as const, summary: "迁往外地" };
    expect((await worker.cases.close({ stationId, caseId, closure, idempotencyKey: key() })).outcome).toBe("signoff_requested");
    const request = (await sup.cases.reviewQueue({ stationId })).find((q) => q.caseId === caseId)!;
    await sup.cases.decideSignOff({ stationId, signoffId: request.signoffId, decision: { decision: "returned", comment: "先核实迁出" } });
    expect((await sup.cases.get({ stationId, caseId })).status).toBe("plan_approved");
    expect((await sup.cases.close({ stationId, caseId, closure, idempotencyKey: key() })).outcome).toBe("done");
    expect((await sup.cases.get({ stationId, caseId })).status).toBe("closed");
  });

  it("without an assigned qualified supervisor an unqualified member is told to get one", async () => {
    const admin = await world.as("a.admin");
    const { caseId } = await admin.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    expect(await appCodeOf(admin.cases.close({ stationId, caseId, closure: { closedOn: today, outcome: "declined", summary: "拒绝服务" }, idempotencyKey: key() }))).toBe("CASE_NO_SUPERVISOR");
    expect((await admin.cases.get({ stationId, caseId })).status).toBe("intake");
  });

  it("a referral stays open, flagged when overdue, until its follow-up is recorded; the case cannot close before", async () => {
    const sup = await world.as("a.sup");
    const { caseId } = await sup.cases.create({ stationId, intake: intake({ source: "referral", referredBy: "村委会" }), idempotencyKey: key() });
    const { referralId } = await sup.cases.createReferral({
      stationId,
      caseId,
      referral: { toKind: "township", toName: "六工镇民政办", reason: "申请临时救助", referredOn: daysFromToday(-10), dueOn: daysFromToday(-3) },
      idempotencyKey: key(),
    });
    const open = await sup.cases.openReferrals({ stationId });
    expect(open.find((r) => r.id === referralId)).toMatchObject({ overdue: true, toName: "六工镇民政办", caseId });
    const closure = { closedOn: today, outcome: "referred_on" as const, summary: "转介民政办" };
    expect(await appCodeOf(sup.cases.close({ stationId, caseId, closure, idempotencyKey: key() }))).toBe("CASE_REFERRALS_OPEN");
    await sup.cases.followUpReferral({ stationId, referralId, followUp: { followedUpOn: today, note: "已批临时救助 1000 元" } });
    expect((await sup.cases.openReferrals({ stationId })).some((r) => r.id === referralId)).toBe(false);
    expect(await appCodeOf(sup.cases.followUpReferral({ stationId, referralId, followUp: { followedUpOn: today, note: "again" } }))).toBe("CASE_STATUS");
    expect((await sup.cases.close({ stationId, caseId, closure, idempotencyKey: key() })).outcome).toBe("done");
    const kase = await sup.cases.get({ stationId, caseId });
    expect(kase.referrals[0]).toMatchObject({ status: "followed_up", overdue: false, followUpNote: "已批临时救助 1000 元" });
    expect(kase.timeline.map((e) => e.kind)).toEqual(["opened", "referral", "referral_followed_up", "closed"]);
  });

  it("a case opened from a visit's risk flag takes the flag off the open-risk queue", async () => {
    const worker = await world.as("a.worker");
    const { visitId } = await worker.visits.create({
      stationId,
      visit: { visitedOn: today, kind: "patrol", mode: "home", durationMinutes: 20, subject: { personId }, workerUserIds: [ids.worker], area: "elderly", findings: {}, risk: "high", riskNote: "独居摔倒" },
      idempotencyKey: key(),
    });
    expect((await worker.visits.openRisks({ stationId })).map((r) => r.id)).toContain(visitId);
    const { caseId } = await worker.cases.create({ stationId, intake: intake({ source: "visit", sourceVisitId: visitId, riskLevel: "high" }), idempotencyKey: key() });
    expect((await worker.visits.openRisks({ stationId })).map((r) => r.id)).not.toContain(visitId);
    expect((await worker.cases.get({ stationId, caseId })).sourceVisitId).toBe(visitId);
  });

  it("station admins and supervisors reassign a case; the worker cannot hand it on herself", async () => {
    const worker = await world.as("a.worker");
    const sup = await world.as("a.sup");
    const admin = await world.as("a.admin");
    const { caseId } = await worker.cases.create({ stationId, intake: intake(), idempotencyKey: key() });
    expect(await appCodeOf(worker.cases.assign({ stationId, caseId, workerUserId: ids.sup }))).toBe("FORBIDDEN");
    await sup.cases.assign({ stationId, caseId, workerUserId: ids.sup });
    expect(await sup.cases.get({ stationId, caseId })).toMatchObject({ assignedWorkerId: ids.sup, workerName: "a.sup" });
    await admin.cases.assign({ stationId, caseId, workerUserId: null });
    const kase = await admin.cases.get({ stationId, caseId });
    expect(kase).toMatchObject({ assignedWorkerId: null, workerName: null });
    expect(kase.timeline.filter((e) => e.kind === "assigned").map((e) => e.detail.toName)).toEqual(["a.sup", null]);
  });

  it("read-only visitors see cases but cannot act", async () => {
    const inspector = await world.as("a.inspector");
    const [first] = await inspector.cases.list({ stationId, status: "open" });
    expect(first).toBeDefined();
    expect(await appCodeOf(inspector.cases.assess({ stationId, caseId: first!.id, assessment: { assessedOn: today, needs: "x", riskLevel: "low" }, idempotencyKey: key() }))).toBe("FORBIDDEN");
  });
});
