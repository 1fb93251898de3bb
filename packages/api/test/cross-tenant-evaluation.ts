import { todayInShanghai } from "@shegong/domain";
import { expect } from "vitest";
import { DEFAULT_TEMPLATE_ID } from "../src/evaluation/templates.ts";
import { PASSWORD, type World } from "./world.ts";

/**
 * Cross-tenant entries for evaluation, inspection and rectification (issue 5 item 8), spread into
 * the harness's table. The prefecture and the city bureau legitimately read B's evaluations, so
 * reads are attacked by station-side callers and by bodies elsewhere; writes by everyone but the
 * city bureau, which is tried on A's station with B's rows instead.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;
interface Harness {
  stationAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  govAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  key: () => string;
}

const year = Number(todayInShanghai().slice(0, 4));
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** B's evaluation (one score), one rectification item, and one inspector grant, made by the city bureau. */
export const bEval = { evaluationId: "", itemId: "", grantId: "", indicatorCode: "" };

export async function seedEvaluationOfB(w: World, key: () => string, bWorkerId: string) {
  const city = await w.as("city.sup");
  const stationId = w.stations.b;
  bEval.evaluationId = (await city.evaluations.create({ stationId, templateId: DEFAULT_TEMPLATE_ID, year, idempotencyKey: key() })).evaluationId;
  bEval.indicatorCode = (await city.evaluations.get({ stationId, evaluationId: bEval.evaluationId })).indicators[0]!.code;
  await city.evaluations.score({ stationId, evaluationId: bEval.evaluationId, scores: [{ code: bEval.indicatorCode, score: 5, comment: "乙站" }] });
  bEval.itemId = (
    await city.rectification.create({ stationId, item: { finding: "乙站问题", requirement: "", ownerUserId: bWorkerId, dueOn: "2026-01-01", evaluationId: bEval.evaluationId }, idempotencyKey: key() })
  ).itemId;
  bEval.grantId = (
    await city.evaluations.grantInspector({
      divisionCode: "652301",
      stationId,
      username: "b.evaluator",
      kind: "evaluator",
      expiresAt: inDays(10),
      reason: "乙站评估",
      newAccount: { displayName: "乙站评估员", password: PASSWORD },
      idempotencyKey: key(),
    })
  ).grantId;
}

export function evaluationAttacks({ stationAttack, govAttack, key }: Harness): Record<string, Attack> {
  const b = bEval;
  // The city bureau (and A's evaluator) on A's own station, naming B's rows: the row is not A's.
  const onA = async (w: World, call: (c: Caller, stationId: string) => Promise<unknown>, attack = stationAttack) => [
    ...(await attack(w, (c) => call(c, w.stations.b))),
    call(await w.as("city.sup"), w.stations.a),
    call(await w.as("a.inspector"), w.stations.a),
  ];
  const divisionAttack = async (w: World, call: (c: Caller, divisionCode: string) => Promise<unknown>, also: string[] = []) => [
    ...(await Promise.all(["a.admin", "a.worker", "a.inspector", "contractor.a", "region.viewer", ...also].map((u) => w.as(u)))).map((c) => call(c, "652301")),
    // Ili's prefecture over Changji's division, and the township officer over the neighbouring township.
    call(await w.as("ili.pref"), "6523"),
    call(await w.as("town.a"), "652301104"),
  ];
  const scores = [{ code: "admin.staffing", score: 0, comment: "篡改" }];
  return {
    "evaluations.templates": async (w) => divisionAttack(w, (c, divisionCode) => c.evaluations.templates({ divisionCode })),
    "evaluations.stationTemplates": async (w) => stationAttack(w, (c) => c.evaluations.stationTemplates({ stationId: w.stations.b })),
    "evaluations.createTemplate": async (w) =>
      divisionAttack(
        w,
        (c, divisionCode) =>
          c.evaluations.createTemplate({
            divisionCode,
            template: { name: "篡改", indicators: [{ code: "x", dimension: "finance", title: "x", guidance: "", weight: 100, dataSource: "none" }] },
            idempotencyKey: key(),
          }),
        ["changji.pref"],
      ),
    "evaluations.create": async (w) => stationAttack(w, (c) => c.evaluations.create({ stationId: w.stations.b, templateId: DEFAULT_TEMPLATE_ID, year, idempotencyKey: key() })),
    "evaluations.list": async (w) => govAttack(w, (c) => c.evaluations.list({ stationId: w.stations.b })),
    "evaluations.get": async (w) => onA(w, (c, stationId) => c.evaluations.get({ stationId, evaluationId: b.evaluationId }), govAttack),
    "evaluations.score": async (w) => onA(w, (c, stationId) => c.evaluations.score({ stationId, evaluationId: b.evaluationId, scores })),
    "evaluations.finalize": async (w) => onA(w, (c, stationId) => c.evaluations.finalize({ stationId, evaluationId: b.evaluationId })),
    "evaluations.division": async (w) => divisionAttack(w, (c, divisionCode) => c.evaluations.division({ divisionCode, year })),
    "evaluations.inspectors": async (w) => divisionAttack(w, (c, divisionCode) => c.evaluations.inspectors({ divisionCode }), ["changji.pref"]),
    "evaluations.grantInspector": async (w) => [
      ...(await divisionAttack(
        w,
        (c, divisionCode) => c.evaluations.grantInspector({ divisionCode, stationId: w.stations.b, username: "a.inspector", kind: "audit", expiresAt: inDays(3), reason: "x", idempotencyKey: key() }),
        ["changji.pref"],
      )),
      // The city bureau granting a station outside its division.
      (await w.as("city.sup")).evaluations.grantInspector({ divisionCode: "652301", stationId: w.stations.ili, username: "a.inspector", kind: "audit", expiresAt: inDays(3), reason: "x", idempotencyKey: key() }),
    ],
    "evaluations.revokeInspector": async (w) => divisionAttack(w, (c, divisionCode) => c.evaluations.revokeInspector({ divisionCode, grantId: b.grantId }), ["changji.pref"]),
    "rectification.create": async (w) =>
      stationAttack(w, (c) => c.rectification.create({ stationId: w.stations.b, item: { finding: "篡改", requirement: "", ownerUserId: "00000000-0000-4000-8000-000000000001", dueOn: "2026-12-31" }, idempotencyKey: key() })),
    "rectification.owners": async (w) => stationAttack(w, (c) => c.rectification.owners({ stationId: w.stations.b })),
    "rectification.list": async (w) => govAttack(w, (c) => c.rectification.list({ stationId: w.stations.b })),
    "rectification.submitEvidence": async (w) => [
      ...(await stationAttack(w, (c) => c.rectification.submitEvidence({ stationId: w.stations.b, itemId: b.itemId, response: "篡改" }))),
      (await w.as("a.admin")).rectification.submitEvidence({ stationId: w.stations.a, itemId: b.itemId, response: "篡改" }),
    ],
    "rectification.close": async (w) => onA(w, (c, stationId) => c.rectification.close({ stationId, itemId: b.itemId, comment: "篡改" })),
    "rectification.reopen": async (w) => onA(w, (c, stationId) => c.rectification.reopen({ stationId, itemId: b.itemId, comment: "篡改" })),
    "rectification.division": async (w) => divisionAttack(w, (c, divisionCode) => c.rectification.division({ divisionCode, onlyOverdue: false })),
  };
}

export async function expectEvaluationOfBUntouched(w: World) {
  const city = await w.as("city.sup");
  const stationId = w.stations.b;
  const evaluation = await city.evaluations.get({ stationId, evaluationId: bEval.evaluationId });
  expect(evaluation.status).toBe("draft");
  expect(evaluation.indicators.filter((i) => i.score !== null).map((i) => [i.code, i.score, i.comment])).toEqual([[bEval.indicatorCode, 5, "乙站"]]);
  expect((await city.evaluations.list({ stationId })).map((e) => e.id)).toEqual([bEval.evaluationId]);
  expect(await city.rectification.list({ stationId })).toEqual([expect.objectContaining({ id: bEval.itemId, status: "open", response: "", bureauComment: "" })]);
  expect((await city.evaluations.inspectors({ divisionCode: "652301" })).filter((g) => g.stationId === stationId)).toEqual([expect.objectContaining({ id: bEval.grantId, state: "active", kind: "evaluator" })]);
  const templates = await w.dbs.owner.db.selectFrom("evaluation_template").select("name").execute();
  expect(templates.map((t) => t.name)).not.toContain("篡改");
}
