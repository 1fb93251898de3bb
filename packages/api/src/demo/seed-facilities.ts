import { deflateSync, crc32 } from "node:zlib";
import type { Tx } from "@shegong/db";
import { HOUSE_RULE_LABELS, HOUSE_RULES, type HouseRule } from "@shegong/domain";
import { attachmentKey, sha256Hex, type FileStore } from "../attachments/file-store.ts";

/**
 * Facilities in the demo (issue 5 item 5, R4, R5, R8): Liugong meets every item of the checklist,
 * its volunteer rule already in its second revision; a station in another county is still short
 * (a 16 m² shared office recorded as an exception, one multi-use room, a plaque not yet
 * photographed, four of the seven rules), so the bureau's readiness panel shows both.
 */
export async function seedDemoFacilities(tx: Tx, stations: { liugongId: string; shortId: string | null }, userIds: Map<string, string>, files?: FileStore) {
  const admin = userIds.get("liugong.admin") ?? null;
  const town = userIds.get("liugong.town") ?? null;
  const liugong = stations.liugongId;
  await tx.insertInto("station_facility").values({ station_id: liugong, office_area_m2: 86, note: "六工镇便民服务中心二楼东侧", updated_by: admin }).execute();
  await tx
    .insertInto("facility_room")
    .values([
      { station_id: liugong, kind: "case_counselling", name: "个案辅导室", area_m2: 15, uses: "个案面谈、心理疏导", created_by: admin },
      { station_id: liugong, kind: "group_activity", name: "团体活动室", area_m2: 45, uses: "小组活动、老年人健康讲座、儿童课后陪伴", created_by: admin },
      { station_id: liugong, kind: "office", name: "社工办公室", area_m2: 26, uses: "办公、档案存放", created_by: admin },
    ])
    .execute();
  await tx
    .insertInto("facility_equipment")
    .values([
      { station_id: liugong, name: "台式电脑", quantity: 3, provided_by: "township", created_by: town },
      { station_id: liugong, name: "打印复印一体机", quantity: 1, provided_by: "contractor", note: "2026-03-25 购置", created_by: admin },
      { station_id: liugong, name: "档案柜", quantity: 4, provided_by: "contractor", created_by: admin },
      { station_id: liugong, name: "办公桌椅（套）", quantity: 6, provided_by: "township", created_by: town },
      { station_id: liugong, name: "投影仪", quantity: 1, provided_by: "township", created_by: town },
    ])
    .execute();
  const signs = await tx
    .insertInto("station_sign")
    .values([
      { station_id: liugong, kind: "plaque", wording: "昌吉市六工镇社会工作服务站", location: "便民服务中心正门右侧", installed_on: "2026-03-01", created_by: admin },
      { station_id: liugong, kind: "mark", wording: "中国社会工作标识", location: "服务站入口", installed_on: "2026-03-01", created_by: admin },
    ])
    .returning(["id", "kind"])
    .execute();
  const plaque = signs.find((s) => s.kind === "plaque")!;
  // Without a file store (tests that only need the rows) the plaque is left unphotographed.
  if (files && admin) {
    const bytes = plaquePicture();
    const sha256 = sha256Hex(bytes);
    await files.put(attachmentKey(liugong, sha256), bytes);
    await tx
      .insertInto("attachment")
      .values({ station_id: liugong, owner_kind: "station_sign", owner_id: plaque.id, kind: "photo", file_name: "牌匾.png", mime_type: "image/png", byte_size: bytes.length, sha256, uploaded_by: admin })
      .execute();
  }
  await tx.insertInto("house_rule_revision").values(HOUSE_RULES.map((rule) => revision(liugong, rule, 1, "2026-03-01", admin))).execute();
  await tx
    .insertInto("house_rule_revision")
    .values({
      ...revision(liugong, "volunteers", 2, "2026-09-01", admin),
      body: `${RULE_BODIES.volunteers}\n第五条 志愿服务时长每月汇总，年底评选优秀志愿者（2026年9月修订增加）。`,
    })
    .execute();

  if (!stations.shortId) return;
  const short = stations.shortId;
  await tx.insertInto("station_facility").values({ station_id: short, office_area_m2: 16, area_exception_reason: "暂与镇便民服务中心共用办公室，新址装修中，预计2027年3月启用", updated_by: null }).execute();
  await tx.insertInto("facility_room").values({ station_id: short, kind: "multi_use", name: "多功能室", area_m2: 16, uses: "个案辅导、小组活动、办公" }).execute();
  await tx.insertInto("facility_equipment").values({ station_id: short, name: "笔记本电脑", quantity: 1, provided_by: "contractor" }).execute();
  await tx.insertInto("station_sign").values({ station_id: short, kind: "plaque", wording: "社会工作服务站", location: "便民服务中心门口", installed_on: null }).execute();
  await tx
    .insertInto("house_rule_revision")
    .values((["organization_duties", "service_process", "personnel", "archives"] as const).map((rule) => revision(short, rule, 1, "2026-06-01", null)))
    .execute();
}

const RULE_BODIES: Record<HouseRule, string> = {
  organization_duties: "第一条 服务站实行站长负责制，站长统筹站务，驻站社工分片负责入户走访与个案服务，督导负责专业指导与审核。",
  service_process: "第一条 服务流程：接案—预估—制定计划—实施服务—评估—结案，每一环节均须留存记录。",
  personnel: "第一条 驻站社工每周驻站不少于五个工作日，外出服务须登记去向；第二条 每月参加业务培训不少于一次。",
  volunteers: "第一条 志愿者须实名登记；第二条 服务前接受岗前培训；第三条 服务时长如实记录；第四条 志愿者权益受保护。",
  venue_use: "第一条 活动室向辖区居民免费开放，使用须提前登记；第二条 使用后恢复原状，注意用电安全。",
  archives: "第一条 服务档案一人一档，纸质与电子同步归档；第二条 档案借阅须登记，涉及个人信息的不得外借。",
  recipient_database: "第一条 服务对象信息仅用于服务，身份证号加密存储；第二条 查阅完整信息须说明理由并留痕；第三条 信息每季度核对更新。",
};

function revision(stationId: string, rule: HouseRule, n: number, effectiveOn: string, createdBy: string | null) {
  return { station_id: stationId, rule, revision: n, title: HOUSE_RULE_LABELS[rule].zh, body: RULE_BODIES[rule], effective_on: effectiveOn, created_by: createdBy };
}

/** A small red plaque-coloured PNG, made here so the demo needs no binary file in the repository. */
function plaquePicture(): Uint8Array {
  const width = 96;
  const height = 32;
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([0xb7, 0x28, 0x2e], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}
