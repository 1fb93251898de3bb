import type { QualificationLevel } from "./vocab.ts";

/**
 * R7 supervision: a worker without a social-work qualification, or whose major was not social
 * work, works under a qualified supervisor, who signs off plans and closures. Only the staff
 * record decides, so the rule reads the same in the API, the web app and the tests.
 */
export interface StaffQualification {
  qualificationLevel: QualificationLevel | null;
  major: string | null;
  certificateExpiresOn: string | null;
}

/** 社会工作 and its usual spellings on diplomas (社会工作与管理, 社工, Social Work). */
export function isSocialWorkMajor(major: string | null | undefined): boolean {
  if (!major) return false;
  return /社会工作|社工|social\s*work/i.test(major);
}

/** A certificate counts until the end of its expiry date (dates are Asia/Shanghai YYYY-MM-DD). */
export function holdsValidQualification(staff: StaffQualification, today: string): boolean {
  if (!staff.qualificationLevel || staff.qualificationLevel === "none") return false;
  return staff.certificateExpiresOn === null || staff.certificateExpiresOn >= today;
}

/** True when the worker may not approve a plan or close a case alone. No staff record counts as unqualified. */
export function needsSupervisorSignOff(staff: StaffQualification | null, today: string): boolean {
  if (!staff) return true;
  return !holdsValidQualification(staff, today) || !isSocialWorkMajor(staff.major);
}

export type SignOffRefusal = "not_assigned" | "not_qualified" | "own_request";

/**
 * Whether `supervisorUserId` may decide a sign-off requested by a worker: they must be the
 * supervisor assigned to that worker, and themselves qualified to act alone.
 */
export function signOffRefusal(input: {
  deciderUserId: string;
  requesterUserId: string;
  assignedSupervisorUserId: string | null;
  decider: StaffQualification | null;
  today: string;
}): SignOffRefusal | null {
  if (input.deciderUserId === input.requesterUserId) return "own_request";
  if (input.assignedSupervisorUserId !== input.deciderUserId) return "not_assigned";
  if (needsSupervisorSignOff(input.decider, input.today)) return "not_qualified";
  return null;
}
