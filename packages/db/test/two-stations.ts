import type { ShegongDb } from "../src/database.ts";

/** Two stations in different prefectures, each with one staff member: the tenancy tests' fixture. */
export async function seedTwoStations(owner: ShegongDb): Promise<{ a: string; b: string }> {
  const rows = await owner.db
    .insertInto("station")
    .values([
      { division_code: "652301105", slug: "liugong", plaque_name: "昌吉市六工镇社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
      { division_code: "654002001", slug: "saybag", plaque_name: "伊宁市萨依布依街道社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
    ])
    .returning("id")
    .execute();
  const [a, b] = rows.map((r) => r.id) as [string, string];
  await owner.db
    .insertInto("staff_member")
    .values([
      { station_id: a, display_name: "李娜", position: "驻站社工", qualification: null },
      { station_id: b, display_name: "阿依古丽", position: "驻站社工", qualification: null },
    ])
    .execute();
  return { a, b };
}
