import type { Tx } from "@shegong/db";
import {
  classifySearch,
  compareDueOrder,
  daysOverdue,
  dueStatus,
  nextDueDate,
  resolveCadence,
  type Cadence,
  type CadenceOverrides,
  type CategoryKey,
  type DueStatus,
  type LivingArrangement,
} from "@shegong/domain";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { personMatches } from "../registry/find-people.ts";
import { heldOn } from "../registry/person-categories.ts";
import { loadCadenceOverrides } from "./cadence-settings.ts";

export interface DueEntry {
  personId: string;
  name: string;
  /** The name in pinyin: the list's order within a day, the same on every page. */
  namePinyin: string;
  villageName: string | null;
  assignedWorkerId: string | null;
  categories: CategoryKey[];
  cadence: Cadence;
  fromCategory: CategoryKey;
  /** Living alone tightened the rule (the due list can say why the cadence is what it is). */
  livingAlone: boolean;
  /** Lives alone at all: shown on the list whatever the rule, because it is why a visit matters. */
  livesAlone: boolean;
  lastVisitOn: string | null;
  dueOn: string;
  status: DueStatus;
  daysOverdue: number;
}

/** A person's place on the rounds, before today is applied: what the due table keeps per person. */
export interface DueDate {
  personId: string;
  dueOn: string;
  lastVisitOn: string | null;
  categories: CategoryKey[];
  cadence: Cadence;
  fromCategory: CategoryKey;
  livingAloneRule: boolean;
}

/** Who the person is, for the list: read fresh from the registry, never kept beside the due date. */
export interface DuePerson {
  name: string;
  name_pinyin: string;
  village_name: string | null;
  living_arrangement: string | null;
  assigned_worker_id: string | null;
}

/** Everyone on a station's rounds, or a few of them, with what their due date is computed from. */
/** A due list's narrowing: a worker's own people, and a name, pinyin or ID-digits search. */
export interface DueFilter {
  workerId?: string;
  search?: string;
}

/** The filter as a condition on person `p`, the same for the kept rows and the computed list. */
export function dueFilterCondition(filter: DueFilter): RawBuilder<SqlBool> {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.workerId) conditions.push(sql<SqlBool>`(p.assigned_worker_id = ${filter.workerId} or p.assigned_worker_id is null)`);
  if (filter.search?.trim()) conditions.push(personMatches(classifySearch(filter.search)));
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`true`;
}

export async function dueSources(tx: Tx, stationId: string, options: DueFilter & { today: string; personIds?: readonly string[] }) {
  if (options.personIds?.length === 0) return [];
  let query = tx
    .selectFrom("person as p")
    .innerJoin("person_category as pc", (j) => j.onRef("pc.station_id", "=", "p.station_id").onRef("pc.person_id", "=", "p.id"))
    .leftJoin("division as v", "v.code", "p.village_code")
    .select([
      "p.id",
      "p.name",
      "p.name_pinyin",
      "v.name as village_name",
      "p.living_arrangement",
      "p.assigned_worker_id",
      sql<string[]>`array_agg(distinct pc.category)`.as("categories"),
      // Never visited: due from when the station took the person on (registered here), or the
      // category's start if later — not from a start date years before the registry existed.
      sql<string>`greatest(min(pc.start_date), p.registered_on)::text`.as("first_due_from"),
      // Two index lookups (own visits, the household's) rather than one OR the index cannot serve.
      // Bounded by the day, so the list can be drawn as of a past month's end (the rollups do).
      sql<string | null>`greatest(
        (select max(vi.visited_on) from visit vi where vi.station_id = p.station_id and vi.person_id = p.id and vi.visited_on <= ${options.today}),
        (select max(vh.visited_on) from visit vh where vh.station_id = p.station_id and vh.household_id = p.household_id and vh.visited_on <= ${options.today}))::text`.as("last_visit_on"),
    ])
    .where("p.station_id", "=", stationId)
    .where("p.status", "=", "active")
    .where(heldOn(options.today))
    .where(dueFilterCondition(options))
    .groupBy(["p.station_id", "p.id", "v.name"]);
  if (options.personIds) query = query.where("p.id", "=", sql<string>`any(${[...options.personIds]}::uuid[])`);
  return query.execute();
}

export type DueSource = Awaited<ReturnType<typeof dueSources>>[number];

/** The due date a source row gives under the station's rules; null when none of its categories calls for rounds. */
export function dueDateOf(row: DueSource, overrides: { region: CadenceOverrides; station: CadenceOverrides }): DueDate | null {
  const categories = row.categories as CategoryKey[];
  const resolved = resolveCadence(categories, {
    livingArrangement: row.living_arrangement as LivingArrangement | null,
    regionOverrides: overrides.region,
    stationOverrides: overrides.station,
  });
  if (!resolved) return null;
  return {
    personId: row.id,
    dueOn: nextDueDate(row.last_visit_on, resolved.cadence, { firstDueFrom: row.first_due_from }),
    lastVisitOn: row.last_visit_on,
    categories,
    cadence: resolved.cadence,
    fromCategory: resolved.fromCategory,
    livingAloneRule: resolved.livingAlone,
  };
}

/** A due date as the list shows it on `today`. */
export function dueEntryOf(due: DueDate, person: DuePerson, today: string, soonDays = 7): DueEntry {
  return {
    personId: due.personId,
    name: person.name,
    namePinyin: person.name_pinyin,
    villageName: person.village_name,
    assignedWorkerId: person.assigned_worker_id,
    categories: due.categories,
    cadence: due.cadence,
    fromCategory: due.fromCategory,
    livingAlone: due.livingAloneRule,
    livesAlone: person.living_arrangement === "alone",
    lastVisitOn: due.lastVisitOn,
    dueOn: due.dueOn,
    status: dueStatus(due.dueOn, today, { soonDays }),
    daysOverdue: daysOverdue(due.dueOn, today),
  };
}

/**
 * Who must be visited and by when (issue 4 item 1), computed from the facts as of any day: every
 * active person holding a category that day, at the strictest cadence over their categories (after
 * region and station overrides), due one interval after their last visit (their own or their
 * household's), or at once if never visited. `workerId` narrows to a worker's own people (and those
 * nobody is assigned to). The server's everyday list reads the same dates kept as rows (due-table.ts);
 * this is the definition those rows are checked against, and what past months' reports use.
 */
export async function dueList(tx: Tx, stationId: string, options: DueFilter & { today: string; soonDays?: number }): Promise<DueEntry[]> {
  const [overrides, rows] = await Promise.all([loadCadenceOverrides(tx, stationId), dueSources(tx, stationId, options)]);
  const entries: DueEntry[] = [];
  for (const row of rows) {
    const due = dueDateOf(row, overrides);
    if (due) entries.push(dueEntryOf(due, row, options.today, options.soonDays));
  }
  return entries.sort(compareDueOrder);
}
