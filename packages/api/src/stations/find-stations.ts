import type { Tx } from "@shegong/db";
import type { StationStatus } from "@shegong/domain";
import { sql } from "kysely";
import { stationsWithPlace } from "./station-place.ts";

export interface StationFilter {
  divisionCode: string;
  status?: StationStatus;
  query?: string;
  page: number;
  pageSize: number;
}

/** Stations under a division for the supervision console, with their county for filtering. */
export async function findStations(tx: Tx, filter: StationFilter) {
  let base = stationsWithPlace(tx).where(sql<boolean>`left(s.division_code, ${filter.divisionCode.length}) = ${filter.divisionCode}`);
  if (filter.status) base = base.where("s.status", "=", filter.status);
  if (filter.query) {
    const like = `%${filter.query.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb("s.plaque_name", "like", like), eb("s.slug", "like", like), eb("s.division_code", "like", like)]));
  }
  const [items, total] = await Promise.all([
    base
      .select([
        "s.id",
        "s.slug",
        "s.plaque_name",
        "s.division_code",
        "s.status",
        "s.status_since",
        "s.primary_color",
        "t.name as township_name",
        "c.code as county_code",
        "c.name as county_name",
      ])
      .orderBy("s.division_code")
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    items: items.map((s) => ({
      id: s.id,
      slug: s.slug,
      plaqueName: s.plaque_name,
      divisionCode: s.division_code,
      townshipName: s.township_name,
      countyCode: s.county_code,
      countyName: s.county_name,
      status: s.status as StationStatus,
      statusSince: s.status_since,
      primaryColor: s.primary_color,
    })),
  };
}
