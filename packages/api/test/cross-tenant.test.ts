import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenIdCheckChar } from "@shegong/domain";
import { appRouter } from "../src/root.ts";
import { agreementInput, contractorInput } from "./governance-fixtures.ts";
import { activityAttacks, expectActivitiesOfBUntouched, seedActivitiesOfB } from "./cross-tenant-activities.ts";
import { expectStaffDisclosureOfBUntouched, seedStaffDisclosureOfB, staffDisclosureAttacks } from "./cross-tenant-staff-disclosure.ts";
import { expectFacilitiesOfBUntouched, facilityAttacks, seedFacilitiesOfB } from "./cross-tenant-facilities.ts";
import { evaluationAttacks, expectEvaluationOfBUntouched, seedEvaluationOfB } from "./cross-tenant-evaluation.ts";
import { expectSubmissionsOfBUntouched, seedSubmissionsOfB, submissionAttacks } from "./cross-tenant-submissions.ts";
import { createWorld, type World } from "./world.ts";
import { workbook } from "./xlsx.ts";

/**
 * The cross-tenant harness (foundation issue): every procedure, called by station A's members with
 * station B's ids (or by one prefecture over another's division), must answer NOT_FOUND or
 * FORBIDDEN. A procedure added without an entry here fails the completeness test below.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;

async function asMany(w: World, usernames: string[]): Promise<Caller[]> {
  return Promise.all(usernames.map((u) => w.as(u)));
}

// Station-scoped procedures are attacked by A's station admin, worker, inspector and contractor
// and by B's prefecture's neighbour (Ili); division-scoped ones by Ili's prefecture over Changji.
const STATION_ATTACKERS = ["a.admin", "a.worker", "a.inspector", "contractor.a", "ili.pref", "town.a"];

export const CROSS_TENANT: Record<string, Attack> = {
  "health.ping": async () => [], // a constant: no tenant data at all
  "me.get": async () => [], // own data only: nothing of another tenant to name
  "me.changePassword": async () => [], // acts on the caller alone
  "me.mfa.status": async () => [], // the caller's own second factor
  "me.mfa.beginEnrol": async () => [], // acts on the caller alone
  "me.mfa.confirmEnrol": async () => [], // acts on the caller alone
  "me.mfa.regenerateRecoveryCodes": async () => [], // acts on the caller alone
  "divisions.children": async () => [], // shared reference data
  "divisions.path": async () => [], // shared reference data
  "stations.list": async (w) => (await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.stations.list({ divisionCode: "6523" })),
  "stations.onboard": async (w) =>
    (await asMany(w, ["ili.pref", "a.admin", "city.sup"])).map((c) =>
      c.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301103"], idempotencyKey: key() }),
    ),
  "stations.setStatus": async (w) =>
    (await asMany(w, [...STATION_ATTACKERS, "b.admin"])).map((c) =>
      c.stations.setStatus({ stationId: w.stations.b, status: "active", effectiveDate: "2026-11-26" }),
    ),
  "stations.history": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.stations.history({ stationId: w.stations.b })),
  "workspace.enter": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.workspace.enter({ stationId: w.stations.b })),
  "workspace.get": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.workspace.get({ stationId: w.stations.b })),
  "workspace.updateBranding": async (w) =>
    (await asMany(w, STATION_ATTACKERS)).map((c) =>
      c.workspace.updateBranding({ stationId: w.stations.b, primaryColor: "#000000", showSocialWorkMark: true, showVolunteerMark: true }),
    ),
  "coverage.byDivision": async (w) => (await asMany(w, ["ili.pref", "a.admin", "city.sup"])).map((c) => c.coverage.byDivision({ divisionCode: "6523" })),
  "users.station.list": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.list({ stationId: w.stations.b })),
  "users.station.create": async (w) =>
    (await asMany(w, STATION_ATTACKERS)).map((c) =>
      c.users.station.create({
        stationId: w.stations.b,
        username: `x${Math.random().toString(36).slice(2, 8)}`,
        displayName: "x",
        password: "a long enough passphrase",
        role: "social_worker",
        idempotencyKey: key(),
      }),
    ),
  "users.station.setDisabled": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.setDisabled({ stationId: w.stations.b, userId: victim, disabled: true }));
  },
  "users.station.sessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.sessions({ stationId: w.stations.b, userId: victim }));
  },
  "users.station.endSessions": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.endSessions({ stationId: w.stations.b, userId: victim })),
      // A's admin, on A's own station, naming B's worker: the user is outside A's scope.
      (await w.as("a.admin")).users.station.endSessions({ stationId: w.stations.a, userId: victim }),
    ];
  },
  "users.station.resetSecondFactor": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.resetSecondFactor({ stationId: w.stations.b, userId: victim })),
      // A's admin, on A's own station, naming B's worker: the user is outside A's scope.
      (await w.as("a.admin")).users.station.resetSecondFactor({ stationId: w.stations.a, userId: victim }),
    ];
  },
  "users.division.list": async (w) => (await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.users.division.list({ divisionCode: "6523" })),
  "users.division.create": async (w) =>
    [
      ...(await asMany(w, ["changji.pref", "a.admin"])).map((c) => ({ c, divisionCode: "6540", grant: "654002" })),
      ...(await asMany(w, ["ili.pref", "city.sup"])).map((c) => ({ c, divisionCode: "6523", grant: "652301" })),
      // Ili's prefecture, on its own division, granting a county of Changji.
      { c: await w.as("ili.pref"), divisionCode: "6540", grant: "652301" },
    ].map(({ c, divisionCode, grant }) =>
      c.users.division.create({
        divisionCode,
        username: `y${Math.random().toString(36).slice(2, 8)}`,
        displayName: "y",
        password: "a long enough passphrase",
        role: "county_supervisor",
        grantDivisionCode: grant,
        idempotencyKey: key(),
      }),
    ),
  "users.division.setDisabled": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.users.division.setDisabled({ divisionCode: "6523", userId: victim, disabled: true })),
      // Ili's prefecture on its own division, naming Changji's worker.
      (await w.as("ili.pref")).users.division.setDisabled({ divisionCode: "6540", userId: victim, disabled: true }),
    ];
  },
  "users.division.sessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, ["ili.pref"])).map((c) => c.users.division.sessions({ divisionCode: "6540", userId: victim }));
  },
  "users.division.endSessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, ["ili.pref"])).map((c) => c.users.division.endSessions({ divisionCode: "6540", userId: victim }));
  },
  "users.division.resetSecondFactor": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.users.division.resetSecondFactor({ divisionCode: "6523", userId: victim })),
      (await w.as("ili.pref")).users.division.resetSecondFactor({ divisionCode: "6540", userId: victim }),
    ];
  },
  "people.duplicateFlags": async (w) => (await asMany(w, ["ili.pref", "a.admin", "region.admin", "changji.pref"])).map((c) => c.people.duplicateFlags({ divisionCode: "652301" })),
  "people.list": async (w) => stationAttack(w, (c) => c.people.list({ stationId: w.stations.b })),
  "people.counts": async (w) => stationAttack(w, (c) => c.people.counts({ stationId: w.stations.b })),
  "people.get": async (w) => [
    ...(await stationAttack(w, (c) => c.people.get({ stationId: w.stations.b, personId: bPerson.personId }))),
    // A's own station id with B's person id: the row is not A's.
    (await w.as("a.admin")).people.get({ stationId: w.stations.a, personId: bPerson.personId }),
  ],
  "people.create": async (w) =>
    stationAttack(w, (c) => c.people.create({ stationId: w.stations.b, person: { name: "王五", citizenId: ELDER_ID_2 }, idempotencyKey: key() })),
  "people.update": async (w) => [
    ...(await stationAttack(w, (c) => c.people.update({ stationId: w.stations.b, personId: bPerson.personId, version: 1, person: { name: "改名", citizenId: ELDER_ID } }))),
    (await w.as("a.admin")).people.update({ stationId: w.stations.a, personId: bPerson.personId, version: 1, person: { name: "改名", citizenId: ELDER_ID } }),
  ],
  "people.revealId": async (w) => [
    ...(await stationAttack(w, (c) => c.people.revealId({ stationId: w.stations.b, personId: bPerson.personId, reason: "核实身份" }))),
    (await w.as("a.admin")).people.revealId({ stationId: w.stations.a, personId: bPerson.personId, reason: "核实身份" }),
  ],
  "people.addCategory": async (w) => [
    ...(await stationAttack(w, (c) => c.people.addCategory({ stationId: w.stations.b, personId: bPerson.personId, category: "elderly_left_behind", startDate: "2026-01-01" }))),
    (await w.as("a.admin")).people.addCategory({ stationId: w.stations.a, personId: bPerson.personId, category: "elderly_left_behind", startDate: "2026-01-01" }),
  ],
  "people.endCategory": async (w) => [
    ...(await stationAttack(w, (c) => c.people.endCategory({ stationId: w.stations.b, personId: bPerson.personId, categoryEntryId: bPerson.categoryEntryId, endDate: "2026-06-01", reason: "x" }))),
    (await w.as("a.admin")).people.endCategory({ stationId: w.stations.a, personId: bPerson.personId, categoryEntryId: bPerson.categoryEntryId, endDate: "2026-06-01", reason: "x" }),
  ],
  "people.recordLifeEvent": async (w) => [
    ...(await stationAttack(w, (c) => c.people.recordLifeEvent({ stationId: w.stations.b, personId: bPerson.personId, kind: "died", date: "2026-06-01" }))),
    (await w.as("a.admin")).people.recordLifeEvent({ stationId: w.stations.a, personId: bPerson.personId, kind: "died", date: "2026-06-01" }),
  ],
  "households.get": async (w) => [
    ...(await stationAttack(w, (c) => c.households.get({ stationId: w.stations.b, householdId: bPerson.householdId }))),
    (await w.as("a.admin")).households.get({ stationId: w.stations.a, householdId: bPerson.householdId }),
  ],
  "households.create": async (w) => [
    ...(await stationAttack(w, (c) => c.households.create({ stationId: w.stations.b, headPersonId: bPerson.personId, idempotencyKey: key() }))),
    (await w.as("a.admin")).households.create({ stationId: w.stations.a, headPersonId: bPerson.personId, idempotencyKey: key() }),
  ],
  "households.addMember": async (w) => [
    ...(await stationAttack(w, (c) => c.households.addMember({ stationId: w.stations.b, householdId: bPerson.householdId, personId: bPerson.personId, relation: "spouse" }))),
    (await w.as("a.admin")).households.addMember({ stationId: w.stations.a, householdId: bPerson.householdId, personId: bPerson.personId, relation: "spouse" }),
  ],
  "households.removeMember": async (w) => [
    ...(await stationAttack(w, (c) => c.households.removeMember({ stationId: w.stations.b, householdId: bPerson.householdId, personId: bPerson.personId }))),
    (await w.as("a.admin")).households.removeMember({ stationId: w.stations.a, householdId: bPerson.householdId, personId: bPerson.personId }),
  ],
  "households.addGuardian": async (w) => [
    ...(await stationAttack(w, (c) => c.households.addGuardian({ stationId: w.stations.b, childId: bPerson.personId, name: "x", relation: "other", idempotencyKey: key() }))),
    (await w.as("a.admin")).households.addGuardian({ stationId: w.stations.a, childId: bPerson.personId, name: "x", relation: "other", idempotencyKey: key() }),
  ],
  "households.removeGuardian": async (w) => [
    ...(await stationAttack(w, (c) => c.households.removeGuardian({ stationId: w.stations.b, childId: bPerson.personId, guardianId: bPerson.guardianId }))),
    (await w.as("a.admin")).households.removeGuardian({ stationId: w.stations.a, childId: bPerson.personId, guardianId: bPerson.guardianId }),
  ],
  "ledgers.kinds": async () => [], // shared vocabulary
  "ledgers.export": async (w) => stationAttack(w, (c) => c.ledgers.export({ stationId: w.stations.b, kind: "elderly_tekun" })),
  "ledgers.preview": async (w) => stationAttack(w, (c) => c.ledgers.preview({ stationId: w.stations.b, kind: "people", fileName: "x.xlsx", fileBase64: "UEsDBA==" })),
  "ledgers.commit": async (w) => stationAttack(w, (c) => c.ledgers.commit({ stationId: w.stations.b, kind: "people", fileName: "x.xlsx", fileBase64: "UEsDBA==", idempotencyKey: key() })),
  "ledgers.history": async (w) => stationAttack(w, (c) => c.ledgers.history({ stationId: w.stations.b })),
  "payouts.standards": async () => [], // shared reference data
  "payouts.verify": async (w) =>
    stationAttack(w, (c) =>
      c.payouts.verify({ stationId: w.stations.b, kind: "advanced_age", month: "2026-11", fileName: "x.xlsx", fileBase64: bPayout.fileBase64, idempotencyKey: key() }),
    ),
  "payouts.rosters": async (w) => stationAttack(w, (c) => c.payouts.rosters({ stationId: w.stations.b })),
  "payouts.discrepancies": async (w) => stationAttack(w, (c) => c.payouts.discrepancies({ stationId: w.stations.b, rosterId: bPayout.rosterId })),
  "payouts.settle": async (w) => [
    ...(await stationAttack(w, (c) => c.payouts.settle({ stationId: w.stations.b, discrepancyId: bPayout.discrepancyId, outcome: "stop_payment", note: "x" }))),
    // A's admin on A's own station naming B's discrepancy, and B's discrepancy with A's visit as evidence.
    (await w.as("a.admin")).payouts.settle({ stationId: w.stations.a, discrepancyId: bPayout.discrepancyId, outcome: "stop_payment", note: "x" }),
    (await w.as("a.worker")).payouts.settle({ stationId: w.stations.a, discrepancyId: bPayout.discrepancyId, evidenceVisitId: bPerson.visitId }),
  ],
  "payouts.report": async (w) => [
    ...(await stationAttack(w, (c) => c.payouts.report({ stationId: w.stations.b, rosterId: bPayout.rosterId }))),
    (await w.as("a.admin")).payouts.report({ stationId: w.stations.a, rosterId: bPayout.rosterId }),
  ],
  "payouts.exportReport": async (w) => [
    ...(await stationAttack(w, (c) => c.payouts.exportReport({ stationId: w.stations.b, rosterId: bPayout.rosterId }))),
    (await w.as("a.admin")).payouts.exportReport({ stationId: w.stations.a, rosterId: bPayout.rosterId }),
  ],
  "payouts.signReport": async (w) => [
    ...(await stationAttack(w, (c) => c.payouts.signReport({ stationId: w.stations.b, rosterId: bPayout.rosterId, idempotencyKey: key() }))),
    // A's head on A's own station naming B's roster: nothing to sign there.
    (await w.as("a.admin")).payouts.signReport({ stationId: w.stations.a, rosterId: bPayout.rosterId, idempotencyKey: key() }),
  ],
  "payouts.sendReport": async (w) => [
    ...(await stationAttack(w, (c) => c.payouts.sendReport({ stationId: w.stations.b, rosterId: bPayout.rosterId, to: "county" }))),
    (await w.as("a.admin")).payouts.sendReport({ stationId: w.stations.a, rosterId: bPayout.rosterId, to: "county" }),
  ],
  "payouts.monthlySummary": async (w) => [
    ...(await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a", "region.admin", "region.viewer"])).map((c) => c.payouts.monthlySummary({ divisionCode: "6523", month: "2026-11" })),
    // The township officer reads its own township, not the city around it.
    (await w.as("town.a")).payouts.monthlySummary({ divisionCode: "652301", month: "2026-11" }),
  ],
  "visits.create": async (w) => [
    ...(await stationAttack(w, (c) => c.visits.create({ stationId: w.stations.b, visit: visitFor(bPerson.personId, bWorker.id), idempotencyKey: key() }))),
    // A's own station, naming B's person.
    (await w.as("a.admin")).visits.create({ stationId: w.stations.a, visit: visitFor(bPerson.personId, bWorker.aAdminId), idempotencyKey: key() }),
  ],
  "visits.get": async (w) => [
    ...(await stationAttack(w, (c) => c.visits.get({ stationId: w.stations.b, visitId: bPerson.visitId }))),
    (await w.as("a.admin")).visits.get({ stationId: w.stations.a, visitId: bPerson.visitId }),
  ],
  "visits.forPerson": async (w) => [
    ...(await stationAttack(w, (c) => c.visits.forPerson({ stationId: w.stations.b, personId: bPerson.personId }))),
    (await w.as("a.admin")).visits.forPerson({ stationId: w.stations.a, personId: bPerson.personId }),
  ],
  "visits.inPeriod": async (w) => stationAttack(w, (c) => c.visits.inPeriod({ stationId: w.stations.b, period: { month: "2026-11" } })),
  "visits.due": async (w) => stationAttack(w, (c) => c.visits.due({ stationId: w.stations.b })),
  "visits.dueByDay": async (w) => stationAttack(w, (c) => c.visits.dueByDay({ stationId: w.stations.b, month: "2026-11" })),
  "visits.members": async (w) => stationAttack(w, (c) => c.visits.members({ stationId: w.stations.b })),
  "visits.openRisks": async (w) => stationAttack(w, (c) => c.visits.openRisks({ stationId: w.stations.b })),
  "visits.acknowledgeRisk": async (w) => [
    ...(await stationAttack(w, (c) => c.visits.acknowledgeRisk({ stationId: w.stations.b, visitId: bPerson.visitId }))),
    (await w.as("a.admin")).visits.acknowledgeRisk({ stationId: w.stations.a, visitId: bPerson.visitId }),
  ],
  "visits.assignWorker": async (w) => [
    ...(await stationAttack(w, (c) => c.visits.assignWorker({ stationId: w.stations.b, personId: bPerson.personId, workerUserId: null }))),
    (await w.as("a.admin")).visits.assignWorker({ stationId: w.stations.a, personId: bPerson.personId, workerUserId: null }),
  ],
  "visits.ledger": async (w) => stationAttack(w, (c) => c.visits.ledger({ stationId: w.stations.b, period: { month: "2026-11" } })),
  "visits.cadence": async (w) => stationAttack(w, (c) => c.visits.cadence({ stationId: w.stations.b })),
  "visits.setCadence": async (w) => stationAttack(w, (c) => c.visits.setCadence({ stationId: w.stations.b, category: "elderly_tekun", rule: null })),
  "attachments.upload": async (w) => [
    ...(await stationAttack(w, (c) => c.attachments.upload({ stationId: w.stations.b, file: photoFor(bPerson.visitId), idempotencyKey: key() }))),
    (await w.as("a.admin")).attachments.upload({ stationId: w.stations.a, file: photoFor(bPerson.visitId), idempotencyKey: key() }),
  ],
  "attachments.list": async (w) => [
    ...(await stationAttack(w, (c) => c.attachments.list({ stationId: w.stations.b, ownerKind: "visit", ownerId: bPerson.visitId }))),
    (await w.as("a.admin")).attachments.list({ stationId: w.stations.a, ownerKind: "visit", ownerId: bPerson.visitId }),
  ],
  "attachments.download": async (w) => [
    ...(await stationAttack(w, (c) => c.attachments.download({ stationId: w.stations.b, attachmentId: bPerson.attachmentId }))),
    (await w.as("a.admin")).attachments.download({ stationId: w.stations.a, attachmentId: bPerson.attachmentId }),
  ],
  "attachments.remove": async (w) => [
    ...(await stationAttack(w, (c) => c.attachments.remove({ stationId: w.stations.b, attachmentId: bPerson.attachmentId }))),
    (await w.as("a.admin")).attachments.remove({ stationId: w.stations.a, attachmentId: bPerson.attachmentId }),
  ],
  "cases.create": async (w) => [
    ...(await stationAttack(w, (c) => c.cases.create({ stationId: w.stations.b, intake: caseIntake(bPerson.personId), idempotencyKey: key() }))),
    // A's own station, naming B's person.
    (await w.as("a.admin")).cases.create({ stationId: w.stations.a, intake: caseIntake(bPerson.personId), idempotencyKey: key() }),
  ],
  "cases.get": async (w) => onBCase(w, (c, stationId) => c.cases.get({ stationId, caseId: bCase.caseId })),
  "cases.list": async (w) => stationAttack(w, (c) => c.cases.list({ stationId: w.stations.b })),
  "cases.assign": async (w) => onBCase(w, (c, stationId) => c.cases.assign({ stationId, caseId: bCase.caseId, workerUserId: null })),
  "cases.assess": async (w) =>
    onBCase(w, (c, stationId) => c.cases.assess({ stationId, caseId: bCase.caseId, assessment: { assessedOn: "2026-11-20", needs: "x", riskLevel: "low" }, idempotencyKey: key() })),
  "cases.proposePlan": async (w) =>
    onBCase(w, (c, stationId) => c.cases.proposePlan({ stationId, caseId: bCase.caseId, plan: { goals: [{ goal: "x", measure: "y", due: "2026-12-31" }] }, idempotencyKey: key() })),
  "cases.approvePlan": async (w) => onBCase(w, (c, stationId) => c.cases.approvePlan({ stationId, caseId: bCase.caseId, idempotencyKey: key() })),
  "cases.addService": async (w) =>
    onBCase(w, (c, stationId) =>
      c.cases.addService({ stationId, caseId: bCase.caseId, service: { area: "health_aid", servedOn: "2026-11-20", durationMinutes: 30, workerUserIds: [bWorker.id], note: "x" }, idempotencyKey: key() }),
    ),
  "cases.addReview": async (w) =>
    onBCase(w, (c, stationId) => c.cases.addReview({ stationId, caseId: bCase.caseId, review: { reviewedOn: "2026-11-20", progress: "x", riskLevel: "low" }, idempotencyKey: key() })),
  "cases.close": async (w) =>
    onBCase(w, (c, stationId) => c.cases.close({ stationId, caseId: bCase.caseId, closure: { closedOn: "2026-11-20", outcome: "other", summary: "x" }, idempotencyKey: key() })),
  "cases.reviewQueue": async (w) => stationAttack(w, (c) => c.cases.reviewQueue({ stationId: w.stations.b })),
  "cases.decideSignOff": async (w) => onBCase(w, (c, stationId) => c.cases.decideSignOff({ stationId, signoffId: bCase.signoffId, decision: { decision: "approved" } })),
  "cases.createReferral": async (w) =>
    onBCase(w, (c, stationId) =>
      c.cases.createReferral({ stationId, caseId: bCase.caseId, referral: { toKind: "agency", toName: "x", reason: "x", referredOn: "2026-11-20", dueOn: "2026-11-30" }, idempotencyKey: key() }),
    ),
  "cases.followUpReferral": async (w) => onBCase(w, (c, stationId) => c.cases.followUpReferral({ stationId, referralId: bCase.referralId, followUp: { followedUpOn: "2026-11-20", note: "x" } })),
  "cases.openReferrals": async (w) => stationAttack(w, (c) => c.cases.openReferrals({ stationId: w.stations.b })),
  "cases.staff": async (w) => stationAttack(w, (c) => c.cases.staff({ stationId: w.stations.b })),
  "cases.setStaffQualification": async (w) =>
    onBCase(w, (c, stationId) => c.cases.setStaffQualification({ stationId, userId: bWorker.id, qualification: { qualificationLevel: "senior", major: "社会工作", supervisorUserId: null } })),
  "reporting.indicators": async () => [], // shared definitions
  "reporting.division": async (w) => (await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a"])).map((c) => c.reporting.division({ divisionCode: "6523", month: "2026-11" })),
  "reporting.trend": async (w) =>
    (await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a"])).map((c) => c.reporting.trend({ divisionCode: "6523", indicator: "visits.done", month: "2026-11" })),
  "reporting.station": async (w) => stationAttack(w, (c) => c.reporting.station({ stationId: w.stations.b, month: "2026-11" })),
  "reporting.snapshots": async (w) => (await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a"])).map((c) => c.reporting.snapshots({ divisionCode: "6523" })),
  "reporting.snapshot": async (w) => (await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a"])).map((c) => c.reporting.snapshot({ divisionCode: "6523", month: "2026-10" })),
  "worklogs.day": async (w) => stationAttack(w, (c) => c.worklogs.day({ stationId: w.stations.b, date: "2026-11-20" })),
  "worklogs.month": async (w) => stationAttack(w, (c) => c.worklogs.month({ stationId: w.stations.b, month: "2026-11" })),
  "worklogs.save": async (w) => stationAttack(w, (c) => c.worklogs.save({ stationId: w.stations.b, date: "2026-11-20", version: 0, log: { entries: [], summary: "x" } })),
  "worklogs.submit": async (w) => stationAttack(w, (c) => c.worklogs.submit({ stationId: w.stations.b, date: "2026-11-20", version: 0 })),
  "worklogs.monthlyReport": async (w) => stationAttack(w, (c) => c.worklogs.monthlyReport({ stationId: w.stations.b, month: "2026-11" })),
  "worklogs.exportMonthlyReport": async (w) => stationAttack(w, (c) => c.worklogs.exportMonthlyReport({ stationId: w.stations.b, month: "2026-11" })),
  "reporting.exportDivision": async (w) =>
    (await asMany(w, ["ili.pref", "a.admin", "a.worker", "contractor.a"])).map((c) => c.reporting.exportDivision({ divisionCode: "6523", month: "2026-11", view: "children" })),
  "reporting.exportStation": async (w) => stationAttack(w, (c) => c.reporting.exportStation({ stationId: w.stations.b, month: "2026-11", view: "months" })),
  "audit.list": async (w) => (await asMany(w, [...STATION_ATTACKERS, "region.viewer"])).map((c) => c.audit.list({ stationId: w.stations.b })),
  // Governance (issue 5). The prefecture and the city bureau legitimately cover B, so they are not attackers here.
  "contractors.list": async (w) => (await asMany(w, ["ili.pref", "a.admin", "contractor.a"])).map((c) => c.contractors.list({ divisionCode: "6523" })),
  "contractors.create": async (w) => [
    ...(await asMany(w, ["ili.pref", "a.admin", "town.a", "contractor.a"])).map((c) => c.contractors.create({ divisionCode: "6523", contractor: contractorInput(901), idempotencyKey: key() })),
    // Ili's prefecture, on its own division, registering an organization of Changji City.
    (await w.as("ili.pref")).contractors.create({ divisionCode: "6540", contractor: contractorInput(902), idempotencyKey: key() }),
  ],
  "contractors.update": async (w) => [
    ...(await asMany(w, ["a.admin", "town.a", "contractor.a"])).map((c) => c.contractors.update({ divisionCode: "6523", contractorId: bGov.contractorId, contractor: contractorInput(900, { businessScope: "社工服务 x" }) })),
    (await w.as("ili.pref")).contractors.update({ divisionCode: "6540", contractorId: bGov.contractorId, contractor: contractorInput(900, { divisionCode: "6540" }) }),
  ],
  "contractors.mine": async () => [], // the caller's own organization only: nothing of another tenant to name
  "contractors.assignStation": async (w) => govAttack(w, (c) => c.contractors.assignStation({ stationId: w.stations.b, contractorId: w.contractorId })),
  "agreements.list": async (w) => govAttack(w, (c) => c.agreements.list({ stationId: w.stations.b })),
  "agreements.get": async (w) => onBAgreement(w, (c, stationId) => c.agreements.get({ stationId, agreementId: bGov.agreementId })),
  "agreements.create": async (w) => govAttack(w, (c) => c.agreements.create({ stationId: w.stations.b, agreement: agreementInput(bGov.contractorId), idempotencyKey: key() })),
  "agreements.update": async (w) => onBAgreement(w, (c, stationId) => c.agreements.update({ stationId, agreementId: bGov.agreementId, agreement: agreementInput(bGov.contractorId) })),
  "agreements.submit": async (w) => onBAgreement(w, (c, stationId) => c.agreements.submit({ stationId, agreementId: bGov.agreementId })),
  "agreements.acknowledge": async (w) => onBAgreement(w, (c, stationId) => c.agreements.acknowledge({ stationId, agreementId: bGov.agreementId })),
  "agreements.returnWithComments": async (w) =>
    onBAgreement(w, (c, stationId) => c.agreements.returnWithComments({ stationId, agreementId: bGov.agreementId, filing: { comment: "x" } })),
  "agreements.filings": async (w) => (await asMany(w, ["ili.pref", "a.admin", "city.sup", "town.a"])).map((c) => c.agreements.filings({ divisionCode: "6523" })),
  "funds.ledger": async (w) => onBAgreement(w, (c, stationId) => c.funds.ledger({ stationId, agreementId: bGov.agreementId })),
  "funds.allocate": async (w) =>
    onBAgreement(w, (c, stationId) => c.funds.allocate({ stationId, agreementId: bGov.agreementId, allocation: { source: "local_budget", amountFen: 100, allocatedOn: "2026-11-20" }, idempotencyKey: key() })),
  "funds.disburse": async (w) =>
    onBAgreement(w, (c, stationId) =>
      c.funds.disburse({ stationId, agreementId: bGov.agreementId, disbursement: { amountFen: 100, paidOn: "2026-11-20", voucherNo: "x", override: { reason: "x" } }, idempotencyKey: key() }),
    ),
  "funds.spend": async (w) =>
    onBAgreement(w, (c, stationId) => c.funds.spend({ stationId, agreementId: bGov.agreementId, spending: { category: "other", amountFen: 100, spentOn: "2026-11-20", description: "x" }, idempotencyKey: key() })),
  "funds.supervision": async (w) => (await asMany(w, ["ili.pref", "a.admin", "town.a", "contractor.a"])).map((c) => c.funds.supervision({ divisionCode: "6523" })),
  ...activityAttacks({ stationAttack, key }),
  ...staffDisclosureAttacks({ stationAttack, key }),
  ...facilityAttacks({ stationAttack, key }),
  ...evaluationAttacks({ stationAttack, govAttack, key }),
  ...submissionAttacks({ stationAttack, key }),
};

/** Station-side attackers on B (the prefecture and city bureau cover B, so they are left out). */
async function govAttack(w: World, call: (c: Caller) => Promise<unknown>): Promise<Promise<unknown>[]> {
  return (await asMany(w, [...STATION_ATTACKERS, "region.admin"])).map(call);
}

/** Also every role that may act on A (or, for Changji's prefecture, on Ili) naming B's agreement there. */
async function onBAgreement(w: World, call: (c: Caller, stationId: string) => Promise<unknown>): Promise<Promise<unknown>[]> {
  return [
    ...(await govAttack(w, (c) => call(c, w.stations.b))),
    ...(await asMany(w, ["a.admin", "town.a", "contractor.a", "city.sup", "changji.pref"])).map((c) => call(c, w.stations.a)),
    call(await w.as("changji.pref"), w.stations.ili),
  ];
}

/** Every station attacker on B's station, and A's admin on A's own station naming B's rows. */
async function onBCase(w: World, call: (c: Caller, stationId: string) => Promise<unknown>): Promise<Promise<unknown>[]> {
  return [...(await stationAttack(w, (c) => call(c, w.stations.b))), call(await w.as("a.admin"), w.stations.a)];
}

async function stationAttack(w: World, call: (c: Caller) => Promise<unknown>): Promise<Promise<unknown>[]> {
  return (await asMany(w, [...STATION_ATTACKERS, "region.admin", "changji.pref"])).map(call);
}

// Valid IDs built with the real check character (GB 11643), born 1950 in Changji City.
const ELDER_ID = withCheck("65230119500101123");
const ELDER_ID_2 = withCheck("65230119500202124");
function withCheck(first17: string): string {
  return first17 + citizenIdCheckChar(first17);
}

/** A person of station B with a category, a household, a guardian and a risky visit, made by B's own staff. */
const bPerson = { personId: "", categoryEntryId: "", householdId: "", guardianId: "", visitId: "", attachmentId: "" };

/** A tiny JPEG (its magic bytes are what the upload checks) for a visit. */
function photoFor(visitId: string) {
  return { ownerKind: "visit" as const, ownerId: visitId, kind: "photo" as const, fileName: "入户.jpg", fileBase64: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString("base64") };
}
const bWorker = { id: "", aAdminId: "" };
/** B's verified payout roster and one of its discrepancies, open. */
const bPayout = { fileBase64: "", rosterId: "", discrepancyId: "" };
/** B's case, waiting for B's supervisor's sign-off, with an open referral. */
const bCase = { caseId: "", signoffId: "", referralId: "" };
/** B's own contractor, its agreement waiting at the prefecture, and its funds. */
const bGov = { contractorId: "", agreementId: "" };

function caseIntake(personId: string) {
  return { personId, source: "walk_in" as const, intakeOn: "2026-11-20", presentingProblem: "独居", riskLevel: "medium" as const };
}

function visitFor(personId: string, workerId: string) {
  return {
    visitedOn: "2026-11-20",
    kind: "patrol" as const,
    mode: "home" as const,
    durationMinutes: 30,
    subject: { personId },
    workerUserIds: [workerId],
    area: "elderly" as const,
    findings: {},
    risk: "high" as const,
    riskNote: "独居老人摔倒",
  };
}

async function bWorkerId(w: World): Promise<string> {
  const row = await w.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "b.worker").executeTakeFirstOrThrow();
  return row.id;
}

function procedurePaths(): string[] {
  return Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
}

describe("cross-tenant harness", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    const b = await world.as("b.admin");
    const created = await b.people.create({
      stationId: world.stations.b,
      person: { name: "赵六", citizenId: ELDER_ID },
      categories: [{ category: "elderly_tekun", startDate: "2025-01-01" }],
      idempotencyKey: key(),
    });
    bPerson.personId = created.personId;
    const person = await b.people.get({ stationId: world.stations.b, personId: created.personId });
    bPerson.categoryEntryId = person.categories[0]!.id;
    bPerson.householdId = (await b.households.create({ stationId: world.stations.b, headPersonId: created.personId, idempotencyKey: key() })).householdId;
    bWorker.id = await bWorkerId(world);
    bWorker.aAdminId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.admin").executeTakeFirstOrThrow()).id;
    bPerson.visitId = (await b.visits.create({ stationId: world.stations.b, visit: visitFor(created.personId, bWorker.id), idempotencyKey: key() })).visitId;
    bPerson.attachmentId = (await b.attachments.upload({ stationId: world.stations.b, file: photoFor(bPerson.visitId), idempotencyKey: key() })).attachmentId;
    // B's worker (unqualified) works under B's admin (qualified), so approving the plan waits for sign-off.
    const bAdminId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "b.admin").executeTakeFirstOrThrow()).id;
    await b.cases.setStaffQualification({ stationId: world.stations.b, userId: bAdminId, qualification: { qualificationLevel: "intermediate", major: "社会工作", supervisorUserId: null } });
    await b.cases.setStaffQualification({ stationId: world.stations.b, userId: bWorker.id, qualification: { education: "大专", qualificationLevel: "none", supervisorUserId: bAdminId } });
    const bw = await world.as("b.worker");
    bCase.caseId = (await bw.cases.create({ stationId: world.stations.b, intake: caseIntake(created.personId), idempotencyKey: key() })).caseId;
    await bw.cases.assess({ stationId: world.stations.b, caseId: bCase.caseId, assessment: { assessedOn: "2026-11-20", needs: "需求", riskLevel: "medium" }, idempotencyKey: key() });
    await bw.cases.proposePlan({ stationId: world.stations.b, caseId: bCase.caseId, plan: { goals: [{ goal: "目标", measure: "标准", due: "2026-12-31" }] }, idempotencyKey: key() });
    const asked = await bw.cases.approvePlan({ stationId: world.stations.b, caseId: bCase.caseId, idempotencyKey: key() });
    if (asked.outcome !== "signoff_requested") throw new Error("B's plan should wait for sign-off");
    bCase.signoffId = asked.signoffId;
    bCase.referralId = (
      await bw.cases.createReferral({
        stationId: world.stations.b,
        caseId: bCase.caseId,
        referral: { toKind: "township", toName: "大西渠镇民政办", reason: "临时救助", referredOn: "2026-11-20", dueOn: "2026-11-30" },
        idempotencyKey: key(),
      })
    ).referralId;
    const city = await world.as("city.sup");
    bGov.contractorId = (await city.contractors.create({ divisionCode: "652301", contractor: contractorInput(900), idempotencyKey: key() })).contractorId;
    await city.contractors.assignStation({ stationId: world.stations.b, contractorId: bGov.contractorId });
    bGov.agreementId = (await b.agreements.create({ stationId: world.stations.b, agreement: agreementInput(bGov.contractorId), idempotencyKey: key() })).agreementId;
    await b.agreements.submit({ stationId: world.stations.b, agreementId: bGov.agreementId });
    await city.funds.allocate({ stationId: world.stations.b, agreementId: bGov.agreementId, allocation: { source: "region_pilot", amountFen: 1000, allocatedOn: "2026-11-20" }, idempotencyKey: key() });
    await city.funds.disburse({ stationId: world.stations.b, agreementId: bGov.agreementId, disbursement: { amountFen: 600, paidOn: "2026-11-20", voucherNo: "B-1" }, idempotencyKey: key() });
    await b.funds.spend({ stationId: world.stations.b, agreementId: bGov.agreementId, spending: { category: "office", amountFen: 100, spentOn: "2026-11-20", description: "办公用品" }, idempotencyKey: key() });
    bPerson.guardianId = (await b.households.addGuardian({ stationId: world.stations.b, childId: created.personId, name: "监护人", relation: "relative", idempotencyKey: key() })).guardianId;
    await seedActivitiesOfB(world, key, { personId: bPerson.personId, householdId: bPerson.householdId, workerId: bWorker.id });
    await seedStaffDisclosureOfB(world, key, bWorker.id);
    await seedFacilitiesOfB(world, key);
    await seedEvaluationOfB(world, key, bWorker.id);
    await seedSubmissionsOfB(world, key);
    bPayout.fileBase64 = await workbook([["姓名", "身份证号", "金额"], ["赵六", ELDER_ID, 100]]);
    bPayout.rosterId = (await b.payouts.verify({ stationId: world.stations.b, kind: "advanced_age", month: "2026-11", fileName: "b.xlsx", fileBase64: bPayout.fileBase64, idempotencyKey: key() })).rosterId;
    bPayout.discrepancyId = (await b.payouts.discrepancies({ stationId: world.stations.b, rosterId: bPayout.rosterId }))[0]!.id;
  }, 120_000);
  afterAll(() => world?.close());

  it("has an entry for every procedure", () => {
    const missing = procedurePaths().filter((p) => !(p in CROSS_TENANT));
    expect(missing).toEqual([]);
  });

  for (const path of Object.keys(CROSS_TENANT)) {
    it(`${path}: another tenant gets NOT_FOUND or FORBIDDEN`, async () => {
      const outcomes = await Promise.allSettled(await CROSS_TENANT[path]!(world));
      for (const outcome of outcomes) {
        const error = outcome.status === "rejected" ? outcome.reason : new Error(`succeeded: ${JSON.stringify(outcome.value).slice(0, 200)}`);
        expect((error as { code?: string }).code, String((error as Error).message)).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      }
    });
  }

  it("B's data is untouched after all the attempts", async () => {
    const b = await world.as("b.admin");
    const workspace = await b.workspace.get({ stationId: world.stations.b });
    expect(workspace.status).toBe("onboarding");
    expect(workspace.branding.primaryColor).toBe("#b7282e");
    const users = await b.users.station.list({ stationId: world.stations.b });
    expect(users.every((u) => !u.disabled)).toBe(true);
    // B's members, and the evaluator the city bureau let in (cross-tenant-evaluation.ts).
    expect(users.map((u) => u.username).sort()).toEqual(["b.admin", "b.evaluator", "b.worker"]);
    const person = await b.people.get({ stationId: world.stations.b, personId: bPerson.personId });
    expect(person).toMatchObject({ name: "赵六", status: "active", version: 1 });
    expect(person.categories).toHaveLength(1);
    expect(person.categories[0]!.endDate).toBeNull();
    expect(person.household?.members).toHaveLength(1);
    expect(person.guardians).toHaveLength(1);
    expect(person.timeline.filter((e) => e.kind === "id_revealed")).toEqual([]);
    const risks = await b.visits.openRisks({ stationId: world.stations.b });
    expect(risks.map((r) => r.id)).toEqual([bPerson.visitId]);
    expect((await b.visits.forPerson({ stationId: world.stations.b, personId: bPerson.personId })).map((v) => v.id)).toEqual([bPerson.visitId]);
    expect((await b.attachments.list({ stationId: world.stations.b, ownerKind: "visit", ownerId: bPerson.visitId })).map((a) => a.id)).toEqual([bPerson.attachmentId]);
    const bCaseNow = await b.cases.get({ stationId: world.stations.b, caseId: bCase.caseId });
    expect(bCaseNow).toMatchObject({ status: "plan_pending", riskLevel: "medium", assignedWorkerId: bWorker.id, pendingSignoff: { id: bCase.signoffId } });
    expect(bCaseNow.assessments).toHaveLength(1);
    expect(bCaseNow.services).toEqual([]);
    expect(bCaseNow.referrals.map((r) => r.status)).toEqual(["open"]);
    expect((await b.cases.list({ stationId: world.stations.b })).map((c) => c.id)).toEqual([bCase.caseId]);
    expect((await b.cases.staff({ stationId: world.stations.b })).find((s) => s.userId === bWorker.id)).toMatchObject({ qualificationLevel: "none", needsSignOff: true });
    expect((await b.visits.cadence({ stationId: world.stations.b })).find((c) => c.category === "elderly_tekun")?.source).toBe("default");
    const bAgreement = await b.agreements.get({ stationId: world.stations.b, agreementId: bGov.agreementId });
    expect(bAgreement).toMatchObject({ status: "submitted", contractorId: bGov.contractorId, amountFen: 30_000_000 });
    expect(bAgreement.events.map((e) => e.kind)).toEqual(["created", "submitted"]);
    expect((await b.agreements.list({ stationId: world.stations.b })).map((a) => a.id)).toEqual([bGov.agreementId]);
    expect((await b.funds.ledger({ stationId: world.stations.b, agreementId: bGov.agreementId })).balances).toEqual({ allocatedFen: 1000, disbursedFen: 600, spentFen: 100, undisbursedFen: 400, unspentFen: 500 });
    const bStation = await world.dbs.owner.db.selectFrom("station").select("contractor_id").where("id", "=", world.stations.b).executeTakeFirstOrThrow();
    expect(bStation.contractor_id).toBe(bGov.contractorId);
    const bContractor = await world.dbs.owner.db.selectFrom("contractor").select(["business_scope", "division_code"]).where("id", "=", bGov.contractorId).executeTakeFirstOrThrow();
    expect(bContractor).toEqual({ business_scope: "社会工作服务；社区服务；志愿服务", division_code: "652301" });
    await expectActivitiesOfBUntouched(world);
    await expectStaffDisclosureOfBUntouched(world);
    await expectFacilitiesOfBUntouched(world);
    await expectEvaluationOfBUntouched(world);
    await expectSubmissionsOfBUntouched(world);
    expect((await b.payouts.rosters({ stationId: world.stations.b })).map((r) => r.id)).toEqual([bPayout.rosterId]);
    const bDiscrepancy = (await b.payouts.discrepancies({ stationId: world.stations.b, rosterId: bPayout.rosterId })).find((d) => d.id === bPayout.discrepancyId);
    expect(bDiscrepancy).toMatchObject({ status: "open", outcome: null, evidence_visit_id: null, settled_by: null });
    expect((await b.payouts.report({ stationId: world.stations.b, rosterId: bPayout.rosterId })).signature).toBeNull();
  });
});
