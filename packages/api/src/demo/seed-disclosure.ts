import type { Tx } from "@shegong/db";

/**
 * Liugong's staff compliance and public page in the demo (issue 5 items 4 and 9): its three
 * resident workers stationed from the first day of the agreement (R13), a township officers'
 * training (R16), and the address, hours and news its public page at /p/<slug> shows.
 */
export async function seedDemoStaffAndDisclosure(tx: Tx, stationId: string, userIds: Map<string, string>) {
  const admin = userIds.get("liugong.admin") ?? null;
  await tx.updateTable("staff_member").set({ stationed_on: "2026-03-01" }).where("station_id", "=", stationId).execute();
  const training = await tx
    .insertInto("training_record")
    .values({ station_id: stationId, kind: "township_officers", title: "社会救助政策与入户调查实务", provider: "昌吉市民政局、六工镇社会工作服务站", started_on: "2026-05-21", hours: 6, created_by: admin })
    .returning("id")
    .executeTakeFirstOrThrow();
  const worker = userIds.get("liugong.worker");
  await tx
    .insertInto("training_trainee")
    .values([
      { station_id: stationId, training_id: training.id, seq: 0, kind: "township_officer", name: "赵德明", organization: "六工镇民政办" },
      { station_id: stationId, training_id: training.id, seq: 1, kind: "village_cadre", name: "古丽娜尔", organization: "十户滩新村" },
      ...(worker ? [{ station_id: stationId, training_id: training.id, seq: 2, kind: "station_staff", user_id: worker }] : []),
    ])
    .execute();
  await tx
    .insertInto("station_public_profile")
    .values({
      station_id: stationId,
      address: "昌吉市六工镇便民服务中心二楼",
      opening_hours: "周一至周五 10:00—13:30，15:30—19:30（北京时间），法定节假日除外",
      phone: "0994-2345678",
      intro: "六工镇社会工作服务站是昌吉市首个乡镇社工站试点，由六工镇人民政府向社会工作服务机构购买服务、专业社工驻站运营，为全镇困难群众和特殊群体提供专业社会工作服务。",
      service_areas: JSON.stringify(["elderly", "children", "assistance", "social_affairs"]),
      updated_by: admin,
    })
    .execute();
  await tx
    .insertInto("station_news")
    .values([
      { station_id: stationId, title: "六工镇社工站开展重阳节敬老志愿服务活动", body: "10月29日，本站联合镇志愿服务队走访辖区高龄老人，开展健康讲座和义诊，并宣传高龄补贴资格认证办理方式。", published_on: "2026-10-29", created_by: admin },
      { station_id: stationId, title: "社工站为乡镇民政干事开展社会救助政策培训", body: "5月21日，本站与市民政局为镇民政办和各村（社区）干部开展低保、特困、临时救助政策与入户调查实务培训。", published_on: "2026-05-22", created_by: admin },
    ])
    .execute();
}
