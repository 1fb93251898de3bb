import type { Tx } from "@shegong/db";
import { checkBusinessScope, type IncubationStatus, type TContractor } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditGovernance, type GovernanceActor } from "./governance-actor.ts";

const COLUMNS = [
  "id",
  "name",
  "credit_code",
  "division_code",
  "registering_authority",
  "legal_representative",
  "contact_name",
  "contact_phone",
  "business_scope",
  "incubation_status",
  "created_at",
  "updated_at",
] as const;

type ContractorRow = { [K in (typeof COLUMNS)[number]]: unknown } & { id: string; name: string; incubation_status: string };

function contractorView(row: ContractorRow) {
  const scope = (row.business_scope as string | null) ?? "";
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code as string | null,
    divisionCode: row.division_code as string | null,
    registeringAuthority: row.registering_authority as string | null,
    legalRepresentative: row.legal_representative as string | null,
    contactName: row.contact_name as string | null,
    contactPhone: row.contact_phone as string | null,
    businessScope: row.business_scope as string | null,
    incubationStatus: row.incubation_status as IncubationStatus,
    // R6, shown beside each entry: registered before the registry checked it, a scope may lack social work.
    scopeIncludesSocialWork: checkBusinessScope(scope).ok,
  };
}
export type ContractorView = ReturnType<typeof contractorView>;

function requireScope(contractor: TContractor) {
  const check = checkBusinessScope(contractor.businessScope);
  if (!check.ok) throw appError("CONTRACTOR_SCOPE", { fieldErrors: { businessScope: [`${check.error.zh} / ${check.error.en}`] } });
}

async function requireUniqueCreditCode(tx: Tx, creditCode: string, exceptId?: string) {
  let query = tx.selectFrom("contractor").select("id").where("credit_code", "=", creditCode);
  if (exceptId) query = query.where("id", "<>", exceptId);
  if (await query.executeTakeFirst()) throw appError("CONTRACTOR_EXISTS", { fieldErrors: { creditCode: ["该代码已登记 / already registered"] } });
}

function toColumns(contractor: TContractor) {
  return {
    name: contractor.name,
    credit_code: contractor.creditCode,
    division_code: contractor.divisionCode,
    registering_authority: contractor.registeringAuthority,
    legal_representative: contractor.legalRepresentative,
    contact_name: contractor.contactName,
    contact_phone: contractor.contactPhone,
    business_scope: contractor.businessScope,
    incubation_status: contractor.incubationStatus,
  };
}

/**
 * The bureau's registry: contractors registered under the division, and those running any of its
 * stations (registered elsewhere), each with the stations it runs there.
 */
export async function listContractors(tx: Tx, divisionCode: string) {
  const stations = await tx
    .selectFrom("station")
    .select(["id", "plaque_name", "division_code", "contractor_id"])
    .where("division_code", "like", `${divisionCode}%`)
    .where("contractor_id", "is not", null)
    .execute();
  const runningHere = [...new Set(stations.map((s) => s.contractor_id as string))];
  const rows = await tx
    .selectFrom("contractor")
    .select(COLUMNS)
    .where((eb) => eb.or([eb("division_code", "like", `${divisionCode}%`), ...(runningHere.length > 0 ? [eb("id", "in", runningHere)] : [])]))
    .orderBy("name")
    .execute();
  return rows.map((row) => ({
    ...contractorView(row),
    stations: stations.filter((s) => s.contractor_id === row.id).map((s) => ({ id: s.id, plaqueName: s.plaque_name, divisionCode: s.division_code })),
    // Only those registered under this division are the bureau's to edit.
    editable: row.division_code !== null && row.division_code.startsWith(divisionCode),
  }));
}

export async function createContractor(tx: Tx, actor: GovernanceActor, scopeCode: string, contractor: TContractor) {
  if (!contractor.divisionCode.startsWith(scopeCode)) throw appError("FORBIDDEN");
  requireScope(contractor);
  await requireUniqueCreditCode(tx, contractor.creditCode);
  const row = await tx
    .insertInto("contractor")
    .values({ ...toColumns(contractor), created_by: actor.userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditGovernance(tx, actor, { action: "contractor.create", target: row.id, detail: { creditCode: contractor.creditCode, name: contractor.name } });
  return { contractorId: row.id };
}

/** Only a contractor registered under the caller's division is found; others are NOT_FOUND. */
async function loadOwnContractor(tx: Tx, scopeCode: string, contractorId: string) {
  const row = await tx.selectFrom("contractor").select(COLUMNS).where("id", "=", contractorId).forUpdate().executeTakeFirst();
  if (!row || row.division_code === null || !row.division_code.startsWith(scopeCode)) throw appError("NOT_FOUND");
  return row;
}

export async function updateContractor(tx: Tx, actor: GovernanceActor, scopeCode: string, contractorId: string, contractor: TContractor) {
  const previous = await loadOwnContractor(tx, scopeCode, contractorId);
  if (!contractor.divisionCode.startsWith(scopeCode)) throw appError("FORBIDDEN");
  requireScope(contractor);
  await requireUniqueCreditCode(tx, contractor.creditCode, contractorId);
  await tx.updateTable("contractor").set({ ...toColumns(contractor), updated_at: new Date() }).where("id", "=", contractorId).execute();
  await auditGovernance(tx, actor, { action: "contractor.update", target: contractorId, detail: { previous: contractorView(previous), next: contractor } });
  return contractorView({ ...previous, ...toColumns(contractor) });
}

/** A contractor admin's own organization(s) and every station it runs (its admin sees them all). */
export async function myContractors(tx: Tx, contractorIds: string[]) {
  if (contractorIds.length === 0) return [];
  const rows = await tx.selectFrom("contractor").select(COLUMNS).where("id", "in", contractorIds).orderBy("name").execute();
  const stations = await tx.selectFrom("station").select(["id", "plaque_name", "division_code", "status", "contractor_id"]).where("contractor_id", "in", contractorIds).orderBy("division_code").execute();
  return rows.map((row) => ({
    ...contractorView(row),
    stations: stations.filter((s) => s.contractor_id === row.id).map((s) => ({ id: s.id, plaqueName: s.plaque_name, divisionCode: s.division_code, status: s.status })),
  }));
}

/** The bureau names who runs a station (R6): only a registered organization whose scope includes social work. */
export async function assignStationContractor(tx: Tx, actor: GovernanceActor & { stationId: string }, contractorId: string) {
  const contractor = await tx.selectFrom("contractor").select(["id", "business_scope"]).where("id", "=", contractorId).executeTakeFirst();
  if (!contractor) throw appError("NOT_FOUND");
  const check = checkBusinessScope(contractor.business_scope ?? "");
  if (!check.ok) throw appError("CONTRACTOR_SCOPE");
  const station = await tx.selectFrom("station").select("contractor_id").where("id", "=", actor.stationId).executeTakeFirstOrThrow();
  await tx.updateTable("station").set({ contractor_id: contractorId }).where("id", "=", actor.stationId).execute();
  await auditGovernance(tx, actor, { action: "station.contractor.assign", target: actor.stationId, detail: { from: station.contractor_id, to: contractorId } });
  return { ok: true as const };
}
