import { describe, expect, it } from "vitest";
import { spellingClashes } from "../registry/vocab.ts";
import {
  attendanceMonth,
  EDUCATION_LEVEL_LABELS,
  educationLevelOf,
  isStationedOn,
  meetsStationingEducation,
  staffCompliance,
  staffingCheck,
  stationingRefusal,
  ZAttendanceSchema,
  ZStationingSchema,
  ZTrainingSchema,
  type StaffComplianceInput,
} from "./staff.ts";

const TODAY = "2026-11-27";
const U1 = "11111111-1111-4111-8111-111111111111";
const U2 = "22222222-2222-4222-8222-222222222222";

const qualified: StaffComplianceInput = {
  education: "本科",
  major: "社会工作",
  qualificationLevel: "intermediate",
  certificateNo: "ZJ2021650001",
  certificateExpiresOn: null,
  supervisor: null,
  supervisorAssigned: false,
};

describe("education and stationing (R7)", () => {
  it("reads the usual wordings of a diploma", () => {
    expect(educationLevelOf("大专")).toBe("diploma");
    expect(educationLevelOf("大学专科")).toBe("diploma");
    expect(educationLevelOf("硕士研究生")).toBe("master");
    expect(educationLevelOf("本科")).toBe("bachelor");
    expect(educationLevelOf("中专")).toBe("senior_high");
    expect(educationLevelOf("初中")).toBe("junior_high_or_below");
    expect(educationLevelOf("夜校")).toBeNull();
    expect(spellingClashes(EDUCATION_LEVEL_LABELS)).toEqual([]);
  });
  it("diploma or above, any major, may be stationed", () => {
    expect(meetsStationingEducation("diploma")).toBe(true);
    expect(meetsStationingEducation("doctorate")).toBe(true);
    expect(stationingRefusal("大专")).toBeNull();
    expect(stationingRefusal("本科")).toBeNull();
  });
  it("below diploma is refused with a bilingual reason; unknown or missing education is asked for", () => {
    const refusal = stationingRefusal("高中");
    expect(refusal?.reason).toBe("below_diploma");
    expect(refusal?.message.zh).toMatch(/大专及以上学历/);
    expect(refusal?.message.en).toMatch(/diploma/);
    expect(stationingRefusal("中专")?.message.zh).toMatch(/不能安排驻站/);
    expect(stationingRefusal("夜校")).toMatchObject({ reason: "education_unknown", message: { zh: expect.stringMatching(/无法识别学历/) } });
    expect(stationingRefusal(null)?.message.zh).toMatch(/请先填写学历/);
  });
  it("stationed from the stationing day up to the day they leave", () => {
    expect(isStationedOn("2026-03-15", null, "2026-03-15")).toBe(true);
    expect(isStationedOn("2026-03-15", null, "2026-03-14")).toBe(false);
    expect(isStationedOn("2026-03-15", "2026-10-01", "2026-10-01")).toBe(false);
    expect(isStationedOn(null, null, TODAY)).toBe(false);
    expect(ZStationingSchema.safeParse({ stationedOn: "2026-03-15", leftOn: "2026-03-01" }).success).toBe(false);
    expect(ZStationingSchema.safeParse({ stationedOn: null, leftOn: "2026-03-01" }).success).toBe(false);
  });
});

describe("staff compliance flags (R7)", () => {
  it("a qualified social-work graduate has no flags", () => {
    expect(staffCompliance(qualified, TODAY)).toMatchObject({ flags: [], qualified: true, socialWorkMajor: true, educationLevel: "bachelor" });
  });
  it("no qualification needs an assigned qualified supervisor", () => {
    const worker = { ...qualified, qualificationLevel: "none" as const, certificateNo: null };
    expect(staffCompliance(worker, TODAY).flags).toEqual(["needs_supervisor", "no_supervisor"]);
    expect(staffCompliance({ ...worker, supervisorAssigned: true, supervisor: qualified }, TODAY).flags).toEqual(["needs_supervisor"]);
  });
  it("another major needs a supervisor too, and an unqualified supervisor does not count", () => {
    const worker = { ...qualified, major: "汉语言文学", supervisorAssigned: true, supervisor: { ...qualified, qualificationLevel: "none" as const } };
    expect(staffCompliance(worker, TODAY).flags).toEqual(["needs_supervisor", "no_supervisor"]);
  });
  it("flags a certificate expiring within the window, and one already expired", () => {
    expect(staffCompliance({ ...qualified, certificateExpiresOn: "2027-01-10" }, TODAY).flags).toEqual(["certificate_expiring"]);
    expect(staffCompliance({ ...qualified, certificateExpiresOn: "2027-01-10" }, TODAY, 30).flags).toEqual([]);
    expect(staffCompliance({ ...qualified, certificateExpiresOn: "2027-01-10" }, TODAY).certificateDaysLeft).toBe(44);
    const expired = staffCompliance({ ...qualified, certificateExpiresOn: "2026-11-26" }, TODAY);
    expect(expired.flags).toEqual(["certificate_expired", "needs_supervisor", "no_supervisor"]);
    expect(expired.qualified).toBe(false);
    // The expiry day itself still counts (cases/supervision agrees).
    expect(staffCompliance({ ...qualified, certificateExpiresOn: TODAY }, TODAY).flags).toEqual(["certificate_expiring"]);
  });
  it("flags education below diploma or not recorded, and a level without its certificate number", () => {
    expect(staffCompliance({ ...qualified, education: "高中" }, TODAY).flags).toEqual(["below_diploma"]);
    expect(staffCompliance({ ...qualified, education: null }, TODAY).flags).toEqual(["education_unknown"]);
    expect(staffCompliance({ ...qualified, certificateNo: null }, TODAY).flags).toEqual(["certificate_missing"]);
  });
  it("staffing below the agreement is a shortfall", () => {
    expect(staffingCheck(3, 2)).toEqual({ required: 3, stationed: 2, shortfall: 1 });
    expect(staffingCheck(3, 4).shortfall).toBe(0);
    expect(staffingCheck(null, 2).shortfall).toBeNull();
  });
});

describe("attendance (R18)", () => {
  it("check-out after check-in; leave carries no times", () => {
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "present", checkIn: "09:58", checkOut: "19:31" }).success).toBe(true);
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "present", checkIn: "10:00", checkOut: "09:00" }).success).toBe(false);
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "present", checkOut: "09:00" }).success).toBe(false);
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "leave", checkIn: "10:00" }).success).toBe(false);
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "leave" }).success).toBe(true);
    expect(ZAttendanceSchema.safeParse({ userId: U1, date: TODAY, kind: "present", checkIn: "24:00" }).success).toBe(false);
  });
  it("the month per worker: days by kind, time on duty, missing check-outs and unrecorded weekdays", () => {
    // 2026-11-02 is a Monday; the five days to Friday are weekdays, 07 and 08 the weekend.
    const days = ["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"];
    const rows = attendanceMonth(
      [
        { userId: U1, date: "2026-11-02", kind: "present", checkIn: "10:00", checkOut: "19:30" },
        { userId: U1, date: "2026-11-03", kind: "field", checkIn: "10:00", checkOut: null },
        { userId: U1, date: "2026-11-04", kind: "leave", checkIn: null, checkOut: null },
        { userId: U1, date: "2026-11-07", kind: "training", checkIn: "10:00", checkOut: "12:00" },
        { userId: U1, date: "2026-10-30", kind: "present", checkIn: "10:00", checkOut: "19:30" },
      ],
      [U1, U2],
      days,
    );
    expect(rows[0]).toMatchObject({ userId: U1, workingDays: 3, minutesOnDuty: 570 + 120, missingCheckOut: 1, unrecordedWeekdays: 2 });
    expect(rows[0]?.counts).toMatchObject({ present: 1, field: 1, leave: 1, training: 1, absent: 0 });
    expect(rows[1]).toMatchObject({ userId: U2, workingDays: 0, minutesOnDuty: 0, unrecordedWeekdays: 5 });
  });
});

describe("training (R16, R7)", () => {
  const base = { kind: "in_service" as const, title: "个案管理实务", provider: "昌吉市民政局", startedOn: "2026-11-10", hours: 8, trainees: [{ kind: "station_staff" as const, userId: U1 }] };
  it("accepts station staff by account and others by name", () => {
    expect(ZTrainingSchema.safeParse(base).success).toBe(true);
    expect(ZTrainingSchema.safeParse({ ...base, trainees: [{ kind: "station_staff" }] }).success).toBe(false);
    expect(ZTrainingSchema.safeParse({ ...base, trainees: [{ kind: "village_cadre" }] }).success).toBe(false);
    expect(ZTrainingSchema.safeParse({ ...base, trainees: [{ kind: "station_staff", userId: U1 }, { kind: "station_staff", userId: U1 }] }).success).toBe(false);
  });
  it("a township officers' training names at least one township officer (R16)", () => {
    expect(ZTrainingSchema.safeParse({ ...base, kind: "township_officers" }).success).toBe(false);
    expect(ZTrainingSchema.safeParse({ ...base, kind: "township_officers", trainees: [{ kind: "township_officer", name: "马建军", organization: "六工镇民政办" }] }).success).toBe(true);
  });
  it("refuses an end before the start", () => {
    expect(ZTrainingSchema.safeParse({ ...base, endedOn: "2026-11-09" }).success).toBe(false);
  });
});
