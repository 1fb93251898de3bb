import type { Tx } from "@shegong/db";
import { dayTotals, type TWorkLogInput, type WorkRecord } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";
import { workRecords } from "./work-records.ts";

interface Entry {
  what: string;
  minutes: number;
}

async function logRow(tx: Tx, stationId: string, userId: string, date: string) {
  return tx
    .selectFrom("work_log")
    .select(["id", "entries", "summary", "status", "drafted_snapshot", "version", "submitted_at", "updated_at"])
    .where("station_id", "=", stationId)
    .where("user_id", "=", userId)
    .where("log_date", "=", date)
    .executeTakeFirst();
}

/**
 * A worker's log for a day: the records that name them that day (live while the log is a draft,
 * frozen once submitted), what they added by hand, and the day's time.
 */
export async function workLogDay(tx: Tx, stationId: string, userId: string, date: string) {
  const row = await logRow(tx, stationId, userId, date);
  const submitted = row?.status === "submitted";
  const drafted = submitted ? (row!.drafted_snapshot as WorkRecord[]) : await workRecords(tx, stationId, { from: date, to: date }, userId);
  const entries = (row?.entries as Entry[] | undefined) ?? [];
  return {
    date,
    status: (row?.status ?? "draft") as "draft" | "submitted",
    version: row?.version ?? 0,
    submittedAt: row?.submitted_at ?? null,
    drafted,
    entries,
    summary: row?.summary ?? "",
    totals: dayTotals(drafted, entries),
  };
}

/** Saves what was added by hand; `version` is what the page read (0: no log yet), so two tabs cannot overwrite each other. */
export async function saveWorkLog(tx: Tx, actor: ServiceActor, date: string, version: number, input: TWorkLogInput) {
  const row = await logRow(tx, actor.stationId, actor.userId, date);
  if (row?.status === "submitted") throw appError("WORK_LOG_SUBMITTED");
  if ((row?.version ?? 0) !== version) throw appError("WORK_LOG_VERSION_CONFLICT", { current: row?.version ?? 0 });
  if (row) {
    await tx
      .updateTable("work_log")
      .set({ entries: JSON.stringify(input.entries), summary: input.summary, version: row.version + 1, updated_at: new Date() })
      .where("station_id", "=", actor.stationId)
      .where("id", "=", row.id)
      .execute();
  } else {
    await tx
      .insertInto("work_log")
      .values({ station_id: actor.stationId, user_id: actor.userId, log_date: date, entries: JSON.stringify(input.entries), summary: input.summary })
      .execute();
  }
  await auditAs(tx, actor, "worklog.save", date, { entries: input.entries.length });
  return workLogDay(tx, actor.stationId, actor.userId, date);
}

/** Submits the day: its records are frozen into the log as they stand now. */
export async function submitWorkLog(tx: Tx, actor: ServiceActor, date: string, version: number) {
  const row = await logRow(tx, actor.stationId, actor.userId, date);
  if (row?.status === "submitted") throw appError("WORK_LOG_SUBMITTED");
  if ((row?.version ?? 0) !== version) throw appError("WORK_LOG_VERSION_CONFLICT", { current: row?.version ?? 0 });
  const drafted = await workRecords(tx, actor.stationId, { from: date, to: date }, actor.userId);
  const now = new Date();
  if (row) {
    await tx
      .updateTable("work_log")
      .set({ status: "submitted", drafted_snapshot: JSON.stringify(drafted), submitted_at: now, version: row.version + 1, updated_at: now })
      .where("station_id", "=", actor.stationId)
      .where("id", "=", row.id)
      .execute();
  } else {
    await tx
      .insertInto("work_log")
      .values({ station_id: actor.stationId, user_id: actor.userId, log_date: date, status: "submitted", drafted_snapshot: JSON.stringify(drafted), submitted_at: now })
      .execute();
  }
  await auditAs(tx, actor, "worklog.submit", date, { records: drafted.length });
  return workLogDay(tx, actor.stationId, actor.userId, date);
}

/** A worker's month at a glance: each day with records or a log, its time and whether it was submitted. */
export async function workLogMonth(tx: Tx, stationId: string, userId: string, range: { from: string; to: string }) {
  const records = await workRecords(tx, stationId, range, userId);
  const logs = await tx
    .selectFrom("work_log")
    .select(["log_date", "entries", "status", "drafted_snapshot"])
    .where("station_id", "=", stationId)
    .where("user_id", "=", userId)
    .where("log_date", ">=", range.from)
    .where("log_date", "<=", range.to)
    .execute();
  const days = new Set([...records.map((r) => r.on), ...logs.map((l) => l.log_date)]);
  return [...days].sort().map((date) => {
    const log = logs.find((l) => l.log_date === date);
    const drafted = log?.status === "submitted" ? (log.drafted_snapshot as WorkRecord[]) : records.filter((r) => r.on === date);
    return { date, status: (log?.status ?? "draft") as "draft" | "submitted", records: drafted.length, ...dayTotals(drafted, (log?.entries as Entry[] | undefined) ?? []) };
  });
}
