import type { Tx } from "@shegong/db";
import {
  annualDueOn,
  deliverableAttainment,
  fenFromDb,
  periodTotals,
  serviceMonthsInYear,
  staffingAttainment,
  type DeliverableActuals,
  type DeliverableAttainment,
  type IndicatorId,
  type PeriodIndicator,
  type TDeliverable,
} from "@shegong/domain";
import { computeStationFacts } from "../reporting/station-facts.ts";
import { staffOverview } from "../staff/staff-compliance.ts";
import { listTrainings } from "../staff/training.ts";

/**
 * The numbers of the year-end self-check (年度自查, issue 5 item 7, R13): the year so far, read with
 * the rollups' definitions, and the purchase agreement's deliverables and staffing against them.
 */
export interface AnnualSummary {
  station: { plaqueName: string; divisionCode: string };
  year: number;
  asOf: string;
  dueOn: string;
  months: string[];
  indicators: PeriodIndicator[];
  trainings: { count: number; traineeHours: number };
  agreement: {
    id: string;
    agreementNo: string | null;
    purchaserName: string;
    serviceStart: string;
    serviceEnd: string;
    amountFen: number;
    serviceMonths: number;
  } | null;
  deliverables: DeliverableAttainment[];
  staffing: { required: number; stationed: number; reached: boolean } | null;
}

/** The agreement covering the year: a filed (acknowledged) one first, then the newest. */
async function agreementOfYear(tx: Tx, stationId: string, year: number) {
  return tx
    .selectFrom("service_agreement")
    .selectAll()
    .where("station_id", "=", stationId)
    .where("service_start", "<=", `${year}-12-31`)
    .where("service_end", ">=", `${year}-01-01`)
    .orderBy((eb) => eb.case().when("status", "=", "acknowledged").then(0).else(1).end())
    .orderBy("created_at", "desc")
    .executeTakeFirst();
}

export async function annualSummary(tx: Tx, stationId: string, year: number, today: string): Promise<AnnualSummary> {
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < today ? yearEnd : today;
  const lastMonth = Number(asOf.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const station = await tx.selectFrom("station").select(["plaque_name", "division_code"]).where("id", "=", stationId).executeTakeFirstOrThrow();
  const [facts, trainings, overview, agreement] = await Promise.all([
    computeStationFacts(tx, stationId, months, today),
    listTrainings(tx, stationId, year),
    staffOverview(tx, stationId, asOf),
    agreementOfYear(tx, stationId, year),
  ]);
  const indicators = periodTotals(facts, months);
  const total = (id: IndicatorId, dimension?: string) => {
    const row = indicators.find((i) => i.indicator === id);
    if (!row) return 0;
    return dimension === undefined ? row.total : (row.dimensions.find((d) => d.dimension === dimension)?.total ?? 0);
  };
  const inYear = trainings.trainings.filter((t) => t.startedOn <= asOf);
  const actuals: DeliverableActuals = {
    visits_per_month: total("visits.done"),
    cases: total("cases.opened"),
    group_activities: total("activities.held", "group"),
    community_activities: total("activities.held", "community"),
    trainings: inYear.length,
    // "Other" targets are the agreement's own words: the narrative answers for them.
    other: null,
  };
  const serviceMonths = agreement ? serviceMonthsInYear(agreement.service_start, agreement.service_end, year, asOf) : 0;
  const stationed = overview.staff.filter((s) => s.stationed).length;
  return {
    station: { plaqueName: station.plaque_name, divisionCode: station.division_code },
    year,
    asOf,
    dueOn: annualDueOn(year),
    months,
    indicators,
    trainings: { count: inYear.length, traineeHours: inYear.reduce((sum, t) => sum + t.hours * t.trainees.length, 0) },
    agreement: agreement
      ? {
          id: agreement.id,
          agreementNo: agreement.agreement_no,
          purchaserName: agreement.purchaser_name,
          serviceStart: agreement.service_start,
          serviceEnd: agreement.service_end,
          amountFen: fenFromDb(agreement.amount_fen),
          serviceMonths,
        }
      : null,
    deliverables: agreement ? deliverableAttainment(agreement.deliverables as TDeliverable[], actuals, serviceMonths) : [],
    staffing: agreement ? staffingAttainment(agreement.staffing_required, stationed) : null,
  };
}
