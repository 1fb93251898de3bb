import type { PersonalDataCipher } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import { classifySearch, type CategoryKey, type SearchQueryKind } from "@shegong/domain";
import { sql, type RawBuilder, type SqlBool } from "kysely";
import { categoriesHeldOn, heldOn, registeredOn } from "./person-categories.ts";

export interface PeopleQuery {
  /** To match more ID digits than the masked form shows (see idDigitsFilter). */
  cipher: PersonalDataCipher;
  stationId: string;
  asOf: string;
  query?: string;
  villageCode?: string;
  category?: CategoryKey;
  /** Without a category: only people still registered (active) on asOf. */
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * People (alias `p`) whose name contains the text, or whose pinyin or its initials start with it
 * (`zs` finds 张三). ID digits match the masked suffix here; the register goes further (below).
 */
export function personMatches(search: SearchQueryKind): RawBuilder<SqlBool> {
  if (search.kind === "id_digits") return sql<SqlBool>`p.id_masked like ${`%${escapeLike(search.digits.slice(-4))}`}`;
  const text = escapeLike(search.text);
  return search.kind === "pinyin"
    ? sql<SqlBool>`(p.name_initials collate "C" like ${`${text}%`} or p.name_pinyin collate "C" like ${`${text}%`})`
    : sql<SqlBool>`p.name like ${`%${text}%`}`;
}

/**
 * ID digits beyond the four the masked form shows: a full number goes through the blind index;
 * 5–17 trailing digits narrow by the visible last four, then the few candidates are decrypted and
 * compared, so no more of the number is ever stored in clear. Null: the masked suffix suffices.
 */
async function personIdsEndingWith(tx: Tx, q: PeopleQuery, digits: string): Promise<string[] | null> {
  if (digits.length <= 4) return null;
  if (digits.length === 18) {
    const row = await tx.selectFrom("person").select("id").where("station_id", "=", q.stationId).where("id_blind", "=", q.cipher.blindIndex(digits)).executeTakeFirst();
    return row ? [row.id] : [];
  }
  const candidates = await tx
    .selectFrom("person")
    .select(["id", "id_cipher"])
    .where("station_id", "=", q.stationId)
    .where("id_masked", "like", `%${digits.slice(-4)}`)
    .limit(2000)
    .execute();
  return candidates.filter((c) => q.cipher.decrypt(c.id_cipher).endsWith(digits)).map((c) => c.id);
}

/**
 * A register as of a date (issue 3): people holding a category then, or everyone registered then,
 * narrowed by name (also pinyin or its initials: `zs` finds 张三), the last digits of the ID, and
 * village. Paged, with the total count.
 */
export async function findPeople(tx: Tx, q: PeopleQuery) {
  let base = tx.selectFrom("person as p").where("p.station_id", "=", q.stationId);
  if (q.category) {
    // Correlated with the outer person, so the effective end (death, moving out, adulthood) needs
    // no second pass over person: one semi-join the planner can hash.
    const category = q.category;
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("person_category as pc")
          .select(sql`1`.as("held"))
          .whereRef("pc.station_id", "=", "p.station_id")
          .whereRef("pc.person_id", "=", "p.id")
          .where("pc.category", "=", category)
          .where(heldOn(q.asOf)),
      ),
    );
  } else if (!q.includeInactive) {
    base = base.where(registeredOn(q.asOf));
  }
  if (q.villageCode) base = base.where("p.village_code", "=", q.villageCode);
  if (q.query) {
    const search = classifySearch(q.query);
    const ids = search.kind === "id_digits" ? await personIdsEndingWith(tx, q, search.digits) : null;
    base = ids === null ? base.where(personMatches(search)) : base.where("p.id", "in", ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]);
  }
  // A category register sorts every holder to find its page anyway, so its total rides along as a
  // window count in the same pass. The whole-station list reads its page off the pinyin index, so
  // its total is a separate count — an uncorrelated subquery, run once in the same statement.
  // Village names and categories are looked up for the page only.
  const countAlong = q.category !== undefined;
  const count = base.select((eb) => eb.fn.countAll<string>().as("n"));
  const rows = await base
    .select([
      "p.id",
      "p.name",
      "p.id_masked",
      "p.sex",
      "p.birth_date",
      "p.ethnicity_code",
      "p.phone",
      "p.village_code",
      "p.address",
      "p.status",
      "p.adult_on",
      "p.household_id",
    ])
    .select(sql<string | null>`(select v.name from division v where v.code = p.village_code)`.as("village_name"))
    .select(categoriesHeldOn(q.asOf).as("categories"))
    .select(countAlong ? sql<string>`count(*) over ()`.as("total") : count.as("total"))
    .orderBy(sql`p.name_pinyin collate "C"`)
    .orderBy("p.id")
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  // Past the last page no row carries the total.
  const total = rows.length > 0 ? { n: rows[0]!.total } : await count.executeTakeFirstOrThrow();
  return {
    total: Number(total.n),
    asOf: q.asOf,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      citizenIdMasked: r.id_masked,
      sex: r.sex,
      birthDate: r.birth_date,
      ethnicityCode: r.ethnicity_code,
      phone: r.phone,
      villageCode: r.village_code,
      villageName: r.village_name,
      address: r.address,
      status: r.status,
      // Minors' records are sensitive data in their own right (PIPL art. 28, 31).
      minor: r.adult_on > q.asOf,
      householdId: r.household_id,
      categories: (r.categories ?? "").split(",").filter(Boolean) as CategoryKey[],
    })),
  };
}

/** Counts per category as of a date, for the register tabs. */
export async function countByCategory(tx: Tx, stationId: string, asOf: string) {
  const rows = await tx
    .selectFrom("person_category as pc")
    .innerJoin("person as p", (j) => j.onRef("p.station_id", "=", "pc.station_id").onRef("p.id", "=", "pc.person_id"))
    .select(["pc.category", (eb) => eb.fn.count<number>("pc.person_id").distinct().as("n")])
    .where("pc.station_id", "=", stationId)
    .where(heldOn(asOf))
    .groupBy("pc.category")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)])) as Partial<Record<CategoryKey, number>>;
}


/** Cross-station duplicates under a division, as station pairs (each pair appears once per side). */
export async function listDuplicateFlags(tx: Tx, divisionCode: string) {
  const rows = await tx
    .selectFrom("id_duplicate_flag as f")
    .innerJoin("station as s", "s.id", "f.station_id")
    .innerJoin("station as o", "o.id", "f.other_station_id")
    .select(["f.id", "f.station_id", "s.plaque_name as station", "o.plaque_name as other_station", "f.detected_at", "f.resolved_at"])
    .where(sql<boolean>`left(s.division_code, ${divisionCode.length}) = ${divisionCode}`)
    .orderBy("f.detected_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, stationId: r.station_id, station: r.station, otherStation: r.other_station, detectedAt: r.detected_at, resolvedAt: r.resolved_at }));
}
