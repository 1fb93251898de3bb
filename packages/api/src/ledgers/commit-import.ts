import { recordAudit, type Tx } from "@shegong/db";
import { adulthoodDate, parseCitizenId } from "@shegong/domain";
import { flagDuplicatesElsewhere, profileColumns } from "../registry/register-person.ts";
import type { RegistryContext } from "../registry/registry-context.ts";
import { sealCitizenId } from "../registry/sealed-id.ts";
import type { ImportPlan, PlannedRow } from "./plan-import.ts";

const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Applies a plan in the caller's transaction: all of it or, on any failure, none of it. Creates go
 * in multi-row statements (a 10,000-row ledger is a few dozen statements); updates touch only the
 * persons that change. Every change lands on the timeline and the import itself in the audit log.
 */
export async function commitImport(tx: Tx, ctx: RegistryContext, plan: ImportPlan, file: { name: string; sha256: string }, actor: { username: string; ip: string }) {
  const creates = plan.rows.filter((r) => r.action === "create");
  const updates = plan.rows.filter((r) => r.action === "update");
  const personIdOf = new Map<PlannedRow, string>();

  for (const part of chunks(creates)) {
    const inserted = await tx
      .insertInto("person")
      .values(
        part.map((row) => {
          const identity = parseCitizenId(row.record.citizenId, ctx.today);
          if (!identity.ok) throw new Error("planned rows carry valid ID numbers");
          return {
            station_id: ctx.stationId,
            ...sealCitizenId(ctx.cipher, identity.value.normalized),
            ...profileColumns(row.record),
            sex: identity.value.sex,
            birth_date: identity.value.birthDate,
            adult_on: adulthoodDate(identity.value.birthDate, ctx.rules),
            registered_on: ctx.today,
          };
        }),
      )
      .returning("id")
      .execute();
    part.forEach((row, i) => personIdOf.set(row, inserted[i]!.id));
  }
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
      events.push({ person_id: personId, kind: "category_entered", effective_date: start, detail: JSON.stringify({ category, source: plan.report.ledgerTitle }) });
      if (ended) events.push({ person_id: personId, kind: "category_left", effective_date: ended, detail: JSON.stringify({ category, reason: "adulthood" }) });
    }
    if (row.action === "create" && row.record.guardianName) {
      guardians.push({ child_id: personId, name: row.record.guardianName, relation: row.record.guardianRelation ?? "other", phone: row.record.guardianPhone ?? null });
    }
  }
  for (const part of chunks(categories)) {
    await tx
      .insertInto("person_category")
      .values(part.map((c) => ({ station_id: ctx.stationId, ...c, source: plan.report.ledgerTitle })))
      .execute();
  }
  for (const part of chunks(guardians)) {
    await tx.insertInto("guardian").values(part.map((g) => ({ station_id: ctx.stationId, guardian_person_id: null, ...g }))).execute();
  }
  for (const part of chunks(events)) {
    await tx.insertInto("person_event").values(part.map((e) => ({ station_id: ctx.stationId, actor_user_id: ctx.actorUserId, ...e }))).execute();
  }
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
