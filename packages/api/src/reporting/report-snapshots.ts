import { withPlatform, type Database, type Tx } from "@shegong/db";
import { monthStart, monthsEndingWith } from "@shegong/domain";
import { sql, type Kysely } from "kysely";
import { appError } from "../errors.ts";
import { divisionReport } from "./read-rollups.ts";

/**
 * Monthly report snapshots (issue 7 item 4; migration 2026-11-28-22): a month, once ended and
 * settled, frozen with a fingerprint. The database function does the freezing, once per month,
 * so two servers (or the CLI beside a server) cannot make two different snapshots of one month.
 */
export async function freezeSnapshot(db: Kysely<Database>, month: string, frozenBy: string): Promise<{ month: string; fingerprint: string }> {
  const row = await withPlatform(db, (tx) => sql<{ fingerprint: string }>`select freeze_report_snapshot(${monthStart(month)}::date, ${frozenBy}) as fingerprint`.execute(tx));
  return { month, fingerprint: row.rows[0]!.fingerprint };
}

/** The month before `today`'s, the one the server freezes once it has ended. */
export function lastEndedMonth(today: string): string {
  return monthsEndingWith(today.slice(0, 7), 2)[0]!;
}

/**
 * The server's tick: freezes the month that last ended, once its rollups have settled (marks for
 * it still waiting leave it for a later tick).
 */
export async function freezeEndedMonth(db: Kysely<Database>, today: string): Promise<{ month: string; outcome: "frozen" | "already_frozen" | "not_settled" }> {
  const month = lastEndedMonth(today);
  const frozen = await withPlatform(db, (tx) => tx.selectFrom("report_snapshot").select("month").where("month", "=", monthStart(month)).executeTakeFirst());
  if (frozen) return { month, outcome: "already_frozen" };
  try {
    await freezeSnapshot(db, month, "system");
    return { month, outcome: "frozen" };
  } catch (error) {
    if ((error as { code?: string }).code === MONTH_NOT_SETTLED) return { month, outcome: "not_settled" };
    throw error;
  }
}

/** SQLSTATE the freeze raises while the month's rollups still wait for a refresh. */
const MONTH_NOT_SETTLED = "55000";

/** Every frozen month, newest first: when, by whom (a person's username or "system"), its fingerprint. */
export async function listSnapshots(tx: Tx) {
  const rows = await tx.selectFrom("report_snapshot").select(["month", "frozen_at", "frozen_by", "fingerprint", "fact_rows"]).orderBy("month", "desc").execute();
  return rows.map((r) => ({ month: r.month.slice(0, 7), frozenAt: r.frozen_at, frozenBy: r.frozen_by, fingerprint: r.fingerprint, factRows: r.fact_rows }));
}

/**
 * A division's month as frozen, beside the month before as frozen (null when that month was never
 * frozen), so the change between two reports is the change as reported, not as since revised.
 */
export async function snapshotReport(tx: Tx, divisionCode: string, month: string) {
  const [meta] = await tx.selectFrom("report_snapshot").select(["frozen_at", "fingerprint"]).where("month", "=", monthStart(month)).execute();
  if (!meta) throw appError("NOT_FOUND");
  const previousMonth = lastEndedMonth(`${month}-01`);
  const hasPrevious = await tx.selectFrom("report_snapshot").select("month").where("month", "=", monthStart(previousMonth)).executeTakeFirst();
  const [report, previous] = await Promise.all([
    divisionReport(tx, divisionCode, month, "snapshot"),
    hasPrevious ? divisionReport(tx, divisionCode, previousMonth, "snapshot") : Promise.resolve(null),
  ]);
  return { frozenAt: meta.frozen_at, fingerprint: meta.fingerprint, report, previous: previous ? { month: previousMonth, total: previous.total } : null };
}
