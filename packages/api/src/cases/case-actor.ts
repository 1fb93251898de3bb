import { recordAudit, type Tx } from "@shegong/db";
import { actionAllowed, checkCaseDate, type CaseAction, type CaseStatus, type QualificationLevel, type StaffQualification } from "@shegong/domain";
import { appError } from "../errors.ts";

/** Who acts on a case, and the day it is in Asia/Shanghai. */
export interface CaseActor {
  stationId: string;
  userId: string;
  username: string;
  ip: string;
  today: string;
}

export async function loadCase(tx: Tx, stationId: string, caseId: string) {
  // Row-locked: two workers acting on one case at once take turns, so status checks hold.
  const row = await tx.selectFrom("social_case").selectAll().where("station_id", "=", stationId).where("id", "=", caseId).forUpdate().executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  return { ...row, status: row.status as CaseStatus };
}
export type CaseRow = Awaited<ReturnType<typeof loadCase>>;

export function requireAction(action: CaseAction, status: CaseStatus): void {
  if (!actionAllowed(action, status)) throw appError("CASE_STATUS", { action, status });
}

export function requirePastDate(date: string, today: string, field: string): void {
  const error = checkCaseDate(date, today);
  if (error) throw appError("CASE_DATE", { fieldErrors: { [field]: [`${error.zh} / ${error.en}`] } });
}

/**
 * One entry in the case's own history and one in the audit chain; when `to` is given the case
 * moves there. Every step goes through here, so the timeline never misses a change.
 */
export async function caseStep(
  tx: Tx,
  actor: CaseActor,
  kase: Pick<CaseRow, "id" | "status">,
  step: { kind: string; to?: CaseStatus; refId?: string | null; detail?: Record<string, unknown>; set?: Record<string, unknown> },
): Promise<void> {
  const moves = step.to !== undefined && step.to !== kase.status;
  if (moves || step.set) {
    await tx
      .updateTable("social_case")
      .set({ ...(step.set ?? {}), ...(moves ? { status: step.to } : {}), updated_at: new Date() })
      .where("station_id", "=", actor.stationId)
      .where("id", "=", kase.id)
      .execute();
  }
  await tx
    .insertInto("case_event")
    .values({
      station_id: actor.stationId,
      case_id: kase.id,
      kind: step.kind,
      from_status: moves ? kase.status : null,
      to_status: moves ? (step.to ?? null) : null,
      ref_id: step.refId ?? null,
      detail: JSON.stringify(step.detail ?? {}),
      actor_user_id: actor.userId,
    })
    .execute();
  await recordAudit(tx, {
    stationId: actor.stationId,
    actorUserId: actor.userId,
    actorName: actor.username,
    ip: actor.ip,
    action: `case.${step.kind}`,
    target: kase.id,
    outcome: "success",
    detail: { refId: step.refId ?? null, ...(moves ? { from: kase.status, to: step.to } : {}) },
  });
}

export interface StaffRecord extends StaffQualification {
  supervisorUserId: string | null;
}

/** A user's staff record at the station (R7 qualification and assigned supervisor), if any. */
export async function staffRecordOf(tx: Tx, stationId: string, userId: string): Promise<StaffRecord | null> {
  const row = await tx
    .selectFrom("staff_member")
    .select(["qualification_level", "major", "certificate_expires_on", "supervisor_user_id"])
    .where("station_id", "=", stationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    qualificationLevel: row.qualification_level as QualificationLevel | null,
    major: row.major,
    certificateExpiresOn: row.certificate_expires_on,
    supervisorUserId: row.supervisor_user_id,
  };
}
