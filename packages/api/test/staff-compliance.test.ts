import { daysToIsoDate, isoDateToDays, todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { refreshDirtyRollups } from "../src/reporting/refresh-rollups.ts";
import { agreementInput, contractorInput } from "./governance-fixtures.ts";
import { LIUGONG, createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const TODAY = todayInShanghai();
const YEAR = TODAY.slice(0, 4);
const daysFromToday = (n: number) => daysToIsoDate((isoDateToDays(TODAY) ?? 0) + n);

describe("staff compliance (issue 5 item 4, R7, R16, R18)", () => {
  let world: World;
  const ids = { admin: "", worker: "" };
  const station = () => world.stations.a;

  beforeAll(async () => {
    world = await createWorld();
    const users = await world.dbs.owner.db.selectFrom("app_user").select(["id", "username"]).where("username", "in", ["a.admin", "a.worker"]).execute();
    ids.admin = users.find((u) => u.username === "a.admin")!.id;
    ids.worker = users.find((u) => u.username === "a.worker")!.id;
    // The agreement in force buys three resident workers.
    const city = await world.as("city.sup");
    const { contractorId } = await city.contractors.create({ divisionCode: "652301", contractor: contractorInput(41), idempotencyKey: key() });
    await city.contractors.assignStation({ stationId: station(), contractorId });
    const admin = await world.as("a.admin");
    await admin.agreements.create({
      stationId: station(),
      agreement: agreementInput(contractorId, { signedOn: `${YEAR}-01-01`, serviceStart: `${YEAR}-01-01`, serviceEnd: `${YEAR}-12-31`, staffingRequired: 3 }),
      idempotencyKey: key(),
    });
  }, 120_000);
  afterAll(() => world?.close());

  /** Stationing is keyed by the staff record, which a member has once their qualification is recorded. */
  async function staffIdOf(userId: string): Promise<string> {
    const overview = await (await world.as("a.admin")).staff.overview({ stationId: station() });
    return overview.staff.find((s) => s.userId === userId)!.staffId!;
  }

  it("below diploma (大专) cannot be stationed, with a bilingual reason", async () => {
    const admin = await world.as("a.admin");
    await admin.cases.setStaffQualification({ stationId: station(), userId: ids.worker, qualification: { education: "高中", major: "汉语言文学", qualificationLevel: "none", supervisorUserId: null } });
    const refused = admin.staff.setStationing({ stationId: station(), staffId: await staffIdOf(ids.worker), stationing: { stationedOn: `${YEAR}-01-02`, leftOn: null } });
    await expect(refused).rejects.toMatchObject({ appCode: "STAFF_BELOW_DIPLOMA" });
    // A member with no staff record yet has nothing to station.
    expect((await admin.staff.overview({ stationId: station() })).staff.find((s) => s.userId === ids.admin)?.staffId).toBeNull();
  });

  it("a diploma may be stationed; the record cannot then drop below it while stationed", async () => {
    const admin = await world.as("a.admin");
    await admin.cases.setStaffQualification({ stationId: station(), userId: ids.worker, qualification: { education: "大专", major: "汉语言文学", qualificationLevel: "none", supervisorUserId: null } });
    await admin.staff.setStationing({ stationId: station(), staffId: await staffIdOf(ids.worker), stationing: { stationedOn: `${YEAR}-01-02`, leftOn: null } });
    const lowered = admin.cases.setStaffQualification({ stationId: station(), userId: ids.worker, qualification: { education: "中专", qualificationLevel: "none", supervisorUserId: null } });
    expect(await appCodeOf(lowered)).toBe("STAFF_BELOW_DIPLOMA");
    // Only the station lead stations workers.
    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.staff.setStationing({ stationId: station(), staffId: await staffIdOf(ids.worker), stationing: { stationedOn: null, leftOn: null } }))).toBe("FORBIDDEN");
  });

  it("flags the unsupervised worker and the staffing shortfall against the agreement", async () => {
    const admin = await world.as("a.admin");
    const overview = await admin.staff.overview({ stationId: station() });
    expect(overview.staffing).toEqual({ required: 3, stationed: 1, shortfall: 2 });
    const worker = overview.staff.find((s) => s.userId === ids.worker)!;
    expect(worker).toMatchObject({ stationed: true, flags: ["needs_supervisor", "no_supervisor"], educationLevel: "diploma" });
    expect(overview.flagCounts.no_supervisor).toBe(1);
  });

  it("the rollups carry the staffing against the agreement, month by month (issue 7)", async () => {
    while ((await refreshDirtyRollups(world.dbs.app.db, { today: todayInShanghai() })).stations > 0);
    const month = todayInShanghai().slice(0, 7);
    const own = await (await world.as("a.admin")).reporting.station({ stationId: station(), month, months: 1 });
    expect(own.months[0]!.values["staff.required"]).toEqual({ "": 3 });
    expect(own.months[0]!.values["staff.stationed"]).toEqual({ "": 1 });
    // Stationed from 2 January: a backdated stationing counts in the months since, not only this one.
    if (month > `${YEAR}-01`) {
      const january = await (await world.as("a.admin")).reporting.station({ stationId: station(), month: `${YEAR}-01`, months: 1 });
      expect(january.months[0]!.values["staff.stationed"]).toEqual({ "": 1 });
      expect(january.months[0]!.values["staff.required"]).toEqual({ "": 3 });
    }
  });

  it("a qualified supervisor clears the missing-supervisor flag; a certificate running out is flagged ahead", async () => {
    const admin = await world.as("a.admin");
    await admin.cases.setStaffQualification({
      stationId: station(),
      userId: ids.admin,
      qualification: { education: "本科", major: "社会工作", qualificationLevel: "intermediate", certificateNo: "ZJ-1", certificateExpiresOn: daysFromToday(30), supervisorUserId: null },
    });
    await admin.staff.setStationing({ stationId: station(), staffId: await staffIdOf(ids.admin), stationing: { stationedOn: `${YEAR}-01-02`, leftOn: null } });
    await admin.cases.setStaffQualification({ stationId: station(), userId: ids.worker, qualification: { education: "大专", major: "汉语言文学", qualificationLevel: "none", supervisorUserId: ids.admin } });
    const overview = await admin.staff.overview({ stationId: station() });
    expect(overview.staffing.shortfall).toBe(1);
    expect(overview.staff.find((s) => s.userId === ids.worker)?.flags).toEqual(["needs_supervisor"]);
    expect(overview.staff.find((s) => s.userId === ids.admin)).toMatchObject({ flags: ["certificate_expiring"], certificateDaysLeft: 30 });
    expect((await admin.staff.overview({ stationId: station(), warningDays: 20 })).staff.find((s) => s.userId === ids.admin)?.flags).toEqual([]);
  });

  it("a staff record without a login counts and can be stationed too", async () => {
    const row = await world.dbs.owner.db
      .insertInto("staff_member")
      .values({ station_id: station(), display_name: "马建国", position: "驻站社工", qualification: null, education: "大专", major: "农学", qualification_level: "none", supervisor_user_id: ids.admin })
      .returning("id")
      .executeTakeFirstOrThrow();
    const admin = await world.as("a.admin");
    await admin.staff.setStationing({ stationId: station(), staffId: row.id, stationing: { stationedOn: `${YEAR}-02-01`, leftOn: null } });
    const overview = await admin.staff.overview({ stationId: station() });
    expect(overview.staff.find((s) => s.staffId === row.id)).toMatchObject({ userId: null, displayName: "马建国", stationed: true, flags: ["needs_supervisor"] });
    expect(overview.staffing).toEqual({ required: 3, stationed: 3, shortfall: 0 });
    // Gone again, so the counts below stay as they were.
    await admin.staff.setStationing({ stationId: station(), staffId: row.id, stationing: { stationedOn: `${YEAR}-02-01`, leftOn: `${YEAR}-02-02` } });
    expect((await admin.staff.overview({ stationId: station() })).staffing.stationed).toBe(2);
  });

  it("attendance: a worker records their own day, the lead anyone's; not before stationing, not ahead of today", async () => {
    const worker = await world.as("a.worker");
    const admin = await world.as("a.admin");
    await worker.staff.recordAttendance({ stationId: station(), attendance: { userId: ids.worker, date: TODAY, kind: "present", checkIn: "09:30", checkOut: "18:00" } });
    expect(await appCodeOf(worker.staff.recordAttendance({ stationId: station(), attendance: { userId: ids.admin, date: TODAY, kind: "present", checkIn: "09:30" } }))).toBe("FORBIDDEN");
    await admin.staff.recordAttendance({ stationId: station(), attendance: { userId: ids.worker, date: TODAY, kind: "field", checkIn: "09:30", checkOut: "19:00", note: "入户巡访" } });
    expect(await appCodeOf(admin.staff.recordAttendance({ stationId: station(), attendance: { userId: ids.worker, date: `${YEAR}-01-01`, kind: "present" } }))).toBe("STAFF_NOT_STATIONED");
    expect(await appCodeOf(admin.staff.recordAttendance({ stationId: station(), attendance: { userId: ids.worker, date: daysFromToday(1), kind: "present" } }))).toBe("VALIDATION");
    const month = await admin.staff.attendanceMonth({ stationId: station(), month: TODAY.slice(0, 7) });
    const row = month.workers.find((w) => w.userId === ids.worker)!;
    expect(row).toMatchObject({ workingDays: 1, minutesOnDuty: 570, counts: { field: 1, present: 0 } });
    expect(month.records.filter((r) => r.userId === ids.worker)).toHaveLength(1);
    const audit = await world.dbs.owner.db.selectFrom("audit_event").select("action").where("station_id", "=", station()).where("action", "like", "staff.attendance.%").execute();
    expect(audit.map((a) => a.action)).toEqual(["staff.attendance.recorded", "staff.attendance.corrected"]);
  });

  it("training: station staff by account, township civil-affairs officers by name (R16); hours add up per member", async () => {
    const admin = await world.as("a.admin");
    const input = {
      stationId: station(),
      training: {
        kind: "township_officers" as const,
        title: "社会救助政策与入户调查实务",
        provider: "昌吉市民政局",
        startedOn: TODAY,
        hours: 6,
        trainees: [
          { kind: "township_officer" as const, name: "马建军", organization: "六工镇民政办" },
          { kind: "station_staff" as const, userId: ids.worker },
        ],
      },
      idempotencyKey: key(),
    };
    const created = await admin.staff.createTraining(input);
    expect(await admin.staff.createTraining(input)).toEqual(created);
    const listed = await admin.staff.trainings({ stationId: station(), year: Number(YEAR) });
    expect(listed.trainings).toHaveLength(1);
    expect(listed.trainings[0]!.trainees.map((t) => t.name)).toEqual(["马建军", "a.worker"]);
    expect(listed.memberHours).toEqual([{ userId: ids.worker, displayName: "a.worker", hours: 6, trainings: 1 }]);
    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.staff.createTraining({ ...input, idempotencyKey: key() }))).toBe("FORBIDDEN");
    // A trainee from another station is refused.
    const bWorker = await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "b.worker").executeTakeFirstOrThrow();
    const stranger = { ...input, training: { ...input.training, trainees: [{ kind: "station_staff" as const, userId: bWorker.id }] }, idempotencyKey: key() };
    expect(await appCodeOf(admin.staff.createTraining(stranger))).toBe("VALIDATION");
  });

  it("the bureau's panel counts per station, with no names", async () => {
    const city = await world.as("city.sup");
    const panel = await city.staff.compliancePanel({ divisionCode: "652301" });
    const a = panel.find((r) => r.stationId === station())!;
    expect(a).toMatchObject({ required: 3, stationed: 2, shortfall: 1, qualified: 1, compliant: false, trainingsThisYear: 1, trainingHoursThisYear: 6, townshipOfficerTrainingsThisYear: 1 });
    expect(a.flagCounts).toMatchObject({ needs_supervisor: 1, no_supervisor: 0, certificate_expiring: 1 });
    expect(JSON.stringify(panel)).not.toMatch(/a\.worker|a\.admin/);
    const town = await world.as("town.a");
    expect((await town.staff.compliancePanel({ divisionCode: LIUGONG })).map((r) => r.stationId)).toEqual([station()]);
  });
});
