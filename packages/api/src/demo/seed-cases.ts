import { withStation, type Database } from "@shegong/db";
import {
  daysToIsoDate,
  isoDateToDays,
  todayInShanghai,
  ZCaseAssessmentSchema,
  ZCaseIntakeSchema,
  ZCasePlanSchema,
  ZCaseServiceSchema,
  ZSignOffDecisionSchema,
} from "@shegong/domain";
import type { Kysely } from "kysely";
import type { CaseActor } from "../cases/case-actor.ts";
import { addService, assessCase, proposePlan } from "../cases/case-records.ts";
import { openCase } from "../cases/open-case.ts";
import { approvePlan, decideSignOff } from "../cases/supervision.ts";

/**
 * One open case in service so the cases pages are not empty on first start: 李娜 takes in 杨玉珍,
 * assesses her, proposes a plan that (R7) goes to 王芳 for sign-off, and records a first service.
 * The same steps, and checks, as the cases router: each one lands on the case's timeline.
 */
export async function seedDemoCase(owner: Kysely<Database>, stationId: string, people: { personId: string }, users: { workerId: string; supervisorId: string }) {
  const today = todayInShanghai();
  const daysAgo = (n: number) => daysToIsoDate((isoDateToDays(today) as number) - n);
  const as = (userId: string, username: string): CaseActor => ({ stationId, userId, username, ip: "127.0.0.1", today });
  const worker = as(users.workerId, "liugong.worker");
  const supervisor = as(users.supervisorId, "liugong.supervisor");
  await withStation(owner, stationId, async (tx) => {
    const { caseId } = await openCase(
      tx,
      worker,
      ZCaseIntakeSchema.parse({
        personId: people.personId,
        source: "referral",
        referredBy: "西五工村村委会",
        intakeOn: daysAgo(14),
        presentingProblem: "老人偏瘫卧床，由侄女照料，照料者近期身体不适，老人夜间独处时有跌落风险。",
        riskLevel: "high",
      }),
    );
    await assessCase(
      tx,
      worker,
      caseId,
      ZCaseAssessmentSchema.parse({
        assessedOn: daysAgo(12),
        needs: "需要照料者喘息支持、床边防跌落措施，以及每周的精神慰藉。",
        strengths: "侄女照料用心，村医每月上门，老人享受低保和残疾人两项补贴。",
        riskLevel: "high",
      }),
    );
    await proposePlan(
      tx,
      worker,
      caseId,
      ZCasePlanSchema.parse({
        goals: [
          { goal: "床边加装护栏，夜间无跌落", measure: "护栏安装到位，一个月内无跌落", due: daysAgo(-30) },
          { goal: "照料者每周有半天喘息时间", measure: "志愿者每周上门陪护半天", due: daysAgo(-60) },
        ],
        approach: "链接镇残联申请辅具，组织村里志愿者排班陪护。",
      }),
    );
    // 李娜 may not approve alone (R7): the plan goes to 王芳, who approves it.
    const asked = await approvePlan(tx, worker, caseId);
    if (asked.outcome === "signoff_requested") await decideSignOff(tx, supervisor, asked.signoffId, ZSignOffDecisionSchema.parse({ decision: "approved", comment: "同意，护栏先落实。" }));
    await addService(
      tx,
      worker,
      caseId,
      ZCaseServiceSchema.parse({
        area: "emotional_care",
        servedOn: daysAgo(5),
        durationMinutes: 60,
        workerUserIds: [users.workerId],
        note: "上门陪老人聊天，与侄女商量陪护排班，测量了床边护栏尺寸。",
      }),
    );
  });
}
