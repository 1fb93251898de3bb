import { createHash } from "node:crypto";
import type { PersonalDataCipher } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import {
  buildMakesNewVersion,
  canonicalJson,
  emptyNarrative,
  missingNarrative,
  NARRATIVE_SECTION_LABELS,
  periodStarted,
  submissionActionAllowed,
  submissionDueOn,
  submissionStatusAfter,
  submissionTimeliness,
  daysLate,
  todayInShanghai,
  type SubmissionAction,
  type SubmissionKind,
  type SubmissionStatus,
  type TNarrative,
} from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { auditAs, type ServiceActor } from "../shared/service-actor.ts";
import { annualSummary } from "./annual-report.ts";
import { quarterlySummary, quarterlyWorkbook } from "./quarterly-package.ts";

/**
 * One workflow for the quarterly package and the year-end report (issue 5 items 6–7): build a draft
 * from the data, submit (frozen, fingerprinted), accepted or returned by the bureau, rebuilt as a
 * new version after a return. The freeze is the database's (see the migration's trigger); these
 * checks only say why in words a person can act on.
 */

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * The fingerprint of a submitted version: SHA-256 over what the bureau receives — the workbook's
 * bytes (by their own SHA-256), the summary and the narrative — and which version of which period.
 */
export function submissionFingerprint(v: { kind: string; period: string; version: number; summary: unknown; narrative: unknown; workbookSha256: string | null }): string {
  return sha256(canonicalJson({ kind: v.kind, period: v.period, version: v.version, summary: v.summary, narrative: v.narrative ?? null, workbookSha256: v.workbookSha256 }));
}

const VIEW_COLUMNS = [
  "s.id",
  "s.kind",
  "s.period",
  "s.version",
  "s.status",
  "s.summary",
  "s.narrative",
  "s.workbook_sha256",
  "s.file_name",
  "s.sha256",
  "s.built_at",
  "s.submitted_at",
  "s.submitted_by_name",
  "s.decided_at",
  "s.decided_by_name",
  "s.review_comment",
] as const;

async function latestVersion(tx: Tx, stationId: string, kind: SubmissionKind, period: string) {
  return tx
    .selectFrom("station_submission")
    .select(["id", "version", "status", "narrative"])
    .where("station_id", "=", stationId)
    .where("kind", "=", kind)
    .where("period", "=", period)
    .orderBy("version", "desc")
    .forUpdate()
    .executeTakeFirst();
}

async function loadSubmission(tx: Tx, stationId: string, submissionId: string) {
  const row = await tx
    .selectFrom("station_submission")
    .select(["id", "kind", "period", "version", "status", "summary", "narrative", "workbook_sha256"])
    .where("station_id", "=", stationId)
    .where("id", "=", submissionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  return { ...row, kind: row.kind as SubmissionKind, status: row.status as SubmissionStatus };
}

function requireAction(action: SubmissionAction, status: SubmissionStatus | null) {
  if (!submissionActionAllowed(action, status)) throw appError("SUBMISSION_STATUS", { action, status });
}

/**
 * A draft from the data as it stands: the draft rebuilt in place, or — none yet, or the last one
 * returned — a new version. A year-end report keeps the narrative already written.
 */
export async function buildSubmission(tx: Tx, actor: ServiceActor, cipher: PersonalDataCipher, kind: SubmissionKind, period: string) {
  if (!periodStarted(kind, period, actor.today)) throw appError("SUBMISSION_PERIOD", { kind, period });
  const latest = await latestVersion(tx, actor.stationId, kind, period);
  const latestStatus = (latest?.status ?? null) as SubmissionStatus | null;
  requireAction("build", latestStatus);
  let content: { summary: unknown; narrative: TNarrative | null; workbook: Uint8Array | null; fileName: string | null };
  if (kind === "quarterly") {
    const summary = await quarterlySummary(tx, actor.stationId, period, actor.today);
    const file = await quarterlyWorkbook(tx, cipher, actor.stationId, summary);
    content = { summary, narrative: null, workbook: file.bytes, fileName: file.fileName };
  } else {
    const summary = await annualSummary(tx, actor.stationId, Number(period), actor.today);
    content = { summary, narrative: (latest?.narrative as TNarrative | null) ?? emptyNarrative(), workbook: null, fileName: null };
  }
  const columns = {
    summary: JSON.stringify(content.summary),
    narrative: content.narrative === null ? null : JSON.stringify(content.narrative),
    workbook: content.workbook,
    workbook_sha256: content.workbook ? sha256(content.workbook) : null,
    file_name: content.fileName,
    built_by: actor.userId,
    built_at: new Date(),
  };
  let submissionId: string;
  let version: number;
  if (latest && !buildMakesNewVersion(latestStatus)) {
    await tx.updateTable("station_submission").set(columns).where("station_id", "=", actor.stationId).where("id", "=", latest.id).execute();
    submissionId = latest.id;
    version = latest.version;
  } else {
    version = (latest?.version ?? 0) + 1;
    const row = await tx
      .insertInto("station_submission")
      .values({ station_id: actor.stationId, kind, period, version, ...columns })
      .returning("id")
      .executeTakeFirstOrThrow();
    submissionId = row.id;
  }
  await auditAs(tx, actor, `submission.${kind}.built`, submissionId, { period, version, workbookSha256: columns.workbook_sha256 });
  return { submissionId, version };
}

/** The year-end report's narrative, written while it is a draft. */
export async function saveNarrative(tx: Tx, actor: ServiceActor, submissionId: string, narrative: TNarrative) {
  const current = await loadSubmission(tx, actor.stationId, submissionId);
  if (current.kind !== "annual") throw appError("VALIDATION", { field: "submissionId" });
  requireAction("edit", current.status);
  await tx.updateTable("station_submission").set({ narrative: JSON.stringify(narrative) }).where("station_id", "=", actor.stationId).where("id", "=", submissionId).execute();
  await auditAs(tx, actor, "submission.annual.narrative_saved", submissionId, { period: current.period, version: current.version });
  return { ok: true as const };
}

/** Frozen from here on: its fingerprint, who submitted and when. A report goes with every section written. */
export async function submitSubmission(tx: Tx, actor: ServiceActor, submissionId: string) {
  const current = await loadSubmission(tx, actor.stationId, submissionId);
  requireAction("submit", current.status);
  if (current.kind === "annual") {
    const missing = missingNarrative(current.narrative as TNarrative);
    if (missing.length > 0) {
      throw appError("VALIDATION", { fieldErrors: Object.fromEntries(missing.map((s) => [`narrative.${s}`, [`请填写“${NARRATIVE_SECTION_LABELS[s].zh}” / ${NARRATIVE_SECTION_LABELS[s].en} is required`]])) });
    }
  }
  const fingerprint = submissionFingerprint({ ...current, workbookSha256: current.workbook_sha256 });
  await tx
    .updateTable("station_submission")
    .set({ status: "submitted", sha256: fingerprint, submitted_by: actor.userId, submitted_by_name: actor.username, submitted_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", submissionId)
    .execute();
  await auditAs(tx, actor, `submission.${current.kind}.submitted`, submissionId, { period: current.period, version: current.version, sha256: fingerprint });
  return { status: "submitted" as const, sha256: fingerprint };
}

/** The city/county bureau's decision (R15): accepted, or returned with what to correct. */
export async function reviewSubmission(tx: Tx, actor: ServiceActor, submissionId: string, action: "accept" | "return", comment?: string) {
  const current = await loadSubmission(tx, actor.stationId, submissionId);
  requireAction(action, current.status);
  const status = submissionStatusAfter(action);
  await tx
    .updateTable("station_submission")
    .set({ status, decided_by: actor.userId, decided_by_name: actor.username, decided_at: new Date(), review_comment: comment ?? null })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", submissionId)
    .execute();
  await auditAs(tx, actor, `submission.${current.kind}.${status}`, submissionId, { period: current.period, version: current.version, ...(comment ? { comment } : {}) });
  return { status };
}

const dayOf = (d: Date | string | null) => (d === null ? null : todayInShanghai(d instanceof Date ? d : new Date(d)));

/** Every version of a period, newest first, with its due date and whether it came on time. */
export async function periodVersions(tx: Tx, stationId: string, kind: SubmissionKind, period: string, today: string) {
  const rows = await tx
    .selectFrom("station_submission as s")
    .select(VIEW_COLUMNS)
    .where("s.station_id", "=", stationId)
    .where("s.kind", "=", kind)
    .where("s.period", "=", period)
    .orderBy("s.version", "desc")
    .execute();
  const dueOn = submissionDueOn(kind, period);
  const firstSubmittedOn = rows.map((r) => dayOf(r.submitted_at)).filter((d): d is string => d !== null).sort()[0] ?? null;
  return {
    kind,
    period,
    dueOn,
    timeliness: submissionTimeliness(dueOn, firstSubmittedOn, today),
    daysLate: daysLate(dueOn, firstSubmittedOn, today),
    versions: rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status as SubmissionStatus,
      summary: r.summary,
      narrative: r.narrative as TNarrative | null,
      fileName: r.file_name,
      workbookSha256: r.workbook_sha256,
      sha256: r.sha256,
      builtAt: r.built_at,
      submittedAt: r.submitted_at,
      submittedBy: r.submitted_by_name,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by_name,
      reviewComment: r.review_comment,
    })),
  };
}

/** The workbook of one version (drafts too: the contractor checks it before submitting). */
export async function submissionWorkbook(tx: Tx, stationId: string, submissionId: string) {
  const row = await tx
    .selectFrom("station_submission")
    .select(["kind", "period", "version", "status", "workbook", "file_name"])
    .where("station_id", "=", stationId)
    .where("id", "=", submissionId)
    .executeTakeFirst();
  if (!row || !row.workbook) throw appError("NOT_FOUND");
  const bytes = new Uint8Array(row.workbook);
  const name = (row.file_name ?? "季度台账.xlsx").replace(/\.xlsx$/, "");
  return { fileName: `${name}-第${row.version}版${row.status === "draft" ? "（草稿）" : ""}.xlsx`, bytes, period: row.period, version: row.version };
}

interface LatestRow {
  station_id: string;
  kind: string;
  period: string;
  id: string;
  version: number;
  status: string;
  submitted_at: Date | string | null;
  first_submitted_at: Date | string | null;
  review_comment: string | null;
}

/** Each period's latest version and its first submission, for the stations and periods given. */
async function latestByPeriod(tx: Tx, stationIds: readonly string[], periods: readonly { kind: SubmissionKind; period: string }[]): Promise<Map<string, LatestRow>> {
  if (stationIds.length === 0 || periods.length === 0) return new Map();
  const rows = await sql<LatestRow>`
    select distinct on (s.station_id, s.kind, s.period) s.station_id, s.kind, s.period, s.id, s.version, s.status, s.submitted_at,
      min(s.submitted_at) over (partition by s.station_id, s.kind, s.period) as first_submitted_at, s.review_comment
    from station_submission s
    where s.station_id = any(${[...stationIds]}::uuid[]) and (s.kind, s.period) in (${sql.join(periods.map((p) => sql`(${p.kind}, ${p.period})`))})
    order by s.station_id, s.kind, s.period, s.version desc`.execute(tx);
  return new Map(rows.rows.map((r) => [`${r.station_id}|${r.kind}|${r.period}`, r]));
}

function periodRow(kind: SubmissionKind, period: string, latest: LatestRow | undefined, today: string) {
  const dueOn = submissionDueOn(kind, period);
  const first = dayOf(latest?.first_submitted_at ?? null);
  return {
    kind,
    period,
    dueOn,
    submissionId: latest?.id ?? null,
    version: latest?.version ?? null,
    status: (latest?.status ?? null) as SubmissionStatus | null,
    submittedAt: latest?.submitted_at ?? null,
    firstSubmittedOn: first,
    reviewComment: latest?.review_comment ?? null,
    timeliness: submissionTimeliness(dueOn, first, today),
    daysLate: daysLate(dueOn, first, today),
  };
}

/** The periods a station owes in a year (quarters begun, and the year-end report) with where each stands. */
export async function stationPeriods(tx: Tx, stationId: string, year: number, today: string) {
  const periods = [
    ...[1, 2, 3, 4].map((q) => ({ kind: "quarterly" as const, period: `${year}-Q${q}` })).filter((p) => periodStarted("quarterly", p.period, today)),
    ...(periodStarted("annual", String(year), today) ? [{ kind: "annual" as const, period: String(year) }] : []),
  ];
  const latest = await latestByPeriod(tx, [stationId], periods);
  return periods.map((p) => periodRow(p.kind, p.period, latest.get(`${stationId}|${p.kind}|${p.period}`), today));
}

/**
 * The bureau's review desk (R15, R18): for every station under its division, each period of the
 * year that is due or has something in it — awaiting review first, then overdue, then the rest.
 */
export async function reviewList(tx: Tx, divisionCode: string, year: number, today: string) {
  const stations = await tx
    .selectFrom("station")
    .select(["id", "plaque_name", "division_code"])
    .where("division_code", "like", `${divisionCode}%`)
    .orderBy("division_code")
    .execute();
  const periods = [
    ...[1, 2, 3, 4].map((q) => ({ kind: "quarterly" as const, period: `${year}-Q${q}` })),
    { kind: "annual" as const, period: String(year) },
  ];
  const latest = await latestByPeriod(
    tx,
    stations.map((s) => s.id),
    periods,
  );
  const rank = (r: ReturnType<typeof periodRow>) => (r.status === "submitted" ? 0 : r.timeliness === "overdue" ? 1 : r.status === "returned" ? 2 : r.timeliness === "late" ? 3 : 4);
  const rows = stations.flatMap((s) =>
    periods
      .map((p) => ({ ...periodRow(p.kind, p.period, latest.get(`${s.id}|${p.kind}|${p.period}`), today), stationId: s.id, plaqueName: s.plaque_name, divisionCode: s.division_code }))
      // A period not yet due with nothing submitted is not the bureau's business yet.
      .filter((r) => r.dueOn < today || (r.status !== null && r.status !== "draft")),
  );
  return rows.sort((a, b) => rank(a) - rank(b) || a.dueOn.localeCompare(b.dueOn) || a.divisionCode.localeCompare(b.divisionCode));
}
