import type { Tx } from "@shegong/db";
import type { StationStatus } from "@shegong/domain";
import { appError } from "../errors.ts";
import { stationsWithPlace } from "../stations/station-place.ts";

/** The station's own workspace header: plaque, colours, marks, place and who runs it. */
export async function getWorkspace(tx: Tx, stationId: string) {
  const row = await stationsWithPlace(tx)
    .leftJoin("division as p", "p.code", "c.parent_code")
    .leftJoin("contractor as k", "k.id", "s.contractor_id")
    .select([
      "s.id",
      "s.slug",
      "s.plaque_name",
      "s.division_code",
      "s.status",
      "s.status_since",
      "s.primary_color",
      "s.show_social_work_mark",
      "s.show_volunteer_mark",
      "s.logo_updated_at",
      "t.name as township_name",
      "c.name as county_name",
      "p.name as prefecture_name",
      "k.name as contractor_name",
      "s.contractor_id",
    ])
    .where("s.id", "=", stationId)
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  const [villages, staff] = await Promise.all([
    tx
      .selectFrom("division")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("parent_code", "=", row.division_code)
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom("staff_member")
      .select(["id", "display_name", "position", "qualification"])
      .where("station_id", "=", stationId)
      .orderBy("created_at")
      .execute(),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    plaqueName: row.plaque_name,
    divisionCode: row.division_code,
    townshipName: row.township_name,
    countyName: row.county_name,
    prefectureName: row.prefecture_name,
    status: row.status as StationStatus,
    statusSince: row.status_since,
    branding: {
      primaryColor: row.primary_color,
      showSocialWorkMark: row.show_social_work_mark,
      showVolunteerMark: row.show_volunteer_mark,
      logoUrl: row.logo_updated_at ? `/branding/${row.id}/logo?v=${row.logo_updated_at.getTime()}` : null,
    },
    contractorName: row.contractor_name,
    // The agreement form names the station's contractor as provider (issue 5).
    contractorId: row.contractor_id,
    villageCount: Number(villages.n),
    staff: staff.map((s) => ({ id: s.id, displayName: s.display_name, position: s.position, qualification: s.qualification })),
  };
}
