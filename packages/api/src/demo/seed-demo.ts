import { hashPassword, type PersonalDataCipher } from "@shegong/auth";
import { withOwnerScope, type Database, type Tx } from "@shegong/db";
import { creditCodeCheckChar, todayInShanghai, type Role } from "@shegong/domain";
import type { Kysely } from "kysely";
import { createUser } from "../users/manage-users.ts";
import { onboardStations } from "../stations/onboard-stations.ts";
import { seedDemoActivities } from "./seed-activities.ts";
import { seedDemoCase } from "./seed-cases.ts";
import { seedDemoEvaluation } from "./seed-evaluation.ts";
import { seedDemoStaffAndDisclosure } from "./seed-disclosure.ts";
import { seedDemoFacilities } from "./seed-facilities.ts";
import type { FileStore } from "../attachments/file-store.ts";
import { seedDemoPayouts } from "./seed-payouts.ts";
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
export async function seedDemo(owner: Kysely<Database>, cipher: PersonalDataCipher, files?: FileStore): Promise<{ created: boolean }> {
  const existing = await owner.selectFrom("app_user").select("id").where("username", "=", "changji.pref").executeTakeFirst();
  if (existing) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { liugongId, userIds } = await withOwnerScope(owner, "65", async (tx) => {
    const contractor = await tx
      .insertInto("contractor")
      .values({
        name: "昌吉市仁和社会工作服务中心",
        credit_code: demoCreditCode(),
        division_code: CHANGJI_CITY,
        registering_authority: "昌吉市民政局",
        legal_representative: "周仁和",
        contact_name: "马丽",
        contact_phone: "09942345678",
        business_scope: "社会工作服务；社区服务；社会救助服务；志愿服务组织与培训",
        incubation_status: "incubating",
      })
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
    await seedDemoAgreement(tx, liugong.id, contractor.id, userIds);
    await seedDemoStaffAndDisclosure(tx, liugong.id, userIds);
    // The station still short of the checklist is the first one outside Changji City.
    const short = await tx.selectFrom("station").select("id").where("division_code", "like", `${CHANGJI_PREFECTURE}%`).where("division_code", "not like", `${CHANGJI_CITY}%`).orderBy("division_code").executeTakeFirst();
    await seedDemoFacilities(tx, { liugongId: liugong.id, shortId: short?.id ?? null }, userIds, files);
    return { liugongId: liugong.id, userIds };
  });
  const people = await seedDemoRegistry(owner, cipher, liugongId);
  await seedDemoActivities(owner, liugongId);
  await seedDemoPayouts(owner, cipher, liugongId);
  // One sample case, so the cases pages show what a case looks like from the first start.
  await seedDemoCase(owner, liugongId, { personId: people.get("杨玉珍") as string }, { workerId: userIds.get("liugong.worker") as string, supervisorId: userIds.get("liugong.supervisor") as string });
  await seedDemoEvaluation(owner, liugongId, LIUGONG, userIds);
  return { created: true };
}

/**
 * Liugong's 2026 purchase-of-service agreement (R13, R14, R17), filed with the prefecture, with its
 * first allocation, payment and spending, so the governance pages open on real-looking numbers.
 */
async function seedDemoAgreement(tx: Tx, stationId: string, contractorId: string, userIds: Map<string, string>) {
  const town = userIds.get("liugong.town") ?? null;
  const pref = userIds.get("changji.pref") ?? null;
  const admin = userIds.get("contractor.admin") ?? null;
  const agreement = await tx
    .insertInto("service_agreement")
    .values({
      station_id: stationId,
      agreement_no: "LGZ-GMFW-2026-001",
      purchaser_name: "昌吉市六工镇人民政府",
      contractor_id: contractorId,
      signed_on: "2026-02-20",
      service_start: "2026-03-01",
      service_end: "2026-12-31",
      amount_fen: 26_000_000,
      funding: JSON.stringify([
        { source: "region_pilot", amountFen: 20_000_000 },
        { source: "assistance_share", amountFen: 4_000_000 },
        { source: "welfare_lottery", amountFen: 2_000_000 },
      ]),
      staffing_required: 3,
      deliverables: JSON.stringify([
        { kind: "visits_per_month", target: 60 },
        { kind: "cases", target: 12 },
        { kind: "group_activities", target: 10 },
        { kind: "community_activities", target: 6 },
      ]),
      status: "acknowledged",
      submitted_at: new Date("2026-02-25T10:00:00+08:00"),
      submitted_by: admin,
      decided_at: new Date("2026-03-02T16:00:00+08:00"),
      decided_by: pref,
      created_by: town,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("agreement_event")
    .values([
      { station_id: stationId, agreement_id: agreement.id, kind: "created", actor_user_id: town },
      { station_id: stationId, agreement_id: agreement.id, kind: "submitted", actor_user_id: admin },
      { station_id: stationId, agreement_id: agreement.id, kind: "acknowledged", actor_user_id: pref },
    ])
    .execute();
  await tx
    .insertInto("fund_allocation")
    .values([
      { station_id: stationId, agreement_id: agreement.id, source: "region_pilot", amount_fen: 20_000_000, allocated_on: "2026-03-10", document_no: "新民发〔2026〕12号", recorded_by: town },
      { station_id: stationId, agreement_id: agreement.id, source: "assistance_share", amount_fen: 4_000_000, allocated_on: "2026-04-01", document_no: "昌市民发〔2026〕8号", recorded_by: town },
    ])
    .execute();
  await tx
    .insertInto("fund_disbursement")
    .values([
      { station_id: stationId, agreement_id: agreement.id, amount_fen: 12_000_000, paid_on: "2026-03-20", voucher_no: "LGZ-2026-0031", recorded_by: town },
      { station_id: stationId, agreement_id: agreement.id, amount_fen: 6_000_000, paid_on: "2026-07-15", voucher_no: "LGZ-2026-0107", recorded_by: town },
    ])
    .execute();
  await tx
    .insertInto("fund_spending")
    .values([
      { station_id: stationId, agreement_id: agreement.id, category: "personnel", amount_fen: 9_600_000, spent_on: "2026-06-30", description: "3—6月驻站社工工资及社保", recorded_by: admin },
      { station_id: stationId, agreement_id: agreement.id, category: "activities", amount_fen: 860_000, spent_on: "2026-05-12", description: "老年人健康讲座及小组活动物资", recorded_by: admin },
      { station_id: stationId, agreement_id: agreement.id, category: "training", amount_fen: 320_000, spent_on: "2026-04-18", description: "驻站社工岗前培训", recorded_by: admin },
      { station_id: stationId, agreement_id: agreement.id, category: "office", amount_fen: 415_000, spent_on: "2026-03-25", description: "打印机、档案柜（R4）", recorded_by: admin },
    ])
    .execute();
}
