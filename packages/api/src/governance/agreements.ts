import type { Tx } from "@shegong/db";
import {
  agreementActionAllowed,
  agreementStatusAfter,
  checkBusinessScope,
  fenFromDb,
  type AgreementAction,
  type AgreementStatus,
  type FundingLine,
  type TAgreement,
  type TDeliverable,
} from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditGovernance, type GovernanceActor } from "./governance-actor.ts";

export type StationActor = GovernanceActor & { stationId: string };

/** The provider is the station's contractor (named by the bureau), registered with social work in its scope (R6). */
async function requireProvider(tx: Tx, stationId: string, contractorId: string) {
  const station = await tx.selectFrom("station").select(["contractor_id", "plaque_name"]).where("id", "=", stationId).executeTakeFirstOrThrow();
  if (station.contractor_id !== contractorId) {
    throw appError("VALIDATION", { fieldErrors: { contractorId: ["承接方须为本站的承接机构 / The provider must be the station's contractor"] } });
  }
  const contractor = await tx.selectFrom("contractor").select("business_scope").where("id", "=", contractorId).executeTakeFirstOrThrow();
  if (!checkBusinessScope(contractor.business_scope ?? "").ok) throw appError("CONTRACTOR_SCOPE");
}

function toColumns(agreement: TAgreement) {
  return {
    agreement_no: agreement.agreementNo || null,
    purchaser_name: agreement.purchaserName,
    contractor_id: agreement.contractorId,
    signed_on: agreement.signedOn,
    service_start: agreement.serviceStart,
    service_end: agreement.serviceEnd,
    amount_fen: agreement.amountFen,
    funding: JSON.stringify(agreement.funding),
    staffing_required: agreement.staffingRequired,
    deliverables: JSON.stringify(agreement.deliverables),
  };
}

async function agreementEvent(tx: Tx, actor: StationActor, agreementId: string, kind: string, comment: string | null = null, detail: Record<string, unknown> = {}) {
  await tx.insertInto("agreement_event").values({ station_id: actor.stationId, agreement_id: agreementId, kind, comment, actor_user_id: actor.userId }).execute();
  await auditGovernance(tx, actor, { action: `agreement.${kind}`, target: agreementId, detail: { ...detail, ...(comment ? { comment } : {}) } });
}

export async function createAgreement(tx: Tx, actor: StationActor, agreement: TAgreement) {
  await requireProvider(tx, actor.stationId, agreement.contractorId);
  const row = await tx
    .insertInto("service_agreement")
    .values({ station_id: actor.stationId, ...toColumns(agreement), created_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await agreementEvent(tx, actor, row.id, "created", null, { amountFen: agreement.amountFen });
  return { agreementId: row.id };
}

/** Row-locked, so a correction and a filing decision never cross. */
export async function loadAgreement(tx: Tx, stationId: string, agreementId: string) {
  const row = await tx.selectFrom("service_agreement").selectAll().where("station_id", "=", stationId).where("id", "=", agreementId).forUpdate().executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  return { ...row, status: row.status as AgreementStatus };
}

function requireAction(action: AgreementAction, status: AgreementStatus) {
  if (!agreementActionAllowed(action, status)) throw appError("AGREEMENT_STATUS", { action, status });
}

/** A draft, or one the prefecture returned, is corrected; an acknowledged one is frozen (R15). */
export async function updateAgreement(tx: Tx, actor: StationActor, agreementId: string, agreement: TAgreement) {
  const current = await loadAgreement(tx, actor.stationId, agreementId);
  requireAction("edit", current.status);
  await requireProvider(tx, actor.stationId, agreement.contractorId);
  await tx
    .updateTable("service_agreement")
    .set({ ...toColumns(agreement), updated_at: new Date() })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", agreementId)
    .execute();
  await agreementEvent(tx, actor, agreementId, "updated", null, { previousAmountFen: fenFromDb(current.amount_fen), amountFen: agreement.amountFen });
  return { ok: true as const };
}

/** Filing (备案, R15): the station side submits; the prefecture bureau acknowledges or returns with comments. */
export async function fileAgreement(tx: Tx, actor: StationActor, agreementId: string, action: "submit" | "acknowledge" | "return", comment?: string) {
  const current = await loadAgreement(tx, actor.stationId, agreementId);
  requireAction(action, current.status);
  const to = agreementStatusAfter(action);
  const now = new Date();
  await tx
    .updateTable("service_agreement")
    .set(
      action === "submit"
        ? { status: to, submitted_at: now, submitted_by: actor.userId, updated_at: now }
        : { status: to, decided_at: now, decided_by: actor.userId, filing_comment: comment ?? null, updated_at: now },
    )
    .where("station_id", "=", actor.stationId)
    .where("id", "=", agreementId)
    .execute();
  await agreementEvent(tx, actor, agreementId, to, comment ?? null, { from: current.status, to });
  return { status: to };
}

function agreementView(row: Awaited<ReturnType<typeof loadAgreement>> | (Omit<Awaited<ReturnType<typeof loadAgreement>>, "status"> & { status: string })) {
  return {
    id: row.id,
    agreementNo: row.agreement_no,
    purchaserName: row.purchaser_name,
    contractorId: row.contractor_id,
    signedOn: row.signed_on,
    serviceStart: row.service_start,
    serviceEnd: row.service_end,
    amountFen: fenFromDb(row.amount_fen),
    funding: row.funding as FundingLine[],
    staffingRequired: row.staffing_required,
    deliverables: row.deliverables as TDeliverable[],
    status: row.status as AgreementStatus,
    filingComment: row.filing_comment,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    updatedAt: row.updated_at,
  };
}

export async function listAgreements(tx: Tx, stationId: string) {
  const rows = await tx
    .selectFrom("service_agreement as a")
    .innerJoin("contractor as c", "c.id", "a.contractor_id")
    .selectAll("a")
    .select("c.name as contractor_name")
    .where("a.station_id", "=", stationId)
    .orderBy("a.service_start", "desc")
    .execute();
  return rows.map((row) => ({ ...agreementView(row), contractorName: row.contractor_name }));
}

export async function getAgreement(tx: Tx, stationId: string, agreementId: string) {
  const row = await tx.selectFrom("service_agreement").selectAll().where("station_id", "=", stationId).where("id", "=", agreementId).executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  const contractor = await tx
    .selectFrom("contractor")
    .select(["id", "name", "credit_code", "legal_representative", "contact_name", "contact_phone"])
    .where("id", "=", row.contractor_id)
    .executeTakeFirstOrThrow();
  const events = await tx
    .selectFrom("agreement_event as e")
    .leftJoin("app_user as u", "u.id", "e.actor_user_id")
    .select(["e.id", "e.kind", "e.comment", "e.occurred_at", "u.display_name as actor_name"])
    .where("e.station_id", "=", stationId)
    .where("e.agreement_id", "=", agreementId)
    .orderBy("e.occurred_at")
    .execute();
  return {
    ...agreementView(row),
    contractor: {
      id: contractor.id,
      name: contractor.name,
      creditCode: contractor.credit_code,
      legalRepresentative: contractor.legal_representative,
      contactName: contractor.contact_name,
      contactPhone: contractor.contact_phone,
    },
    events: events.map((e) => ({ id: e.id, kind: e.kind, comment: e.comment, occurredAt: e.occurred_at, actorName: e.actor_name })),
  };
}

/** The prefecture bureau's filing desk: agreements of the stations under its division, waiting ones first. */
export async function listFilings(tx: Tx, divisionCode: string, status?: AgreementStatus) {
  let query = tx
    .selectFrom("service_agreement as a")
    .innerJoin("station as s", "s.id", "a.station_id")
    .innerJoin("contractor as c", "c.id", "a.contractor_id")
    .select([
      "a.station_id",
      "a.id",
      "a.agreement_no",
      "a.purchaser_name",
      "a.amount_fen",
      "a.service_start",
      "a.service_end",
      "a.status",
      "a.submitted_at",
      "a.decided_at",
      "a.filing_comment",
      "s.plaque_name",
      "s.division_code",
      "c.name as contractor_name",
    ])
    .where("s.division_code", "like", `${divisionCode}%`)
    .where("a.status", "<>", "draft");
  if (status) query = query.where("a.status", "=", status);
  const rows = await query.orderBy("a.submitted_at", "desc").limit(500).execute();
  const order: Record<string, number> = { submitted: 0, returned: 1, acknowledged: 2 };
  return rows
    .map((r) => ({
      stationId: r.station_id,
      agreementId: r.id,
      agreementNo: r.agreement_no,
      plaqueName: r.plaque_name,
      divisionCode: r.division_code,
      purchaserName: r.purchaser_name,
      contractorName: r.contractor_name,
      amountFen: fenFromDb(r.amount_fen),
      serviceStart: r.service_start,
      serviceEnd: r.service_end,
      status: r.status as AgreementStatus,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      filingComment: r.filing_comment,
    }))
    .sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
}
