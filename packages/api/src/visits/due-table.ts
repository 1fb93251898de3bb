import type { Tx } from "@shegong/db";
import {
  cadenceRulesFingerprint,
  dueRulesVersionTag,
  compareDueOrder,
  DUE_STATUSES,
  dueStatusRange,
  emptyDueCounts,
  type CadenceUnit,
  type CategoryKey,
  type DueCounts,
  type DueStatus,
} from "@shegong/domain";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { effectiveEndSql } from "../registry/person-categories.ts";
import { loadCadenceOverrides } from "./cadence-settings.ts";
import { dueDateOf, dueEntryOf, dueFilterCondition, dueList, dueSources, type DueDate, type DueEntry, type DueFilter } from "./due-list.ts";

/**
 * The due list kept as rows (migration 2026-11-28-20-visit-due): the everyday list reads
 * `visit_due`, an index on due dates, instead of recomputing every person's cadence and last visit.
 * The rows are derived, never authored: before a read, `refreshDueTable` recomputes the people the
 * facts have marked and the rows whose `valid_until` has come, through the same dueSources/dueDateOf
 * as the computed list, so both give the same list (a test holds them equal).
 */

export interface DuePageOptions extends DueFilter {
  today: string;
  status?: DueStatus;
  offset: number;
  limit: number;
  soonDays?: number;
}

export interface DuePage {
  asOf: string;
  /** How many people are in each status (within `mine` when asked), whatever page is shown. */
  counts: DueCounts;
  /** How many entries the status filter matches: pages go up to it. */
  total: number;
  entries: DueEntry[];
}

/** The first day a person's categories change by themselves: one starts, ends, or a child comes of age. */
async function validUntil(tx: Tx, stationId: string, today: string, personIds: readonly string[] | null): Promise<Map<string, string>> {
  const rows = await sql<{ person_id: string; valid_until: string }>`
    select pc.person_id, min(b.day)::text as valid_until
    from person_category pc
    join person p on p.station_id = pc.station_id and p.id = pc.person_id
    cross join lateral (values (pc.start_date), (${effectiveEndSql()})) as b(day)
    where pc.station_id = ${stationId} and p.status = 'active' and b.day > ${today}
      ${personIds ? sql`and pc.person_id = any(${[...personIds]}::uuid[])` : sql``}
    group by pc.person_id`.execute(tx);
  return new Map(rows.rows.map((r) => [r.person_id, r.valid_until]));
}

/** A due date with what the page is ordered and narrowed by (the name's pinyin, the assigned worker). */
type KeptDue = DueDate & { namePinyin: string; assignedWorkerId: string | null };

async function writeDueRows(tx: Tx, stationId: string, today: string, dues: KeptDue[], pending: Map<string, string>, valid: Map<string, string>) {
  const rows = [
    ...dues.map((d) => ({ ...d, validUntil: valid.get(d.personId) ?? null })),
    // Holds a category that has not started yet: kept as a row, so the day it starts recomputes it.
    ...[...pending].map(([personId, validUntil]) => ({
      personId,
      dueOn: null,
      lastVisitOn: null,
      categories: [],
      cadence: null,
      fromCategory: null,
      livingAloneRule: false,
      namePinyin: "",
      assignedWorkerId: null,
      validUntil,
    })),
  ].sort((a, b) => (a.personId < b.personId ? -1 : 1)); // one lock order for concurrent refreshes
  if (rows.length === 0) return;
  const column = (values: (string | number | boolean | null)[]) => values.map((v) => (v === null ? null : String(v)));
  await sql`
    insert into visit_due (station_id, person_id, due_on, last_visit_on, categories, cadence_unit, cadence_every, from_category, living_alone_rule, name_pinyin, assigned_worker_id, valid_until, computed_on)
    select ${stationId}, u.person_id, u.due_on, u.last_visit_on, string_to_array(u.categories, ','), u.cadence_unit, u.cadence_every, u.from_category, u.living_alone_rule, u.name_pinyin, u.assigned_worker_id, u.valid_until, ${today}
    from unnest(
      ${column(rows.map((r) => r.personId))}::text[]::uuid[],
      ${column(rows.map((r) => r.dueOn))}::text[]::date[],
      ${column(rows.map((r) => r.lastVisitOn))}::text[]::date[],
      ${column(rows.map((r) => r.categories.join(",")))}::text[],
      ${column(rows.map((r) => r.cadence?.unit ?? null))}::text[],
      ${column(rows.map((r) => r.cadence?.every ?? null))}::text[]::integer[],
      ${column(rows.map((r) => r.fromCategory))}::text[],
      ${column(rows.map((r) => r.livingAloneRule))}::text[]::boolean[],
      ${column(rows.map((r) => r.namePinyin))}::text[],
      ${column(rows.map((r) => r.assignedWorkerId))}::text[]::uuid[],
      ${column(rows.map((r) => r.validUntil))}::text[]::date[]
    ) as u(person_id, due_on, last_visit_on, categories, cadence_unit, cadence_every, from_category, living_alone_rule, name_pinyin, assigned_worker_id, valid_until)
    on conflict (station_id, person_id) do update set
      due_on = excluded.due_on, last_visit_on = excluded.last_visit_on, categories = excluded.categories,
      cadence_unit = excluded.cadence_unit, cadence_every = excluded.cadence_every, from_category = excluded.from_category,
      living_alone_rule = excluded.living_alone_rule, name_pinyin = excluded.name_pinyin, assigned_worker_id = excluded.assigned_worker_id,
      valid_until = excluded.valid_until, computed_on = excluded.computed_on`.execute(tx);
  // A station's first rows (or a whole station recomputed): statistics, or the planner guesses 4 rows for 2,000.
  if (rows.length >= STATISTICS_AFTER_ROWS) await sql`select refresh_visit_due_statistics()`.execute(tx);
}

const STATISTICS_AFTER_ROWS = 500;

/**
 * Whether a station's rows can be read as they are on `today`, in one look: computed under these
 * rules (an override change drops the state, see the migration), nobody marked, no row's day come.
 */
export async function dueTableIsCurrent(tx: Tx, stationId: string, today: string): Promise<boolean> {
  const { rows } = await sql<{ rules: string | null; marked: boolean; stale: boolean }>`
    select (select rules from visit_due_state where station_id = ${stationId}) as rules,
      exists (select 1 from visit_due_dirty where station_id = ${stationId}) as marked,
      exists (select 1 from visit_due where station_id = ${stationId} and valid_until <= ${today}) as stale`.execute(tx);
  const row = rows[0];
  return row !== undefined && row.rules?.startsWith(dueRulesVersionTag()) === true && !row.marked && !row.stale;
}

/**
 * Brings a station's due rows up to `today` (the server's today: rows are never kept as of another
 * day). Recomputes the people marked by writes and the rows whose day has come; everyone when the
 * station's cadence rules changed since its rows were computed. Returns how many people it recomputed.
 */
export async function refreshDueTable(tx: Tx, stationId: string, today: string): Promise<number> {
  const overrides = await loadCadenceOverrides(tx, stationId);
  const rules = cadenceRulesFingerprint(overrides);
  // In one round trip: the rules the rows were computed under, the marks claimed (a write committing
  // meanwhile leaves its own mark for the next refresh), and the rows whose day has come.
  const { rows } = await sql<{ rules: string | null; people: string[] }>`
    with claimed as (delete from visit_due_dirty where station_id = ${stationId} returning person_id)
    select (select rules from visit_due_state where station_id = ${stationId}) as rules,
      array(select person_id::text from claimed union select person_id::text from visit_due where station_id = ${stationId} and valid_until <= ${today}) as people`.execute(tx);
  const state = rows[0]!;
  let personIds: string[] | null;
  if (state.rules !== rules) {
    personIds = null;
    await tx
      .insertInto("visit_due_state")
      .values({ station_id: stationId, rules })
      .onConflict((oc) => oc.column("station_id").doUpdateSet({ rules, updated_at: new Date() }))
      .execute();
  } else {
    personIds = state.people;
    if (personIds.length === 0) return 0;
  }
  const [sources, valid] = await Promise.all([dueSources(tx, stationId, { today, personIds: personIds ?? undefined }), validUntil(tx, stationId, today, personIds)]);
  const dues: KeptDue[] = [];
  for (const source of sources) {
    const due = dueDateOf(source, overrides);
    if (due) dues.push({ ...due, namePinyin: source.name_pinyin, assignedWorkerId: source.assigned_worker_id });
  }
  const kept = new Set(dues.map((d) => d.personId));
  const pending = new Map([...valid].filter(([personId]) => !kept.has(personId)));
  for (const personId of pending.keys()) kept.add(personId);
  // Off the rounds (no category held or coming, rounds switched off, died, moved): no row.
  const gone = personIds?.filter((id) => !kept.has(id));
  if (!personIds) await tx.deleteFrom("visit_due").where("station_id", "=", stationId).where("person_id", "!=", sql<string>`all(${[...kept]}::uuid[])`).execute();
  else if (gone!.length > 0) await tx.deleteFrom("visit_due").where("station_id", "=", stationId).where("person_id", "=", sql<string>`any(${gone}::uuid[])`).execute();
  await writeDueRows(tx, stationId, today, dues, pending, valid);
  return personIds?.length ?? kept.size;
}

/**
 * A station's kept rows on the rounds, narrowed by the filter: the assigned worker is on the row
 * itself; a search looks at the person, for those rows only.
 */
function keptRows(stationId: string, filter: DueFilter): RawBuilder<SqlBool> {
  const conditions = [sql`d.station_id = ${stationId}`, sql`d.due_on is not null`];
  if (filter.workerId) conditions.push(sql`(d.assigned_worker_id = ${filter.workerId} or d.assigned_worker_id is null)`);
  if (filter.search?.trim()) {
    conditions.push(sql`exists (select 1 from person p where p.station_id = d.station_id and p.id = d.person_id and ${dueFilterCondition({ search: filter.search })})`);
  }
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

interface DuePageRow {
  person_id: string;
  due_on: string;
  last_visit_on: string | null;
  categories: string[];
  cadence_unit: string;
  cadence_every: number;
  from_category: string;
  living_alone_rule: boolean;
  name: string;
  name_pinyin: string;
  village_name: string | null;
  living_arrangement: string | null;
  assigned_worker_id: string | null;
}

/** One page of the due list from the kept rows, with the count in every status. Call refreshDueTable first. */
export async function readDuePage(tx: Tx, stationId: string, options: DuePageOptions): Promise<DuePage> {
  const soon = { soonDays: options.soonDays ?? 7 };
  const inRange = (status: DueStatus) => {
    const { from, before } = dueStatusRange(status, options.today, soon);
    return sql.join([from ? sql`d.due_on >= ${from}` : sql`true`, before ? sql`d.due_on < ${before}` : sql`true`], sql` and `);
  };
  const where = keptRows(stationId, options);
  const countsQuery = sql<DueCounts>`
    select ${sql.join(DUE_STATUSES.map((status) => sql`(count(*) filter (where ${inRange(status)}))::int as ${sql.ref(status)}`))}
    from visit_due d where ${where}`;
  // The page is read off the index in its order, and only its rows meet their people.
  const pageQuery = sql<DuePageRow>`
    with page as (
      select d.* from visit_due d
      where ${where} ${options.status ? sql`and ${inRange(options.status)}` : sql``}
      order by d.due_on, d.name_pinyin collate "C", d.person_id
      offset ${options.offset} limit ${options.limit})
    select page.person_id, page.due_on::text as due_on, page.last_visit_on::text as last_visit_on, page.categories, page.cadence_unit,
      page.cadence_every, page.from_category, page.living_alone_rule, p.name, p.name_pinyin, v.name as village_name,
      p.living_arrangement, p.assigned_worker_id
    from page
    join person p on p.station_id = page.station_id and p.id = page.person_id
    left join division v on v.code = p.village_code
    order by page.due_on, page.name_pinyin collate "C", page.person_id`;
  const [countRows, rows] = await Promise.all([countsQuery.execute(tx), pageQuery.execute(tx)]);
  const counts = emptyDueCounts();
  for (const status of DUE_STATUSES) counts[status] = countRows.rows[0]?.[status] ?? 0;
  const entries = rows.rows.map((r) =>
    dueEntryOf(
      {
        personId: r.person_id,
        dueOn: r.due_on,
        lastVisitOn: r.last_visit_on,
        categories: r.categories as CategoryKey[],
        cadence: { unit: r.cadence_unit as CadenceUnit, every: r.cadence_every as number },
        fromCategory: r.from_category as CategoryKey,
        livingAloneRule: r.living_alone_rule,
      },
      r,
      options.today,
      soon.soonDays,
    ),
  );
  return { asOf: options.today, counts, total: options.status ? counts[options.status] : DUE_STATUSES.reduce((n, s) => n + counts[s], 0), entries };
}

/** The same page cut from a computed list (a past or future day, which the kept rows do not hold). */
export function pageOfDueList(entries: readonly DueEntry[], options: Omit<DuePageOptions, "workerId">): DuePage {
  const counts = emptyDueCounts();
  for (const e of entries) counts[e.status] += 1;
  const matching = options.status ? entries.filter((e) => e.status === options.status) : entries;
  return { asOf: options.today, counts, total: matching.length, entries: [...matching].sort(compareDueOrder).slice(options.offset, options.offset + options.limit) };
}

/**
 * People falling due per day of a month, for the station calendar. Anyone already late is counted
 * on today, where the work actually waits. Call refreshDueTable first.
 */
export async function dueCountsByDay(tx: Tx, stationId: string, options: { today: string; from: string; to: string }) {
  const rows = await sql<{ day: string; due: number }>`
    select b.day::text as day, count(*)::int as due
    from visit_due d cross join lateral (select greatest(d.due_on, ${options.today}::date) as day) b
    where d.station_id = ${stationId} and d.due_on is not null and b.day between ${options.from} and ${options.to}
    group by b.day order by b.day`.execute(tx);
  return rows.rows;
}

type Runner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The due list as a person asks for it: on the server's today from the kept rows, brought up to
 * date first in a short transaction of its own (the read itself stays read-only); on any other
 * day computed from the facts.
 */
export async function duePage(run: { tx: Runner; upkeep: Runner }, stationId: string, options: DuePageOptions & { serverToday: string }): Promise<DuePage> {
  if (options.today !== options.serverToday) {
    return run.tx(async (tx) => pageOfDueList(await dueList(tx, stationId, options), options));
  }
  return readKeptRows(run, stationId, options.today, (tx) => readDuePage(tx, stationId, options));
}

/** People falling due per day between two dates (the calendar's month), on the server's today. */
export function dueCalendar(run: { tx: Runner; upkeep: Runner }, stationId: string, options: { today: string; from: string; to: string }) {
  return readKeptRows(run, stationId, options.today, (tx) => dueCountsByDay(tx, stationId, options));
}

/** A read of the kept rows: at once when they are current, else after one upkeep transaction brings them up to date. */
async function readKeptRows<T>(run: { tx: Runner; upkeep: Runner }, stationId: string, today: string, read: (tx: Tx) => Promise<T>): Promise<T> {
  const current = await run.tx(async (tx) => ((await dueTableIsCurrent(tx, stationId, today)) ? { value: await read(tx) } : null));
  if (current) return current.value;
  await run.upkeep((tx) => refreshDueTable(tx, stationId, today));
  return run.tx(read);
}
