import { hashPassword, type PersonalDataCipher } from "@shegong/auth";
import { withOwnerScope, type Database } from "@shegong/db";
import { creditCodeCheckChar, todayInShanghai, type Role } from "@shegong/domain";
import type { Kysely } from "kysely";
import { createUser } from "../users/manage-users.ts";
import { onboardStations } from "../stations/onboard-stations.ts";
import { seedDemoCase } from "./seed-cases.ts";
import { seedDemoRegistry } from "./seed-registry.ts";

/** Demo mode only: one password for every demo account, printed in the README. */
export const DEMO_PASSWORD = "shegong-demo-2026";

export const CHANGJI_PREFECTURE = "6523";
export const CHANGJI_CITY = "652301";
export const LIUGONG = "652301105";

interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: "region" | "prefecture" | "county" | "township" | "contractor" | "liugong";
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "region.admin", displayName: "自治区民政厅管理员", role: "region_admin", scope: "region" },
  { username: "region.viewer", displayName: "自治区民政厅查看", role: "region_viewer", scope: "region" },
  { username: "changji.pref", displayName: "昌吉州民政局管理员", role: "prefecture_admin", scope: "prefecture" },
  { username: "changji.city", displayName: "昌吉市民政局督导", role: "county_supervisor", scope: "county" },
  { username: "liugong.town", displayName: "六工镇民政干事", role: "township_officer", scope: "township" },
  { username: "contractor.admin", displayName: "承接机构管理员", role: "contractor_admin", scope: "contractor" },
  { username: "liugong.admin", displayName: "六工镇社工站站长", role: "station_admin", scope: "liugong" },
  { username: "liugong.worker", displayName: "驻站社工 李娜", role: "social_worker", scope: "liugong" },
  { username: "liugong.supervisor", displayName: "督导 王芳", role: "supervisor", scope: "liugong" },
  { username: "liugong.inspector", displayName: "第三方评估 检查员", role: "inspector", scope: "liugong" },
];

function demoCreditCode(): string {
  const first17 = "52652301MJ0000001";
  return first17 + creditCodeCheckChar(first17);
}

/**
 * The demo region (foundation issue, Demo): Changji prefecture's townships onboarded, Liugong
 * active with a contractor and placeholder staff, and one account per role. Idempotent.
 */
export async function seedDemo(owner: Kysely<Database>, cipher: PersonalDataCipher): Promise<{ created: boolean }> {
  const existing = await owner.selectFrom("app_user").select("id").where("username", "=", "changji.pref").executeTakeFirst();
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { liugongId, userIds } = await withOwnerScope(owner, "65", async (tx) => {
    const contractor = await tx
      .insertInto("contractor")
      .values({ name: "昌吉市仁和社会工作服务中心", credit_code: demoCreditCode() })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Every county of the prefecture but Changji City itself, where only Liugong (the pilot, R3) is
    // open: the city's other townships are left for a person trying the demo to onboard.
    const seeder = { userId: "00000000-0000-0000-0000-000000000000", username: "seed", ip: "127.0.0.1" };
    const counties = await tx.selectFrom("division").select("code").where("parent_code", "=", CHANGJI_PREFECTURE).execute();
    for (const county of counties.filter((c) => c.code !== CHANGJI_CITY)) {
      await onboardStations(tx, { scopeCode: CHANGJI_PREFECTURE, allUnder: county.code, initialStatus: "onboarding" }, seeder);
    }
    await onboardStations(tx, { scopeCode: CHANGJI_PREFECTURE, townshipCodes: [LIUGONG], initialStatus: "onboarding" }, seeder);
    const liugong = await tx.selectFrom("station").select("id").where("division_code", "=", LIUGONG).executeTakeFirstOrThrow();
    const today = todayInShanghai();
    await tx
      .updateTable("station")
      .set({ status: "active", status_since: today, contractor_id: contractor.id, show_volunteer_mark: true })
      .where("id", "=", liugong.id)
      .execute();
    await tx
      .insertInto("station_status_event")
      .values({ station_id: liugong.id, from_status: "onboarding", to_status: "active", effective_date: today, note: "demo", actor_user_id: null })
      .execute();
    await tx
      .insertInto("staff_member")
      .values([
        { station_id: liugong.id, display_name: "李娜", position: "驻站社工", qualification: "助理社会工作师" },
        { station_id: liugong.id, display_name: "马建国", position: "驻站社工", qualification: null },
        { station_id: liugong.id, display_name: "王芳", position: "督导", qualification: "社会工作师" },
      ])
      .execute();
    const scopeOf = (scope: DemoAccount["scope"]) => {
      switch (scope) {
        case "region":
          return { divisionCode: "65" };
        case "prefecture":
          return { divisionCode: CHANGJI_PREFECTURE };
        case "county":
          return { divisionCode: CHANGJI_CITY };
        case "township":
          return { divisionCode: LIUGONG };
        case "contractor":
          return { contractorId: contractor.id };
        case "liugong":
          return { stationId: liugong.id };
      }
    };
    const userIds = new Map<string, string>();
    for (const account of DEMO_ACCOUNTS) {
      const created = await createUser(
        tx,
        {
          username: account.username,
          displayName: account.displayName,
          passwordHash,
          role: account.role,
          expiresAt: account.role === "inspector" ? new Date(Date.now() + 365 * 86400_000) : undefined,
          ...scopeOf(account.scope),
        },
        null,
      );
      await tx.updateTable("app_user").set({ demo: true }).where("id", "=", created.id).execute();
      userIds.set(account.username, created.id);
    }
    // R7 made demonstrable: 李娜 holds the assistant certificate but studied Chinese, so her plans
    // and closures go to 王芳 (社会工作师, social-work major) for sign-off.
    const supervisorId = userIds.get("liugong.supervisor") ?? null;
    await tx
      .updateTable("staff_member")
      .set({ user_id: supervisorId, education: "硕士研究生", major: "社会工作", qualification_level: "intermediate", certificate_no: "ZJ2021650001" })
      .where("station_id", "=", liugong.id)
      .where("display_name", "=", "王芳")
      .execute();
    await tx
      .updateTable("staff_member")
      .set({ user_id: userIds.get("liugong.worker") ?? null, education: "本科", major: "汉语言文学", qualification_level: "assistant", certificate_no: "ZL2023650102", supervisor_user_id: supervisorId })
      .where("station_id", "=", liugong.id)
      .where("display_name", "=", "李娜")
      .execute();
    await tx
      .updateTable("staff_member")
      .set({ education: "大专", major: "农学", qualification_level: "none", supervisor_user_id: supervisorId })
      .where("station_id", "=", liugong.id)
      .where("display_name", "=", "马建国")
      .execute();
    return { liugongId: liugong.id, userIds };
  });
  const people = await seedDemoRegistry(owner, cipher, liugongId);
  // One sample case, so the cases pages show what a case looks like from the first start.
  await seedDemoCase(owner, liugongId, { personId: people.get("杨玉珍") as string }, { workerId: userIds.get("liugong.worker") as string, supervisorId: userIds.get("liugong.supervisor") as string });
  return { created: true };
}
