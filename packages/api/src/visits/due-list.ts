import type { Tx } from "@shegong/db";
import {
  daysOverdue,
  dueStatus,
  nextDueDate,
  resolveCadence,
  type CategoryKey,
  type DueStatus,
  type LivingArrangement,
} from "@shegong/domain";
import { sql } from "kysely";
import { heldOn } from "../registry/person-categories.ts";
import { loadCadenceOverrides } from "./cadence-settings.ts";

// One collator for the whole sort: localeCompare with a locale builds one per comparison.
const byChineseName = new Intl.Collator("zh-CN");

export interface DueEntry {
  personId: string;
  name: string;
  villageName: string | null;
  assignedWorkerId: string | null;
  categories: CategoryKey[];
  cadence: { unit: string; every: number };
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

/**
 * Who must be visited and by when (issue 4 item 1): every active person holding a category today,
 * at the strictest cadence over their categories (after region and station overrides), due one
 * interval after their last visit (their own or their household's), or now if never visited.
 * `workerId` narrows to a worker's own people (and those nobody is assigned to).
 */
export async function dueList(tx: Tx, stationId: string, options: { today: string; workerId?: string; soonDays?: number }): Promise<DueEntry[]> {
  const overrides = await loadCadenceOverrides(tx, stationId);
  let query = tx
    .selectFrom("person as p")
    .innerJoin("person_category as pc", (j) => j.onRef("pc.station_id", "=", "p.station_id").onRef("pc.person_id", "=", "p.id"))
    .leftJoin("division as v", "v.code", "p.village_code")
    .select([
      "p.id",
      "p.name",
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
    .groupBy(["p.station_id", "p.id", "v.name"]);
  if (options.workerId) {
    query = query.where((eb) => eb.or([eb("p.assigned_worker_id", "=", options.workerId as string), eb("p.assigned_worker_id", "is", null)]));
  }
  const rows = await query.execute();
  const entries: DueEntry[] = [];
  for (const row of rows) {
    const resolved = resolveCadence(row.categories as CategoryKey[], {
      livingArrangement: row.living_arrangement as LivingArrangement | null,
      regionOverrides: overrides.region,
      stationOverrides: overrides.station,
    });
    if (!resolved) continue;
    const dueOn = nextDueDate(row.last_visit_on, resolved.cadence, { firstDueFrom: row.first_due_from });
    entries.push({
      personId: row.id,
      name: row.name,
      villageName: row.village_name,
      assignedWorkerId: row.assigned_worker_id,
      categories: row.categories as CategoryKey[],
      cadence: resolved.cadence,
      fromCategory: resolved.fromCategory,
      livingAlone: resolved.livingAlone,
      livesAlone: row.living_arrangement === "alone",
      lastVisitOn: row.last_visit_on,
      dueOn,
      status: dueStatus(dueOn, options.today, { soonDays: options.soonDays ?? 7 }),
      daysOverdue: daysOverdue(dueOn, options.today),
    });
  }
  return entries.sort((a, b) => (a.dueOn === b.dueOn ? byChineseName.compare(a.name, b.name) : a.dueOn < b.dueOn ? -1 : 1));
}
