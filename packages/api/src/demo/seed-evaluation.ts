import { withStation, type Database } from "@shegong/db";
import { daysToIsoDate, isoDateToDays, todayInShanghai } from "@shegong/domain";
import type { Kysely } from "kysely";
import { createEvaluation, finalizeEvaluation, getEvaluation, scoreEvaluation } from "../evaluation/evaluations.ts";
import { createRectification } from "../evaluation/rectification.ts";
import { DEFAULT_TEMPLATE_ID } from "../evaluation/templates.ts";

/**
 * Issue 5 item 8 in the demo: Changji City's bureau has scored Liugong's year with the default
 * rubric and finalized it; the weak visits indicator became one open rectification item owned by
 * the resident worker, due in three weeks. The demo inspector is a third-party evaluator.
 */
export async function seedDemoEvaluation(owner: Kysely<Database>, stationId: string, stationDivision: string, userIds: Map<string, string>) {
  const today = todayInShanghai();
  const bureau = { stationId, userId: userIds.get("changji.city") as string, username: "changji.city", ip: "127.0.0.1", today };
  await withStation(owner, stationId, async (tx) => {
    const { evaluationId } = await createEvaluation(tx, bureau, { templateId: DEFAULT_TEMPLATE_ID, year: Number(today.slice(0, 4)), evaluatorKind: "bureau", stationDivision });
    const evaluation = await getEvaluation(tx, stationId, evaluationId, today);
    const scores = evaluation.indicators.map((i) => {
      if (i.dataSource === "visits_vs_target") return { code: i.code, score: Math.round(i.weight * 6) / 10, comment: "走访完成率低于协议目标，部分月份记录不全" };
      return { code: i.code, score: Math.round(i.weight * 9) / 10, comment: "" };
    });
    await scoreEvaluation(tx, bureau, evaluationId, scores, "制度健全、服务规范；入户走访需按协议补足。");
    await finalizeEvaluation(tx, bureau, evaluationId);
    await createRectification(tx, bureau, {
      evaluationId,
      indicatorCode: evaluation.indicators.find((i) => i.dataSource === "visits_vs_target")?.code,
      finding: "入户走访完成率低于协议目标，部分月份走访记录不全",
      requirement: "补录缺失的走访记录，制定下季度走访计划并上传",
      ownerUserId: userIds.get("liugong.worker") as string,
      dueOn: daysToIsoDate((isoDateToDays(today) as number) + 21),
    });
    await tx
      .updateTable("role_grant")
      .set({ inspector_kind: "evaluator", grant_reason: "年度第三方评估（演示）" })
      .where("user_id", "=", userIds.get("liugong.inspector") as string)
      .where("role", "=", "inspector")
      .execute();
  });
}
