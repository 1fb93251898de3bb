import { isIsoDate } from "../time.ts";
import { RESOURCE_KINDS, type ResourceKind } from "./vocab.ts";

/**
 * What evaluators add up (issue 4 items 5–7): volunteer hours per year (R5), resources linked in
 * fen, supervision per worker and month, satisfaction per station. Pure, so the API and the tests
 * compute them the same way.
 */

/** Hours to one decimal, for display; sums stay in whole minutes so nothing drifts. */
export function hoursOf(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}

export interface VolunteerServiceRecord {
  volunteerId: string;
  heldOn: string;
  minutes: number;
}

export interface VolunteerYearTotal {
  volunteerId: string;
  year: number;
  minutes: number;
  activities: number;
}

/** Each volunteer's minutes and activities per calendar year, ordered by volunteer then year. */
export function volunteerYearTotals(records: readonly VolunteerServiceRecord[]): VolunteerYearTotal[] {
  const totals = new Map<string, VolunteerYearTotal>();
  for (const r of records) {
    const year = Number(r.heldOn.slice(0, 4));
    const key = `${r.volunteerId}|${year}`;
    const total = totals.get(key) ?? { volunteerId: r.volunteerId, year, minutes: 0, activities: 0 };
    total.minutes += r.minutes;
    total.activities += 1;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => (a.volunteerId === b.volunteerId ? a.year - b.year : a.volunteerId < b.volunteerId ? -1 : 1));
}

export interface ResourceRecord {
  kind: ResourceKind;
  valueFen: number;
}

export interface ResourceTotals {
  count: number;
  totalFen: number;
  byKind: Record<ResourceKind, { count: number; valueFen: number }>;
}

export function resourceTotals(records: readonly ResourceRecord[]): ResourceTotals {
  const byKind = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, { count: 0, valueFen: 0 }])) as ResourceTotals["byKind"];
  let totalFen = 0;
  for (const r of records) {
    if (!Number.isSafeInteger(r.valueFen)) throw new RangeError("valueFen must be whole fen");
    byKind[r.kind].count += 1;
    byKind[r.kind].valueFen += r.valueFen;
    totalFen += r.valueFen;
  }
  return { count: records.length, totalFen, byKind };
}

export interface SupervisedWorker {
  userId: string;
  name: string;
}

export interface SupervisionRecord {
  heldOn: string;
  durationMinutes: number;
  workerUserIds: readonly string[];
}

export interface SupervisionCell {
  month: string;
  sessions: number;
  minutes: number;
}

export interface SupervisionMatrix {
  /** The months of the year that have begun by `today` (YYYY-MM): later ones cannot have withered yet. */
  months: string[];
  rows: (SupervisedWorker & { cells: SupervisionCell[]; monthsWithout: string[]; sessions: number; minutes: number })[];
}

/**
 * Supervision per worker and month (issue 4 item 7): evaluators find supervision the first thing to
 * wither, so every month of the year so far gets a cell, and the months a worker had none are named.
 * Sessions outside the year or of people not listed as workers are left out.
 */
export function supervisionMatrix(workers: readonly SupervisedWorker[], sessions: readonly SupervisionRecord[], year: number, today: string): SupervisionMatrix {
  if (!isIsoDate(today)) throw new RangeError("today must be a real YYYY-MM-DD date");
  const thisYear = Number(today.slice(0, 4));
  const lastMonth = year < thisYear ? 12 : year > thisYear ? 0 : Number(today.slice(5, 7));
  const months = Array.from({ length: lastMonth }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
  const cells = new Map<string, SupervisionCell>();
  for (const s of sessions) {
    const month = s.heldOn.slice(0, 7);
    if (!months.includes(month)) continue;
    for (const userId of new Set(s.workerUserIds)) {
      const key = `${userId}|${month}`;
      const cell = cells.get(key) ?? { month, sessions: 0, minutes: 0 };
      cell.sessions += 1;
      cell.minutes += s.durationMinutes;
      cells.set(key, cell);
    }
  }
  const rows = workers.map((w) => {
    const own = months.map((month) => cells.get(`${w.userId}|${month}`) ?? { month, sessions: 0, minutes: 0 });
    return {
      ...w,
      cells: own,
      monthsWithout: own.filter((c) => c.sessions === 0).map((c) => c.month),
      sessions: own.reduce((n, c) => n + c.sessions, 0),
      minutes: own.reduce((n, c) => n + c.minutes, 0),
    };
  });
  return { months, rows };
}

export interface SatisfactionSummary {
  responses: number;
  /** Mean score to two decimals; null with no responses, rather than a misleading 0. */
  meanScore: number | null;
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  /** Share of 4 and 5 (满意率), a percentage to one decimal, as evaluation forms report it. */
  satisfiedPercent: number | null;
}

export function satisfactionSummary(scores: readonly number[]): SatisfactionSummary {
  const distribution: SatisfactionSummary["distribution"] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`score ${score} is not 1–5`);
    distribution[score as 1 | 2 | 3 | 4 | 5] += 1;
  }
  const responses = scores.length;
  if (responses === 0) return { responses, meanScore: null, distribution, satisfiedPercent: null };
  const sum = scores.reduce((a, b) => a + b, 0);
  return {
    responses,
    meanScore: Math.round((sum / responses) * 100) / 100,
    distribution,
    satisfiedPercent: Math.round(((distribution[4] + distribution[5]) / responses) * 1000) / 10,
  };
}

export const SERVICE_RECORD_KINDS = ["visit", "case_service", "activity", "followup"] as const;
export type ServiceRecordKind = (typeof SERVICE_RECORD_KINDS)[number];

export interface WorkerServiceRecord {
  userId: string;
  kind: ServiceRecordKind;
  on: string;
  minutes: number;
}

export interface WorkerServiceHours {
  userId: string;
  /** Minutes per month of the year (index 0 = January). */
  byMonth: number[];
  byKind: Record<ServiceRecordKind, number>;
  minutes: number;
}

/**
 * Service time per worker and month (issue 4 item 7: every service record carries its duration, so
 * service hours add up). Each worker named on a record is credited its whole duration: two workers
 * on a 30-minute visit each served 30 minutes, which is how worker-hours are reported.
 */
export function workerServiceHours(records: readonly WorkerServiceRecord[], year: number): WorkerServiceHours[] {
  const byWorker = new Map<string, WorkerServiceHours>();
  for (const r of records) {
    if (Number(r.on.slice(0, 4)) !== year) continue;
    const hours = byWorker.get(r.userId) ?? { userId: r.userId, byMonth: Array.from({ length: 12 }, () => 0), byKind: { visit: 0, case_service: 0, activity: 0, followup: 0 }, minutes: 0 };
    hours.byMonth[Number(r.on.slice(5, 7)) - 1]! += r.minutes;
    hours.byKind[r.kind] += r.minutes;
    hours.minutes += r.minutes;
    byWorker.set(r.userId, hours);
  }
  return [...byWorker.values()];
}
