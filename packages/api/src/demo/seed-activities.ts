import { withStation, type Database } from "@shegong/db";
import { todayInShanghai, ZActivityInputSchema, ZLinkedResourceInputSchema, ZSatisfactionInputSchema, ZSupervisionInputSchema, ZVolunteerInputSchema } from "@shegong/domain";
import type { Kysely } from "kysely";
import { recordActivity } from "../activities/record-activity.ts";
import { recordResource } from "../resources/linked-resources.ts";
import { recordFollowup } from "../satisfaction/followups.ts";
import type { ServiceActor } from "../shared/service-actor.ts";
import { recordSupervision } from "../supervision/supervision-sessions.ts";
import { registerVolunteer } from "../volunteers/volunteer-registry.ts";

/** A Beijing date `days` before today, so the demo always has recent work whatever day it starts. */
function daysAgo(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Liugong's demo activities (issue 4 items 5–7): volunteers with hours, a group, a community
 * activity and a publicity session, resources, follow-ups, and supervision with one worker's gap
 * month, so the pages and the supervision matrix have something to show. Inputs go through the
 * same schemas and functions as the API.
 */
export async function seedDemoActivities(owner: Kysely<Database>, stationId: string) {
  const today = todayInShanghai();
  const users = new Map(
    (await owner.selectFrom("app_user").select(["id", "username"]).where("username", "in", ["liugong.worker", "liugong.admin", "liugong.supervisor"]).execute()).map((u) => [u.username, u.id]),
  );
  const worker = users.get("liugong.worker") as string;
  const admin = users.get("liugong.admin") as string;
  const supervisor = users.get("liugong.supervisor") as string;
  const actor: ServiceActor = { stationId, userId: worker, username: "liugong.worker", ip: "127.0.0.1", today };
  await withStation(owner, stationId, async (tx) => {
    const people = new Map((await tx.selectFrom("person").select(["id", "name"]).where("station_id", "=", stationId).execute()).map((p) => [p.name, p.id]));
    const person = (name: string) => people.get(name) as string;
    const volunteer = async (name: string, phone: string, skills: string) =>
      (await registerVolunteer(tx, actor, ZVolunteerInputSchema.parse({ name, phone, skills, joinedOn: daysAgo(today, 400) }))).volunteerId;
    const v1 = await volunteer("周丽", "13899400011", "理发、陪伴聊天");
    const v2 = await volunteer("艾力·吾斯曼", "13899400012", "维吾尔语翻译");
    const v3 = await volunteer("孙浩", "13899400013", "大学生志愿者，辅导作业");

    const group = await recordActivity(
      tx,
      actor,
      ZActivityInputSchema.parse({
        kind: "group",
        area: "elderly",
        topic: "独居老人互助小组（第3节）",
        heldOn: daysAgo(today, 6),
        startTime: "10:00",
        durationMinutes: 90,
        place: "六工镇社工站活动室",
        othersCount: 0,
        attendeePersonIds: [person("马秀兰"), person("阿依古丽·买买提"), person("刘长贵")],
        workerUserIds: [worker],
        volunteers: [
          { volunteerId: v1, minutes: 120 },
          { volunteerId: v2, minutes: 90 },
        ],
        summary: "组员分享近况，练习互相打电话问候；阿依古丽由志愿者翻译参与。",
      }),
    );
    const publicity = await recordActivity(
      tx,
      actor,
      ZActivityInputSchema.parse({
        kind: "publicity",
        publicityTopic: "safety_education",
        area: "children",
        topic: "暑期防溺水安全教育",
        heldOn: daysAgo(today, 35),
        durationMinutes: 60,
        place: "下六工村村委会广场",
        othersCount: 42,
        attendeePersonIds: [person("王小宇"), person("赵敏"), person("努尔兰·哈力木")],
        workerUserIds: [worker, admin],
        volunteers: [{ volunteerId: v3, minutes: 180 }],
        summary: "发放宣传册120份，监护人同场签订安全承诺书。",
      }),
    );
    await recordActivity(
      tx,
      actor,
      ZActivityInputSchema.parse({
        kind: "community",
        area: "elderly",
        topic: "重阳节敬老义剪",
        heldOn: daysAgo(today, 60),
        durationMinutes: 180,
        place: "西五工村文化室",
        othersCount: 18,
        attendeePersonIds: [person("王建华"), person("李桂英"), person("张德福"), person("杨玉珍")],
        workerUserIds: [worker],
        volunteers: [
          { volunteerId: v1, minutes: 180 },
          { volunteerId: v3, minutes: 120 },
        ],
      }),
    );
    const resource = (input: unknown) => recordResource(tx, actor, ZLinkedResourceInputSchema.parse(input));
    await resource({ kind: "goods", source: "昌吉市爱心企业联合会", description: "米面油慰问包10份", valueFen: 150_000, receivedOn: daysAgo(today, 6), beneficiary: { activityId: group.activityId } });
    await resource({ kind: "money", source: "县慈善协会", description: "困境儿童助学金", valueFen: 100_000, receivedOn: daysAgo(today, 30), beneficiary: { personId: person("赵敏") } });
    await resource({ kind: "service", source: "镇卫生院", description: "上门体检服务", valueFen: 30_000, receivedOn: daysAgo(today, 20), beneficiary: { personId: person("马秀兰") } });
    for (const [score, comment] of [[5, "很好，希望多办"], [4, "志愿者很耐心"], [4, ""]] as const) {
      await recordFollowup(
        tx,
        actor,
        ZSatisfactionInputSchema.parse({ subjectKind: "activity", subjectId: group.activityId, followedUpOn: daysAgo(today, 2), mode: "phone", durationMinutes: 5, score, comment }),
      );
    }
    await recordFollowup(tx, actor, ZSatisfactionInputSchema.parse({ subjectKind: "activity", subjectId: publicity.activityId, followedUpOn: daysAgo(today, 30), mode: "home", durationMinutes: 15, score: 3, comment: "时间太短" }));
    // The admin misses last month's supervision: the matrix shows the gap an evaluator would find.
    const supervision = (input: unknown) => recordSupervision(tx, { ...actor, userId: supervisor, username: "liugong.supervisor" }, ZSupervisionInputSchema.parse(input));
    await supervision({ format: "group", supervisorUserId: supervisor, heldOn: daysAgo(today, 3), durationMinutes: 120, workerUserIds: [worker, admin], topics: "走访记录规范与风险研判", casesDiscussed: [{ note: "独居老人跌倒后的照护安排" }] });
    await supervision({ format: "individual", supervisorName: "新疆大学社会工作系 刘老师", heldOn: daysAgo(today, 33), durationMinutes: 60, workerUserIds: [worker], topics: "情绪压力与自我照顾" });
    await supervision({ format: "group", supervisorUserId: supervisor, heldOn: daysAgo(today, 64), durationMinutes: 90, workerUserIds: [worker, admin], topics: "小组工作设计" });
  });
}
