import type { SatisfactionSummary } from "../activities/totals.ts";
import { satisfactionSummary } from "../activities/totals.ts";
import { ACTIVITY_KIND_LABELS, SUPERVISION_FORMAT_LABELS, type ResourceKind } from "../activities/vocab.ts";
import { CASE_SERVICE_AREA_LABELS } from "../cases/vocab.ts";
import type { Locale } from "../errors.ts";
import { VISIT_KIND_LABELS, VISIT_MODE_LABELS } from "../visits/vocab.ts";

/**
 * Every record that carries a duration, in one shape (issue 4 items 7–8): a visit, a case service,
 * an activity, a satisfaction follow-up, a supervision session. Daily work logs and the monthly
 * report are drafted from these, so their numbers are the records' numbers.
 */
export const WORK_RECORD_KINDS = ["visit", "case_service", "activity", "followup", "supervision"] as const;
export type WorkRecordKind = (typeof WORK_RECORD_KINDS)[number];

export interface WorkRecord {
  kind: WorkRecordKind;
  id: string;
  on: string;
  minutes: number;
  /** The visit's or activity's service area (elderly, children …); null where a record has none. */
  area: string | null;
  /** The record's own type: visit kind, case service area, activity kind, follow-up mode, supervision format. */
  type: string;
  /** A line a person recognises: whom, or the topic. */
  title: string;
  /** Registered people reached by it (a household visit reaches its head). */
  personIds: string[];
  /** People reached who are not on the register (an activity's head count of others). */
  othersCount: number;
  workerUserIds: string[];
}

export interface MonthlyReportInput {
  month: string;
  records: readonly WorkRecord[];
  scores: readonly number[];
  resources: readonly { kind: ResourceKind; valueFen: number }[];
  cases: { opened: number; closed: number; openAtEnd: number };
}

export interface ServiceRow {
  kind: WorkRecordKind;
  area: string | null;
  type: string;
  count: number;
  minutes: number;
}

export interface MonthlyReport {
  month: string;
  services: ServiceRow[];
  totals: { count: number; minutes: number; serviceMinutes: number };
  reach: { people: number; others: number };
  satisfaction: SatisfactionSummary;
  resources: { count: number; valueFen: number; byKind: Partial<Record<ResourceKind, { count: number; valueFen: number }>> };
  cases: { opened: number; closed: number; openAtEnd: number };
  byWorker: { userId: string; count: number; minutes: number }[];
}

/** Supervision develops the workers rather than serving people: counted, but not as service time. */
const SERVICE_KINDS: ReadonlySet<WorkRecordKind> = new Set(["visit", "case_service", "activity", "followup"]);

/**
 * A station's monthly report, drafted from its records: service counts and time by kind, area and
 * type, people reached (each person once however often served), satisfaction, resources linked,
 * cases, and each worker's share (a record credits every worker named on it).
 */
export function draftMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const rows = new Map<string, ServiceRow>();
  const people = new Set<string>();
  const workers = new Map<string, { userId: string; count: number; minutes: number }>();
  let others = 0;
  let count = 0;
  let minutes = 0;
  let serviceMinutes = 0;
  for (const r of input.records) {
    if (r.on.slice(0, 7) !== input.month) continue;
    const key = `${r.kind}|${r.area ?? ""}|${r.type}`;
    const row = rows.get(key) ?? { kind: r.kind, area: r.area, type: r.type, count: 0, minutes: 0 };
    row.count += 1;
    row.minutes += r.minutes;
    rows.set(key, row);
    count += 1;
    minutes += r.minutes;
    if (SERVICE_KINDS.has(r.kind)) serviceMinutes += r.minutes;
    for (const id of r.personIds) people.add(id);
    others += r.othersCount;
    for (const userId of new Set(r.workerUserIds)) {
      const w = workers.get(userId) ?? { userId, count: 0, minutes: 0 };
      w.count += 1;
      w.minutes += r.minutes;
      workers.set(userId, w);
    }
  }
  const byKind: MonthlyReport["resources"]["byKind"] = {};
  let valueFen = 0;
  for (const r of input.resources) {
    const k = (byKind[r.kind] ??= { count: 0, valueFen: 0 });
    k.count += 1;
    k.valueFen += r.valueFen;
    valueFen += r.valueFen;
  }
  const order = (k: WorkRecordKind) => WORK_RECORD_KINDS.indexOf(k);
  return {
    month: input.month,
    services: [...rows.values()].sort((a, b) => order(a.kind) - order(b.kind) || (a.area ?? "").localeCompare(b.area ?? "") || a.type.localeCompare(b.type)),
    totals: { count, minutes, serviceMinutes },
    reach: { people: people.size, others },
    satisfaction: satisfactionSummary(input.scores),
    resources: { count: input.resources.length, valueFen, byKind },
    cases: input.cases,
    byWorker: [...workers.values()].sort((a, b) => b.minutes - a.minutes),
  };
}

export const WORK_RECORD_KIND_LABELS: Record<WorkRecordKind, { zh: string; en: string }> = {
  visit: { zh: "走访", en: "Visit" },
  case_service: { zh: "个案服务", en: "Case service" },
  activity: { zh: "活动", en: "Activity" },
  followup: { zh: "满意度回访", en: "Follow-up" },
  supervision: { zh: "督导", en: "Supervision" },
};

const TYPE_LABELS: Record<WorkRecordKind, Record<string, { zh: string; en: string }>> = {
  visit: VISIT_KIND_LABELS,
  case_service: CASE_SERVICE_AREA_LABELS,
  activity: ACTIVITY_KIND_LABELS,
  followup: VISIT_MODE_LABELS,
  supervision: SUPERVISION_FORMAT_LABELS,
};

/** "走访 · 巡访", "个案服务 · 精神慰藉": a record's kind and type as a person reads them. */
export function workRecordLabel(kind: WorkRecordKind, type: string, locale: Locale): string {
  const pick = (l: { zh: string; en: string } | undefined) => (l ? (locale === "en" ? l.en : l.zh) : type);
  return `${pick(WORK_RECORD_KIND_LABELS[kind])} · ${pick(TYPE_LABELS[kind][type])}`;
}
