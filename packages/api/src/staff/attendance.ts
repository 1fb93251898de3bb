import type { Tx } from "@shegong/db";
import { attendanceMonth, daysInMonth, isStationedOn, monthStart, type AttendanceKind, type TAttendance } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";

/**
 * Attendance at the station (R18 discipline): one record per worker and day, checked in and out
 * or marked as out on service, training, leave or absent. A worker records their own day; the
 * station lead (staff.manage) records or corrects anyone's. A correction replaces the day, and
 * the audit entry keeps what it said before.
 */
export async function recordAttendance(tx: Tx, actor: ServiceActor, attendance: TAttendance, mayRecordOthers: boolean) {
  if (attendance.userId !== actor.userId && !mayRecordOthers) throw appError("FORBIDDEN");
  if (attendance.date > actor.today) throw appError("VALIDATION", { fieldErrors: { date: ["日期不能晚于今天 / The date cannot be after today"] } });
  const staff = await tx
    .selectFrom("staff_member")
    .select(["stationed_on", "left_on"])
    .where("station_id", "=", actor.stationId)
    .where("user_id", "=", attendance.userId)
    .executeTakeFirst();
  if (!staff) {
    const member = await tx.selectFrom("role_grant").select("id").where("station_id", "=", actor.stationId).where("user_id", "=", attendance.userId).executeTakeFirst();
    if (!member) throw appError("NOT_FOUND");
    throw appError("STAFF_NOT_STATIONED");
  }
  if (!isStationedOn(staff.stationed_on, staff.left_on, attendance.date)) throw appError("STAFF_NOT_STATIONED");
  const previous = await tx
    .selectFrom("staff_attendance")
    .select(["kind", "check_in", "check_out", "note"])
    .where("station_id", "=", actor.stationId)
    .where("user_id", "=", attendance.userId)
    .where("day", "=", attendance.date)
    .forUpdate()
    .executeTakeFirst();
  const values = { kind: attendance.kind, check_in: attendance.checkIn, check_out: attendance.checkOut, note: attendance.note ?? "", recorded_by: actor.userId, recorded_at: new Date() };
  await tx
    .insertInto("staff_attendance")
    .values({ station_id: actor.stationId, user_id: attendance.userId, day: attendance.date, ...values })
    .onConflict((oc) => oc.columns(["station_id", "user_id", "day"]).doUpdateSet(values))
    .execute();
  await auditAs(tx, actor, previous ? "staff.attendance.corrected" : "staff.attendance.recorded", attendance.userId, { date: attendance.date, previous: previous ?? null, next: { kind: attendance.kind, checkIn: attendance.checkIn, checkOut: attendance.checkOut } });
  return { ok: true as const };
}

/** The month per worker stationed in it: the day-by-day records and the summary (R18). */
export async function attendanceMonthView(tx: Tx, stationId: string, month: string, today: string) {
  const first = monthStart(month);
  const lastDay = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const last = `${month}-${String(lastDay).padStart(2, "0")}`;
  const days = Array.from({ length: lastDay }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`).filter((d) => d <= today);
  const [staff, records] = await Promise.all([
    tx
      .selectFrom("staff_member as s")
      .leftJoin("app_user as u", "u.id", "s.user_id")
      .select(["s.user_id", "s.display_name", "u.display_name as user_name", "s.stationed_on", "s.left_on"])
      .where("s.station_id", "=", stationId)
      .where("s.user_id", "is not", null)
      .where("s.stationed_on", "<=", last)
      .where((eb) => eb.or([eb("s.left_on", "is", null), eb("s.left_on", ">", first)]))
      .orderBy("s.display_name")
      .execute(),
    tx
      .selectFrom("staff_attendance")
      .select(["user_id", "day", "kind", "check_in", "check_out", "note"])
      .where("station_id", "=", stationId)
      .where("day", ">=", first)
      .where("day", "<=", last)
      .orderBy("day")
      .execute(),
  ]);
  const dayRecords = records.map((r) => ({ userId: r.user_id, date: r.day, kind: r.kind as AttendanceKind, checkIn: r.check_in, checkOut: r.check_out, note: r.note }));
  return {
    month,
    days,
    workers: staff.map((s) => {
      // A worker stationed mid-month owes no record for the days before, nor after leaving.
      const owedDays = days.filter((d) => isStationedOn(s.stationed_on, s.left_on, d));
      const [summary] = attendanceMonth(dayRecords, [s.user_id as string], owedDays);
      return { ...summary!, displayName: s.user_name ?? s.display_name, stationedOn: s.stationed_on, leftOn: s.left_on };
    }),
    records: dayRecords,
  };
}
