import type { Tx } from "@shegong/db";
import { CATEGORIES, checkCategoryAge, type CategoryKey } from "@shegong/domain";
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import { appError } from "../errors.ts";
import type { RegistryContext } from "./registry-context.ts";

const ADULTHOOD_ENDS = Object.entries(CATEGORIES)
  .filter(([, c]) => c.endsAtAdulthood)
  .map(([key]) => key);

/**
 * When a category entry really ends: its own end date, or earlier if the person died, moved out, or
 * (for child categories) turned 18 — computed, so no job has to run on anyone's birthday (issue 3).
 */
export function effectiveEndSql(category = sql.ref("pc.category"), endDate = sql.ref("pc.end_date")) {
  return sql<string | null>`least(${endDate}, p.died_on, p.moved_out_on,
    case when ${category} in (${sql.join(ADULTHOOD_ENDS)}) then p.adult_on end)`;
}

/** A date as a value, or a column of dates (a rollup evaluates many months in one query). */
export type AsOf = string | RawBuilder<unknown>;

/** Held on `asOf`: started on or before it and not yet (effectively) ended. */
export function heldOn(asOf: AsOf): Expression<SqlBool> {
  return sql<SqlBool>`(pc.start_date <= ${asOf} and (${effectiveEndSql()} is null or ${effectiveEndSql()} > ${asOf}))`;
}

export interface CategoryEntry {
  category: CategoryKey;
  startDate: string;
  source?: string;
  note?: string;
}

/** Enters a person into a category from a date, checking the age rules and overlaps (R9–R12). The entry is its own dated history. */
export async function addCategory(tx: Tx, ctx: RegistryContext, personId: string, entry: CategoryEntry) {
  const person = await tx
    .selectFrom("person")
    .select(["birth_date", "status", "died_on", "moved_out_on"])
    .where("station_id", "=", ctx.stationId)
    .where("id", "=", personId)
    .executeTakeFirst();
  if (!person) throw appError("NOT_FOUND");
  if (person.status !== "active") throw appError("PERSON_NOT_ACTIVE");
  if (entry.startDate < person.birth_date) throw appError("VALIDATION", { field: "startDate", min: person.birth_date });
  const ageError = checkCategoryAge(entry.category, person.birth_date, entry.startDate, ctx.rules);
  if (ageError) throw appError("CATEGORY_AGE", { zh: ageError.zh, en: ageError.en, rule: ageError.code });
  const overlap = await tx
    .selectFrom("person_category as pc")
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "pc.station_id").onRef("p.id", "=", "pc.person_id"))
    .select("pc.id")
    .where("pc.station_id", "=", ctx.stationId)
    .where("pc.person_id", "=", personId)
    .where("pc.category", "=", entry.category)
    .where((eb) => eb.or([eb(effectiveEndSql(), "is", null), eb(effectiveEndSql(), ">", entry.startDate)]))
    .executeTakeFirst();
  if (overlap) throw appError("CATEGORY_OVERLAP", { categoryEntryId: overlap.id });
  const row = await tx
    .insertInto("person_category")
    .values({
      station_id: ctx.stationId,
      person_id: personId,
      category: entry.category,
      start_date: entry.startDate,
      source: entry.source ?? "",
      note: entry.note ?? "",
      created_by: ctx.actorUserId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { categoryEntryId: row.id };
}

/** Ends a category entry on a date (it is no longer held from that day). */
export async function endCategory(tx: Tx, ctx: RegistryContext, personId: string, categoryEntryId: string, endDate: string, reason: string) {
  const entry = await tx
    .selectFrom("person_category")
    .select(["category", "start_date", "end_date"])
    .where("station_id", "=", ctx.stationId)
    .where("person_id", "=", personId)
    .where("id", "=", categoryEntryId)
    .executeTakeFirst();
  if (!entry) throw appError("NOT_FOUND");
  if (endDate < entry.start_date) throw appError("VALIDATION", { field: "endDate", min: entry.start_date });
  await tx
    .updateTable("person_category")
    .set({ end_date: endDate, end_reason: reason, ended_by: ctx.actorUserId })
    .where("station_id", "=", ctx.stationId)
    .where("id", "=", categoryEntryId)
    .execute();
}

/** Registered at the station on `asOf`: registered by then, and neither dead nor moved out yet. */
export function registeredOn(asOf: AsOf): Expression<SqlBool> {
  return sql<SqlBool>`(p.registered_on <= ${asOf} and (p.died_on is null or p.died_on > ${asOf}) and (p.moved_out_on is null or p.moved_out_on > ${asOf}))`;
}

/** The categories a person (alias p) holds on `asOf`, as 'key,key' (a select-list subquery). */
export function categoriesHeldOn(asOf: string) {
  return sql<string | null>`(select string_agg(pc.category, ',' order by pc.category) from person_category pc
    where pc.station_id = p.station_id and pc.person_id = p.id and ${heldOn(asOf)})`;
}
