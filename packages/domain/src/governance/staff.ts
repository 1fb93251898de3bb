import { z } from "zod";
import { bilingual, ERROR_MESSAGES, type BilingualMessage } from "../errors.ts";
import { holdsValidQualification, isSocialWorkMajor, needsSupervisorSignOff, type StaffQualification } from "../cases/supervision.ts";
import { vocabKeyOf, type VocabLabels } from "../registry/vocab.ts";
import { isoDateToDays, ZIsoDateSchema } from "../time.ts";
import { optionalLine, requiredLine } from "./text.ts";

/**
 * Staff compliance (issue 5 item 4, R7, R16, R18): who may be stationed, who works under a
 * supervisor, whether the station has the staffing its agreement buys, certificates running out,
 * attendance at the station and training. The qualification fields themselves are the staff
 * record's (cases/supervision.ts reads the same ones for sign-off).
 */

/** Highest completed education, lowest first: the order is what the R7 rule compares. */
export const EDUCATION_LEVELS = ["junior_high_or_below", "senior_high", "diploma", "bachelor", "master", "doctorate"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EDUCATION_LEVEL_LABELS: VocabLabels<EducationLevel> = {
  junior_high_or_below: { zh: "初中及以下", en: "Junior high or below", variants: ["初中", "小学", "初中以下"] },
  senior_high: { zh: "高中/中专", en: "Senior high / secondary vocational", variants: ["高中", "中专", "职高", "技校", "中职", "中等专科"] },
  diploma: { zh: "大专", en: "Diploma (junior college)", variants: ["专科", "大学专科", "高职", "高职高专", "大专及以上"] },
  bachelor: { zh: "本科", en: "Bachelor's degree", variants: ["大学本科", "学士", "大学"] },
  master: { zh: "硕士研究生", en: "Master's degree", variants: ["硕士", "研究生", "硕士研究生学历"] },
  doctorate: { zh: "博士研究生", en: "Doctorate", variants: ["博士"] },
};

/** The level a diploma's wording names (本科, 大学专科 …); null when it names none we know. */
export function educationLevelOf(text: string | null | undefined): EducationLevel | null {
  return vocabKeyOf(EDUCATION_LEVEL_LABELS, text);
}

/** R7: resident workers hold a diploma (大专) or above, any major. */
export function meetsStationingEducation(level: EducationLevel | null): boolean {
  return level !== null && EDUCATION_LEVELS.indexOf(level) >= EDUCATION_LEVELS.indexOf("diploma");
}

export interface StationingRefusal {
  reason: "below_diploma" | "education_unknown";
  message: BilingualMessage;
}

/** Null when someone with this education may be stationed; else why not, in both languages. */
export function stationingRefusal(education: string | null | undefined): StationingRefusal | null {
  const level = educationLevelOf(education);
  if (level === null) {
    const message = education
      ? { zh: `无法识别学历“${education}”，请从列表中选择`, en: `The education "${education}" is not recognised; choose it from the list` }
      : { zh: "请先填写学历（须大专及以上）再安排驻站", en: "Record the worker's education (diploma or above) before stationing them" };
    return { reason: "education_unknown", message };
  }
  return meetsStationingEducation(level) ? null : { reason: "below_diploma", message: ERROR_MESSAGES.STAFF_BELOW_DIPLOMA };
}

/** Certificates are flagged this many days before they expire unless the caller says otherwise. */
export const CERTIFICATE_WARNING_DAYS = 60;

export const STAFF_FLAGS = [
  "below_diploma",
  "education_unknown",
  "needs_supervisor",
  "no_supervisor",
  "certificate_expired",
  "certificate_expiring",
  "certificate_missing",
] as const;
export type StaffFlag = (typeof STAFF_FLAGS)[number];
export const STAFF_FLAG_LABELS: VocabLabels<StaffFlag> = {
  below_diploma: { zh: "学历低于大专，不得驻站", en: "Below diploma: may not be stationed" },
  education_unknown: { zh: "学历未登记", en: "Education not recorded" },
  needs_supervisor: { zh: "无证或非社工专业，须在督导指导下工作", en: "Unqualified or another major: works under a supervisor" },
  no_supervisor: { zh: "未指定持证督导", en: "No qualified supervisor assigned" },
  certificate_expired: { zh: "证书已过期", en: "Certificate expired" },
  certificate_expiring: { zh: "证书即将到期", en: "Certificate expiring soon" },
  certificate_missing: { zh: "持证但未登记证书编号", en: "Qualified but no certificate number recorded" },
};
/** Flags that make the station non-compliant now, rather than warn ahead. */
export const BLOCKING_STAFF_FLAGS: ReadonlySet<StaffFlag> = new Set(["below_diploma", "no_supervisor", "certificate_expired"]);

export interface StaffComplianceInput extends StaffQualification {
  education: string | null;
  certificateNo: string | null;
  /** The assigned supervisor's own record; null when none is assigned or they have no record. */
  supervisor: StaffQualification | null;
  supervisorAssigned: boolean;
}

export interface StaffCompliance {
  flags: StaffFlag[];
  educationLevel: EducationLevel | null;
  qualified: boolean;
  socialWorkMajor: boolean;
  /** Days until the certificate expires (negative once past); null without an expiry date. */
  certificateDaysLeft: number | null;
}

/** R7 read off one resident worker's record as of `today`, flagging certificates `warningDays` ahead. */
export function staffCompliance(staff: StaffComplianceInput, today: string, warningDays = CERTIFICATE_WARNING_DAYS): StaffCompliance {
  const flags: StaffFlag[] = [];
  const educationLevel = educationLevelOf(staff.education);
  if (educationLevel === null) flags.push("education_unknown");
  else if (!meetsStationingEducation(educationLevel)) flags.push("below_diploma");
  const hasLevel = staff.qualificationLevel !== null && staff.qualificationLevel !== "none";
  const certificateDaysLeft = staff.certificateExpiresOn ? daysBetween(today, staff.certificateExpiresOn) : null;
  if (hasLevel && certificateDaysLeft !== null && certificateDaysLeft < 0) flags.push("certificate_expired");
  else if (hasLevel && certificateDaysLeft !== null && certificateDaysLeft <= warningDays) flags.push("certificate_expiring");
  if (hasLevel && !staff.certificateNo) flags.push("certificate_missing");
  if (needsSupervisorSignOff(staff, today)) {
    flags.push("needs_supervisor");
    // A supervisor who could not act alone supervises nobody (the case sign-off rule agrees).
    if (!staff.supervisorAssigned || needsSupervisorSignOff(staff.supervisor, today)) flags.push("no_supervisor");
  }
  return { flags, educationLevel, qualified: holdsValidQualification(staff, today), socialWorkMajor: isSocialWorkMajor(staff.major), certificateDaysLeft };
}

function daysBetween(from: string, to: string): number {
  return (isoDateToDays(to) ?? 0) - (isoDateToDays(from) ?? 0);
}

/** Whether someone is stationed on `day`: from the stationing date up to, not including, the day they left. */
export function isStationedOn(stationedOn: string | null, leftOn: string | null, day: string): boolean {
  return stationedOn !== null && stationedOn <= day && (leftOn === null || leftOn > day);
}

export interface StaffingCheck {
  required: number | null;
  stationed: number;
  /** How many more the agreement buys; 0 when met, null without an agreement in force. */
  shortfall: number | null;
}

/** R7/R15: resident workers per the agreement in force; below it is flagged for the bureau. */
export function staffingCheck(required: number | null, stationed: number): StaffingCheck {
  return { required, stationed, shortfall: required === null ? null : Math.max(0, required - stationed) };
}

// ---------------------------------------------------------------------------------------------
// Stationing
export const ZStationingSchema = z
  .object({
    stationedOn: ZIsoDateSchema.nullable(),
    leftOn: ZIsoDateSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.leftOn && !v.stationedOn) ctx.addIssue({ code: "custom", path: ["stationedOn"], message: bilingual({ zh: "请填写驻站日期", en: "Give the day the worker was stationed" }) });
    if (v.leftOn && v.stationedOn && v.leftOn < v.stationedOn) ctx.addIssue({ code: "custom", path: ["leftOn"], message: bilingual({ zh: "离站日期不能早于驻站日期", en: "Leaving cannot be before stationing" }) });
  });
export type TStationing = z.output<typeof ZStationingSchema>;

// ---------------------------------------------------------------------------------------------
// Attendance (R18 discipline): one record per worker and day.
export const ATTENDANCE_KINDS = ["present", "field", "training", "leave", "sick", "absent"] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];
export const ATTENDANCE_KIND_LABELS: VocabLabels<AttendanceKind> = {
  present: { zh: "在站", en: "At the station" },
  field: { zh: "外出服务", en: "Out on service (visits)" },
  training: { zh: "参加培训", en: "At training" },
  leave: { zh: "请假", en: "On leave" },
  sick: { zh: "病假", en: "Sick leave" },
  absent: { zh: "缺勤", en: "Absent" },
};
/** Kinds that count as a working day. */
export const WORKING_ATTENDANCE: ReadonlySet<AttendanceKind> = new Set(["present", "field", "training"]);

const ZClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: bilingual({ zh: "时间须为 HH:MM", en: "Times are HH:MM" }) });

export const ZAttendanceSchema = z
  .object({
    userId: z.uuid(),
    date: ZIsoDateSchema,
    kind: z.enum(ATTENDANCE_KINDS),
    checkIn: ZClockTimeSchema.nullable().default(null),
    checkOut: ZClockTimeSchema.nullable().default(null),
    note: optionalLine(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.checkOut && !v.checkIn) ctx.addIssue({ code: "custom", path: ["checkIn"], message: bilingual({ zh: "请先填写签到时间", en: "Give the check-in time first" }) });
    if (v.checkIn && v.checkOut && v.checkOut <= v.checkIn) ctx.addIssue({ code: "custom", path: ["checkOut"], message: bilingual({ zh: "签退时间须晚于签到时间", en: "Check-out must be after check-in" }) });
    if (!WORKING_ATTENDANCE.has(v.kind) && (v.checkIn || v.checkOut)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: bilingual({ zh: "请假、病假或缺勤不填签到签退时间", en: "Leave or absence has no check-in or check-out" }) });
    }
  });
export type TAttendance = z.output<typeof ZAttendanceSchema>;

export interface AttendanceDay {
  userId: string;
  date: string;
  kind: AttendanceKind;
  checkIn: string | null;
  checkOut: string | null;
}

export interface AttendanceMonthRow {
  userId: string;
  counts: Record<AttendanceKind, number>;
  workingDays: number;
  /** Minutes between check-in and check-out over the month's days that have both. */
  minutesOnDuty: number;
  /** Working days with a check-in but no check-out. */
  missingCheckOut: number;
  /** Weekdays of the month (to date) with no record at all. */
  unrecordedWeekdays: number;
}

function clockMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The monthly per-worker view (R18): days by kind, time on duty, and weekdays nobody recorded.
 * `days` are the month's calendar days up to today (so a month in progress is not all gaps).
 */
export function attendanceMonth(records: readonly AttendanceDay[], userIds: readonly string[], days: readonly string[]): AttendanceMonthRow[] {
  const weekdays = days.filter((d) => {
    const n = isoDateToDays(d);
    // Day 0 (1970-01-01) was a Thursday: (n + 4) % 7 gives 0 = Sunday … 6 = Saturday.
    const dow = n === null ? 0 : (((n + 4) % 7) + 7) % 7;
    return dow !== 0 && dow !== 6;
  });
  return userIds.map((userId) => {
    const own = records.filter((r) => r.userId === userId && days.includes(r.date));
    const counts = Object.fromEntries(ATTENDANCE_KINDS.map((k) => [k, 0])) as Record<AttendanceKind, number>;
    let minutesOnDuty = 0;
    let missingCheckOut = 0;
    for (const r of own) {
      counts[r.kind] += 1;
      if (r.checkIn && r.checkOut) minutesOnDuty += clockMinutes(r.checkOut) - clockMinutes(r.checkIn);
      else if (r.checkIn && WORKING_ATTENDANCE.has(r.kind)) missingCheckOut += 1;
    }
    const recorded = new Set(own.map((r) => r.date));
    return {
      userId,
      counts,
      workingDays: own.filter((r) => WORKING_ATTENDANCE.has(r.kind)).length,
      minutesOnDuty,
      missingCheckOut,
      unrecordedWeekdays: weekdays.filter((d) => !recorded.has(d)).length,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Training (R16: township civil-affairs officers are trained too; R7: workers keep learning).
export const TRAINING_KINDS = ["pre_service", "in_service", "continuing_education", "township_officers"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: VocabLabels<TrainingKind> = {
  pre_service: { zh: "岗前培训", en: "Pre-service training" },
  in_service: { zh: "在岗培训", en: "In-service training" },
  continuing_education: { zh: "社会工作者继续教育", en: "Social-worker continuing education" },
  township_officers: { zh: "乡镇民政干事培训", en: "Township civil-affairs officers' training" },
};

export const TRAINEE_KINDS = ["station_staff", "township_officer", "village_cadre", "volunteer", "other"] as const;
export type TraineeKind = (typeof TRAINEE_KINDS)[number];
export const TRAINEE_KIND_LABELS: VocabLabels<TraineeKind> = {
  station_staff: { zh: "驻站社工", en: "Station staff" },
  township_officer: { zh: "乡镇民政干事", en: "Township civil-affairs officer" },
  village_cadre: { zh: "村（社区）干部/儿童主任", en: "Village cadre / child director" },
  volunteer: { zh: "志愿者", en: "Volunteer" },
  other: { zh: "其他", en: "Other" },
};

export const ZTraineeSchema = z
  .object({
    kind: z.enum(TRAINEE_KINDS),
    // Station staff are named by their account; anyone else by name (and where they work).
    userId: z.uuid().nullable().default(null),
    name: optionalLine(50).optional(),
    organization: optionalLine(100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "station_staff" && !v.userId) ctx.addIssue({ code: "custom", path: ["userId"], message: bilingual({ zh: "请选择本站人员", en: "Choose a member of the station" }) });
    if (v.kind !== "station_staff" && !v.name) ctx.addIssue({ code: "custom", path: ["name"], message: bilingual({ zh: "请填写参训人姓名", en: "Give the trainee's name" }) });
  });
export type TTrainee = z.output<typeof ZTraineeSchema>;

export const ZTrainingSchema = z
  .object({
    kind: z.enum(TRAINING_KINDS),
    title: requiredLine(100, { zh: "培训主题", en: "Title" }),
    provider: requiredLine(100, { zh: "培训机构/主讲", en: "Provider" }),
    startedOn: ZIsoDateSchema,
    endedOn: ZIsoDateSchema.optional(),
    // Continuing education is counted in hours (学时); one decimal place is not needed.
    hours: z.number().int().min(1).max(500),
    trainees: z.array(ZTraineeSchema).min(1, { error: bilingual({ zh: "请至少填写一名参训人", en: "Give at least one trainee" }) }).max(200),
    note: optionalLine(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.endedOn && v.endedOn < v.startedOn) ctx.addIssue({ code: "custom", path: ["endedOn"], message: bilingual({ zh: "结束日期不能早于开始日期", en: "The end cannot be before the start" }) });
    if (v.kind === "township_officers" && !v.trainees.some((t) => t.kind === "township_officer")) {
      ctx.addIssue({ code: "custom", path: ["trainees"], message: bilingual({ zh: "乡镇民政干事培训须至少有一名民政干事参训", en: "A township officers' training needs at least one township officer among the trainees" }) });
    }
    const users = v.trainees.flatMap((t) => (t.userId ? [t.userId] : []));
    if (new Set(users).size !== users.length) ctx.addIssue({ code: "custom", path: ["trainees"], message: bilingual({ zh: "同一人员重复填写", en: "A member appears twice" }) });
  });
export type TTraining = z.output<typeof ZTrainingSchema>;
export type TTrainingInput = z.input<typeof ZTrainingSchema>;
