import { bulkInsert, recordAudit, type BulkColumnType, type Tx } from "@shegong/db";
import { adulthoodDate, maskCitizenId } from "@shegong/domain";
import { sql } from "kysely";
import { flagDuplicatesElsewhere } from "../registry/register-person.ts";
import type { RegistryContext } from "../registry/registry-context.ts";
import type { ImportPlan, PlannedRow } from "./plan-import.ts";

const REFRESH_STATISTICS_FROM = 1_000;

const PERSON_COLUMNS: Record<string, BulkColumnType> = {
  station_id: "uuid",
  id_cipher: "bytea",
  id_blind: "bytea",
  id_masked: "text",
  name: "text",
  name_pinyin: "text",
  name_initials: "text",
  ethnicity_code: "text",
  phone: "text",
  village_code: "text",
  address: "text",
  living_arrangement: "text",
  economic_source: "text",
  disability_type: "text",
  disability_grade: "smallint",
  care_status: "text",
  note: "text",
  sex: "text",
  birth_date: "date",
  adult_on: "date",
  registered_on: "date",
};

/**
 * Applies a plan in the caller's transaction: all of it or, on any failure, none of it. Creates go
 * as one array-parameter statement per table (bulkInsert); updates touch only the
 * persons that change. Every change lands on the timeline and the import itself in the audit log.
 */
export async function commitImport(tx: Tx, ctx: RegistryContext, plan: ImportPlan, file: { name: string; sha256: string }, actor: { username: string; ip: string }) {
  const creates = plan.rows.filter((r) => r.action === "create");
  const updates = plan.rows.filter((r) => r.action === "update");
  const personIdOf = new Map<PlannedRow, string>();

  const people = creates.map((row) => ({
    station_id: ctx.stationId,
    id_cipher: ctx.cipher.encrypt(row.identity.normalized),
    id_blind: row.blind,
    id_masked: maskCitizenId(row.identity.normalized),
    ...row.profile,
    sex: row.identity.sex,
    birth_date: row.identity.birthDate,
    adult_on: adulthoodDate(row.identity.birthDate, ctx.rules),
    registered_on: ctx.today,
  }));
  const inserted = await bulkInsert(tx, "person", PERSON_COLUMNS, people, ["id"]);
  // A table that just grew by thousands gets fresh statistics before the category and event rows
  // are checked against it: otherwise a foreign-key plan cached while it was small scans it per row.
  if (people.length >= REFRESH_STATISTICS_FROM) await sql`select refresh_registry_statistics()`.execute(tx);
  creates.forEach((row, i) => personIdOf.set(row, inserted[i]!.id as string));
  for (const row of updates) {
    const personId = row.existingId as string;
    personIdOf.set(row, personId);
    if (Object.keys(row.changes).length === 0) continue;
    await tx
      .updateTable("person")
      .set((eb) => ({ ...row.changes, version: eb("version", "+", 1), updated_at: new Date() }))
      .where("station_id", "=", ctx.stationId)
      .where("id", "=", personId)
      .execute();
  }

  const events: { person_id: string; kind: string; effective_date: string; detail: string }[] = [];
  const categories: { person_id: string; category: string; start_date: string; end_date: string | null; end_reason: string | null }[] = [];
  const guardians: { child_id: string; name: string; relation: string; phone: string | null }[] = [];
  for (const row of [...creates, ...updates]) {
    const personId = personIdOf.get(row) as string;
    if (row.action === "create") events.push({ person_id: personId, kind: "registered", effective_date: ctx.today, detail: JSON.stringify({ ledger: plan.report.ledgerKind, row: row.rowNumber }) });
    else if (Object.keys(row.changes).length > 0) {
      events.push({ person_id: personId, kind: "corrected", effective_date: ctx.today, detail: JSON.stringify({ ledger: plan.report.ledgerKind, row: row.rowNumber, fields: Object.keys(row.changes) }) });
    }
    for (const category of row.newCategories) {
      const start = row.record.categoryStart ?? ctx.today;
      const ended = row.record.categoryEndedOn ?? null;
      categories.push({ person_id: personId, category, start_date: start, end_date: ended, end_reason: ended ? "adulthood" : null });
    }
    if (row.action === "create" && row.record.guardianName) {
      guardians.push({ child_id: personId, name: row.record.guardianName, relation: row.record.guardianRelation ?? "other", phone: row.record.guardianPhone ?? null });
    }
  }
  await bulkInsert(
    tx,
    "person_category",
    { station_id: "uuid", person_id: "uuid", category: "text", start_date: "date", end_date: "date", end_reason: "text", source: "text", created_by: "uuid" },
    categories.map((c) => ({ station_id: ctx.stationId, ...c, source: plan.report.ledgerTitle, created_by: ctx.actorUserId })),
  );
  await bulkInsert(
    tx,
    "guardian",
    { station_id: "uuid", child_id: "uuid", name: "text", relation: "text", phone: "text" },
    guardians.map((g) => ({ station_id: ctx.stationId, ...g })),
  );
  await bulkInsert(
    tx,
    "person_event",
    { station_id: "uuid", person_id: "uuid", kind: "text", effective_date: "date", detail: "jsonb", actor_user_id: "uuid" },
    events.map((e) => ({ station_id: ctx.stationId, actor_user_id: ctx.actorUserId, ...e })),
  );
  const duplicates = await flagDuplicatesElsewhere(tx, ctx, creates.map((row) => personIdOf.get(row) as string));

  const report = plan.report;
  const imported = await tx
    .insertInto("ledger_import")
    .values({
      station_id: ctx.stationId,
      ledger_kind: report.ledgerKind,
      file_name: file.name,
      file_sha256: file.sha256,
      rows_total: report.rowsTotal,
      created_count: report.created,
      updated_count: report.updated,
      unchanged_count: report.unchanged,
      rejected_count: report.rejected,
      actor_user_id: ctx.actorUserId,
    })
    .returning(["id", "committed_at"])
    .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    stationId: ctx.stationId,
    actorUserId: ctx.actorUserId,
    actorName: actor.username,
    ip: actor.ip,
    action: "ledger.import",
    target: report.ledgerKind,
    outcome: "success",
    detail: { file: file.name, sha256: file.sha256, created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected },
  });
  return { importId: imported.id, committedAt: imported.committed_at, duplicatesElsewhere: duplicates.size };
}
