import { openBulkLoader, type BulkLoader, type LoadValue, type ShegongDb } from "@shegong/db";
import { sql } from "kysely";

/** The person columns a synthetic register row carries, in the order the benchmarks build them. */
const PERSON_COLUMNS = {
  station_id: "uuid",
  id: "uuid",
  name: "text",
  name_pinyin: "text",
  name_initials: "text",
  id_cipher: "bytea",
  id_blind: "bytea",
  id_masked: "text",
  sex: "text",
  birth_date: "date",
  adult_on: "date",
  registered_on: "date",
  died_on: "date",
  status: "text",
} as const;

const CATEGORY_COLUMNS = { station_id: "uuid", person_id: "uuid", category: "text", start_date: "date" } as const;
const VISIT_COLUMNS = { station_id: "uuid", id: "uuid", visited_on: "date", kind: "text", mode: "text", duration_minutes: "smallint", person_id: "uuid", area: "text" } as const;

/**
 * A station's synthetic register in one bulk load (COPY on PostgreSQL), all or nothing, then
 * analysed so the measured queries get real plans. Visit rows may carry extra trailing columns
 * (`visitExtra`, e.g. risk and summary) after the ones every benchmark fills.
 */
export async function loadRegister(
  handle: ShegongDb,
  rows: { people: LoadValue[][]; categories: LoadValue[][]; visits: LoadValue[][] },
  visitExtra: Parameters<BulkLoader["load"]>[1] = {},
): Promise<void> {
  const loader = await openBulkLoader(handle, "65");
  try {
    await loader.load("person", PERSON_COLUMNS, rows.people);
    await loader.load("person_category", CATEGORY_COLUMNS, rows.categories);
    await loader.load("visit", { ...VISIT_COLUMNS, ...visitExtra }, rows.visits);
    await loader.close();
  } catch (error) {
    await loader.abort();
    throw error;
  }
  await sql`analyze person; analyze person_category; analyze visit`.execute(handle.db);
}
