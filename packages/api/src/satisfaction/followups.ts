import type { Tx } from "@shegong/db";
import { checkServiceDate, satisfactionSummary, type FollowupSubjectKind, type TSatisfactionInput } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, missingOwnRows, type ServiceActor } from "../shared/service-actor.ts";

/** When the subject ended, so a follow-up cannot come before it; null when the station has no such subject. */
type SubjectLookup = (tx: Tx, stationId: string, subjectId: string) => Promise<{ endedOn: string } | null>;

/** One lookup per kind of subject: an activity ends the day it is held, a case the day it closes. */
const SUBJECT_LOOKUPS: Record<FollowupSubjectKind, SubjectLookup> = {
  activity: async (tx, stationId, subjectId) => {
    const row = await tx.selectFrom("activity").select("held_on").where("station_id", "=", stationId).where("id", "=", subjectId).executeTakeFirst();
    return row ? { endedOn: row.held_on } : null;
  },
  case: async (tx, stationId, subjectId) => {
    const row = await tx.selectFrom("social_case").select(["status", "closed_on"]).where("station_id", "=", stationId).where("id", "=", subjectId).executeTakeFirst();
    if (!row) return null;
    // 回访 follows a closed case; an open one is still being served.
    if (row.status !== "closed" || !row.closed_on) throw appError("CASE_STATUS", { field: "subjectId", status: row.status });
    return { endedOn: row.closed_on };
  },
};

/** 回访 (issue 4 item 7): a short survey, score and comment, after an activity ends or a case closes. */
export async function recordFollowup(tx: Tx, actor: ServiceActor, followup: TSatisfactionInput) {
  const subject = await SUBJECT_LOOKUPS[followup.subjectKind](tx, actor.stationId, followup.subjectId);
  if (!subject) throw appError("NOT_FOUND", { field: "subjectId" });
  const dateError = checkServiceDate("followedUpOn", followup.followedUpOn, actor.today);
  if (dateError) throw appError("VALIDATION", { fieldErrors: { followedUpOn: [`${dateError.zh} / ${dateError.en}`] } });
  if (followup.followedUpOn < subject.endedOn) {
    throw appError("VALIDATION", { fieldErrors: { followedUpOn: [`回访日期不能早于活动或结案日期（${subject.endedOn}） / A follow-up cannot be before the activity or the case's closure (${subject.endedOn})`] } });
  }
  if (followup.respondentPersonId && (await missingOwnRows(tx, "person", actor.stationId, [followup.respondentPersonId])).length > 0) {
    throw appError("NOT_FOUND", { field: "respondentPersonId" });
  }
  const row = await tx
    .insertInto("satisfaction_followup")
    .values({
      station_id: actor.stationId,
      subject_kind: followup.subjectKind,
      subject_id: followup.subjectId,
      followed_up_on: followup.followedUpOn,
      mode: followup.mode,
      duration_minutes: followup.durationMinutes,
      score: followup.score,
      comment: followup.comment ?? null,
      respondent_person_id: followup.respondentPersonId ?? null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "satisfaction.create", row.id, { subjectKind: followup.subjectKind, subjectId: followup.subjectId, score: followup.score });
  return { followupId: row.id };
}

function followupsBase(tx: Tx, stationId: string) {
  return tx
    .selectFrom("satisfaction_followup as f")
    .leftJoin("person as p", (j) => j.onRef("p.station_id", "=", "f.station_id").onRef("p.id", "=", "f.respondent_person_id"))
    .select(["f.id", "f.subject_kind", "f.subject_id", "f.followed_up_on", "f.mode", "f.duration_minutes", "f.score", "f.comment", "f.respondent_person_id", "p.name as respondent_name"])
    .where("f.station_id", "=", stationId);
}

type FollowupRow = Awaited<ReturnType<ReturnType<typeof followupsBase>["execute"]>>[number];

function followupDto(f: FollowupRow) {
  return {
    id: f.id,
    subjectKind: f.subject_kind,
    subjectId: f.subject_id,
    followedUpOn: f.followed_up_on,
    mode: f.mode,
    durationMinutes: f.duration_minutes,
    score: f.score,
    comment: f.comment,
    respondentPersonId: f.respondent_person_id,
    respondentName: f.respondent_name,
  };
}

export async function followupsFor(tx: Tx, stationId: string, subjectKind: FollowupSubjectKind, subjectId: string) {
  const rows = await followupsBase(tx, stationId).where("f.subject_kind", "=", subjectKind).where("f.subject_id", "=", subjectId).orderBy("f.followed_up_on").execute();
  return rows.map(followupDto);
}

/** The station's satisfaction over a year: overall and per kind of subject, as evaluators check it. */
export async function satisfactionForYear(tx: Tx, stationId: string, year: number) {
  const rows = await followupsBase(tx, stationId).where("f.followed_up_on", ">=", `${year}-01-01`).where("f.followed_up_on", "<=", `${year}-12-31`).orderBy("f.followed_up_on", "desc").execute();
  const items = rows.map(followupDto);
  return {
    overall: satisfactionSummary(items.map((f) => f.score)),
    byKind: {
      activity: satisfactionSummary(items.filter((f) => f.subjectKind === "activity").map((f) => f.score)),
      case: satisfactionSummary(items.filter((f) => f.subjectKind === "case").map((f) => f.score)),
    },
    serviceMinutes: items.reduce((n, f) => n + f.durationMinutes, 0),
    items,
  };
}
