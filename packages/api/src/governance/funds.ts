import type { Tx } from "@shegong/db";
import {
  checkDisbursement,
  fenFromDb,
  fundBalances,
  FUNDING_SOURCES,
  SPENDING_CATEGORIES,
  type FundingLine,
  type TAllocation,
  type TDisbursement,
  type TSpending,
} from "@shegong/domain";
import { sql } from "kysely";
import { appError } from "../errors.ts";
import { loadAgreement, type StationActor } from "./agreements.ts";
import { auditGovernance } from "./governance-actor.ts";

async function totalsOf(tx: Tx, stationId: string, agreementId: string) {
  const sumOf = (table: "fund_allocation" | "fund_disbursement" | "fund_spending") =>
    tx
      .selectFrom(table)
      .select(sql<string | number>`coalesce(sum(amount_fen), 0)::bigint`.as("total"))
      .where("station_id", "=", stationId)
      .where("agreement_id", "=", agreementId)
      .executeTakeFirstOrThrow();
  const [allocated, disbursed, spent] = await Promise.all([sumOf("fund_allocation"), sumOf("fund_disbursement"), sumOf("fund_spending")]);
  return { allocatedFen: fenFromDb(allocated.total), disbursedFen: fenFromDb(disbursed.total), spentFen: fenFromDb(spent.total) };
}

export async function allocateFunds(tx: Tx, actor: StationActor, agreementId: string, allocation: TAllocation) {
  await loadAgreement(tx, actor.stationId, agreementId);
  const row = await tx
    .insertInto("fund_allocation")
    .values({
      station_id: actor.stationId,
      agreement_id: agreementId,
      source: allocation.source,
      amount_fen: allocation.amountFen,
      allocated_on: allocation.allocatedOn,
      document_no: allocation.documentNo || null,
      note: allocation.note || null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditGovernance(tx, actor, { action: "funds.allocation", target: row.id, detail: { agreementId, source: allocation.source, amountFen: allocation.amountFen } });
  return { allocationId: row.id };
}

/**
 * The township pays the contractor (R14). Nothing is paid beyond what was allocated unless
 * someone holding funds.override states why; that payment carries its reason and is audited as an
 * override. The agreement row is locked, so two payments never both fit the same remainder.
 */
export async function disburseFunds(tx: Tx, actor: StationActor, agreementId: string, disbursement: TDisbursement, mayOverride: boolean) {
  await loadAgreement(tx, actor.stationId, agreementId);
  const totals = await totalsOf(tx, actor.stationId, agreementId);
  const over = checkDisbursement(totals, disbursement.amountFen);
  if (over && !disbursement.override) {
    throw appError("FUNDS_OVER_ALLOCATION", { overByFen: over.overByFen, allocatedFen: totals.allocatedFen, disbursedFen: totals.disbursedFen, message: over.message });
  }
  if (over && !mayOverride) throw appError("FUNDS_OVERRIDE_FORBIDDEN", { overByFen: over.overByFen });
  const row = await tx
    .insertInto("fund_disbursement")
    .values({
      station_id: actor.stationId,
      agreement_id: agreementId,
      amount_fen: disbursement.amountFen,
      paid_on: disbursement.paidOn,
      voucher_no: disbursement.voucherNo,
      note: disbursement.note || null,
      override_reason: over ? (disbursement.override?.reason ?? null) : null,
      over_allocation_fen: over ? over.overByFen : null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditGovernance(tx, actor, {
    action: over ? "funds.disbursement.override" : "funds.disbursement",
    target: row.id,
    detail: { agreementId, amountFen: disbursement.amountFen, voucherNo: disbursement.voucherNo, ...(over ? { overByFen: over.overByFen, reason: disbursement.override?.reason } : {}) },
  });
  return { disbursementId: row.id, overAllocationFen: over?.overByFen ?? 0 };
}

export async function recordSpending(tx: Tx, actor: StationActor, agreementId: string, spending: TSpending) {
  await loadAgreement(tx, actor.stationId, agreementId);
  const row = await tx
    .insertInto("fund_spending")
    .values({
      station_id: actor.stationId,
      agreement_id: agreementId,
      category: spending.category,
      amount_fen: spending.amountFen,
      spent_on: spending.spentOn,
      description: spending.description,
      voucher_no: spending.voucherNo || null,
      recorded_by: actor.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await auditGovernance(tx, actor, { action: "funds.spending", target: row.id, detail: { agreementId, category: spending.category, amountFen: spending.amountFen } });
  return { spendingId: row.id };
}

/** One agreement's funds: every allocation, payment and spending line, with totals by source and category. */
export async function fundLedger(tx: Tx, stationId: string, agreementId: string) {
  const agreement = await tx.selectFrom("service_agreement").select(["id", "amount_fen", "funding"]).where("station_id", "=", stationId).where("id", "=", agreementId).executeTakeFirst();
  if (!agreement) throw appError("NOT_FOUND");
  const [allocations, disbursements, spending] = await Promise.all([
    tx.selectFrom("fund_allocation").selectAll().where("station_id", "=", stationId).where("agreement_id", "=", agreementId).orderBy("allocated_on").execute(),
    tx.selectFrom("fund_disbursement").selectAll().where("station_id", "=", stationId).where("agreement_id", "=", agreementId).orderBy("paid_on").execute(),
    tx.selectFrom("fund_spending").selectAll().where("station_id", "=", stationId).where("agreement_id", "=", agreementId).orderBy("spent_on").execute(),
  ]);
  const planned = agreement.funding as FundingLine[];
  const bySource = FUNDING_SOURCES.map((source) => ({
    source,
    plannedFen: planned.find((l) => l.source === source)?.amountFen ?? 0,
    allocatedFen: allocations.filter((a) => a.source === source).reduce((s, a) => s + fenFromDb(a.amount_fen), 0),
  })).filter((l) => l.plannedFen > 0 || l.allocatedFen > 0);
  const byCategory = SPENDING_CATEGORIES.map((category) => ({
    category,
    spentFen: spending.filter((s) => s.category === category).reduce((sum, s) => sum + fenFromDb(s.amount_fen), 0),
  }));
  const totals = {
    allocatedFen: allocations.reduce((s, a) => s + fenFromDb(a.amount_fen), 0),
    disbursedFen: disbursements.reduce((s, d) => s + fenFromDb(d.amount_fen), 0),
    spentFen: spending.reduce((s, x) => s + fenFromDb(x.amount_fen), 0),
  };
  return {
    agreementId,
    amountFen: fenFromDb(agreement.amount_fen),
    balances: fundBalances(totals),
    bySource,
    byCategory,
    allocations: allocations.map((a) => ({ id: a.id, source: a.source, amountFen: fenFromDb(a.amount_fen), allocatedOn: a.allocated_on, documentNo: a.document_no, note: a.note })),
    disbursements: disbursements.map((d) => ({
      id: d.id,
      amountFen: fenFromDb(d.amount_fen),
      paidOn: d.paid_on,
      voucherNo: d.voucher_no,
      note: d.note,
      overrideReason: d.override_reason,
      overAllocationFen: d.over_allocation_fen === null ? 0 : fenFromDb(d.over_allocation_fen),
    })),
    spending: spending.map((s) => ({ id: s.id, category: s.category, amountFen: fenFromDb(s.amount_fen), spentOn: s.spent_on, description: s.description, voucherNo: s.voucher_no })),
  };
}

/**
 * Fund supervision for the city/county bureau (R15): per station, aggregate numbers only — what
 * was agreed, allocated, paid and spent, and how many payments went beyond the allocation.
 */
export async function fundSupervision(tx: Tx, divisionCode: string) {
  const sumBy = (table: "fund_allocation" | "fund_disbursement" | "fund_spending") =>
    tx
      .selectFrom(table)
      .select(["station_id", sql<string | number>`sum(amount_fen)::bigint`.as("total")])
      .where("station_id", "in", (eb) => eb.selectFrom("station").select("id").where("division_code", "like", `${divisionCode}%`))
      .groupBy("station_id")
      .execute();
  const [stations, agreements, allocated, disbursed, spent, overrides] = await Promise.all([
    tx.selectFrom("station").select(["id", "plaque_name", "division_code", "status"]).where("division_code", "like", `${divisionCode}%`).orderBy("division_code").execute(),
    tx
      .selectFrom("service_agreement")
      .select(["station_id", sql<number>`count(*)::int`.as("count"), sql<string | number>`sum(amount_fen)::bigint`.as("total"), sql<number>`count(*) filter (where status = 'acknowledged')::int`.as("filed")])
      .where("station_id", "in", (eb) => eb.selectFrom("station").select("id").where("division_code", "like", `${divisionCode}%`))
      .groupBy("station_id")
      .execute(),
    sumBy("fund_allocation"),
    sumBy("fund_disbursement"),
    sumBy("fund_spending"),
    tx
      .selectFrom("fund_disbursement")
      .select(["station_id", sql<number>`count(*)::int`.as("count")])
      .where("over_allocation_fen", "is not", null)
      .where("station_id", "in", (eb) => eb.selectFrom("station").select("id").where("division_code", "like", `${divisionCode}%`))
      .groupBy("station_id")
      .execute(),
  ]);
  const total = (rows: { station_id: string; total: string | number }[], id: string) => fenFromDb(rows.find((r) => r.station_id === id)?.total);
  return stations
    .map((s) => {
      const agreement = agreements.find((a) => a.station_id === s.id);
      return {
        stationId: s.id,
        plaqueName: s.plaque_name,
        divisionCode: s.division_code,
        agreements: agreement?.count ?? 0,
        filedAgreements: agreement?.filed ?? 0,
        agreedFen: fenFromDb(agreement?.total),
        ...fundBalances({ allocatedFen: total(allocated, s.id), disbursedFen: total(disbursed, s.id), spentFen: total(spent, s.id) }),
        overrides: overrides.find((o) => o.station_id === s.id)?.count ?? 0,
      };
    })
    .filter((row) => row.agreements > 0 || stations.find((s) => s.id === row.stationId)?.status === "active");
}
