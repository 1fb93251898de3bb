import type { Tx } from "@shegong/db";
import type { TraineeKind, TrainingKind, TTraining } from "@shegong/domain";
import { assertStationMembers, auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Training records (R7: workers keep learning; R16: the township's civil-affairs officers are
 * trained too). Station staff are named by account, so their hours add up per person; others by
 * name and where they work. A record and its trainees are written together or not at all.
 */
export async function createTraining(tx: Tx, actor: ServiceActor, training: TTraining) {
  const staffIds = training.trainees.flatMap((t) => (t.userId ? [t.userId] : []));
  await assertStationMembers(tx, actor.stationId, staffIds, "trainees");
  const row = await tx
    .insertInto("training_record")
    .values({
      station_id: actor.stationId,
      kind: training.kind,
      title: training.title,
      provider: training.provider,
      started_on: training.startedOn,
      ended_on: training.endedOn ?? null,
      hours: training.hours,
      note: training.note ?? "",
      created_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("training_trainee")
    .values(
      training.trainees.map((t, seq) => ({
        station_id: actor.stationId,
        training_id: row.id,
        seq,
        kind: t.kind,
        user_id: t.kind === "station_staff" ? t.userId : null,
        name: t.kind === "station_staff" ? null : (t.name ?? null),
        organization: t.organization || null,
      })),
    )
    .execute();
  await auditAs(tx, actor, "staff.training.recorded", row.id, { kind: training.kind, hours: training.hours, trainees: training.trainees.length });
  return { trainingId: row.id };
}

/** A year's trainings, newest first, with trainees and each member's hours for the year. */
export async function listTrainings(tx: Tx, stationId: string, year: number) {
  const [records, trainees] = await Promise.all([
    tx
      .selectFrom("training_record")
      .selectAll()
      .where("station_id", "=", stationId)
      .where("started_on", ">=", `${year}-01-01`)
      .where("started_on", "<=", `${year}-12-31`)
      .orderBy("started_on", "desc")
      .execute(),
    tx
      .selectFrom("training_trainee as t")
      .innerJoin("training_record as r", (j) => j.onRef("r.station_id", "=", "t.station_id").onRef("r.id", "=", "t.training_id"))
      .leftJoin("app_user as u", "u.id", "t.user_id")
      .select(["t.training_id", "t.seq", "t.kind", "t.user_id", "t.name", "t.organization", "u.display_name", "r.hours"])
      .where("t.station_id", "=", stationId)
      .where("r.started_on", ">=", `${year}-01-01`)
      .where("r.started_on", "<=", `${year}-12-31`)
      .orderBy("t.seq")
      .execute(),
  ]);
  const hoursByMember = new Map<string, { userId: string; displayName: string; hours: number; trainings: number }>();
  for (const t of trainees) {
    if (!t.user_id) continue;
    const entry = hoursByMember.get(t.user_id) ?? { userId: t.user_id, displayName: t.display_name ?? "", hours: 0, trainings: 0 };
    entry.hours += t.hours;
    entry.trainings += 1;
    hoursByMember.set(t.user_id, entry);
  }
  return {
    year,
    trainings: records.map((r) => ({
      id: r.id,
      kind: r.kind as TrainingKind,
      title: r.title,
      provider: r.provider,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      hours: r.hours,
      note: r.note,
      trainees: trainees
        .filter((t) => t.training_id === r.id)
        .map((t) => ({ kind: t.kind as TraineeKind, userId: t.user_id, name: t.user_id ? t.display_name : t.name, organization: t.organization })),
    })),
    memberHours: [...hoursByMember.values()].sort((a, b) => b.hours - a.hours),
  };
}
