import { sql } from "kysely";
import { DEFAULT_EVALUATION_TEMPLATE, todayInShanghai } from "@shegong/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { DEFAULT_TEMPLATE_ID } from "../src/evaluation/templates.ts";
import { agreementInput, contractorInput } from "./governance-fixtures.ts";
import { createWorld, PASSWORD, type World } from "./world.ts";

const appCodeOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const TODAY = todayInShanghai();
const YEAR = Number(TODAY.slice(0, 4));


let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());

const userId = async (username: string) => (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", username).executeTakeFirstOrThrow()).id;
const auditActions = async (stationId: string) =>
  (await world.dbs.owner.db.selectFrom("audit_event").select(["action", "actor_name", "target"]).where("station_id", "=", stationId).execute());

describe("evaluations (issue 5 item 8)", () => {
  it("scores indicator by indicator with the data behind each, totals, finalizes, and then refuses every change", async () => {
    const city = await world.as("city.sup");
    const station = world.stations.a;
    const templates = await city.evaluations.templates({ divisionCode: "652301" });
    expect(templates[0]).toMatchObject({ id: DEFAULT_TEMPLATE_ID, isDefault: true });
    const { evaluationId } = await city.evaluations.create({ stationId: station, templateId: DEFAULT_TEMPLATE_ID, year: YEAR, idempotencyKey: key() });

    const draft = await city.evaluations.get({ stationId: station, evaluationId });
    expect(draft).toMatchObject({ status: "draft", evaluatorKind: "bureau", totals: { total: 0, complete: false } });
    expect(draft.indicators).toHaveLength(DEFAULT_EVALUATION_TEMPLATE.indicators.length);
    const visits = draft.indicators.find((i) => i.dataSource === "visits_vs_target")!;
    expect(visits.evidence).toMatchObject({ source: "visits_vs_target", value: 0 });
    expect(draft.indicators.find((i) => i.dataSource === "none")!.evidence).toMatchObject({ value: null });

    // A score above the indicator's weight, or for an indicator the rubric lacks, is refused.
    expect(await appCodeOf(city.evaluations.score({ stationId: station, evaluationId, scores: [{ code: visits.code, score: visits.weight + 1, comment: "" }] }))).toBe("VALIDATION");
    expect(await appCodeOf(city.evaluations.score({ stationId: station, evaluationId, scores: [{ code: "nope", score: 1, comment: "" }] }))).toBe("VALIDATION");

    await city.evaluations.score({ stationId: station, evaluationId, scores: [{ code: visits.code, score: 12.5, comment: "走访完成率偏低" }] });
    expect(await appCodeOf(city.evaluations.finalize({ stationId: station, evaluationId }))).toBe("EVALUATION_INCOMPLETE");

    const rest = draft.indicators.filter((i) => i.code !== visits.code).map((i) => ({ code: i.code, score: i.weight, comment: "" }));
    await city.evaluations.score({ stationId: station, evaluationId, scores: rest, summary: "总体良好" });
    const scored = await city.evaluations.get({ stationId: station, evaluationId });
    expect(scored.totals).toMatchObject({ total: 97.5, complete: true, grade: "excellent" });
    expect(scored.indicators.find((i) => i.code === visits.code)).toMatchObject({ score: 12.5, comment: "走访完成率偏低" });

    expect(await city.evaluations.finalize({ stationId: station, evaluationId })).toEqual({ total: 97.5, grade: "excellent" });
    const final = await city.evaluations.get({ stationId: station, evaluationId });
    expect(final).toMatchObject({ status: "finalized", summary: "总体良好", totals: { total: 97.5 } });
    expect(final.indicators.find((i) => i.code === visits.code)!.evidence).toMatchObject({ source: "visits_vs_target" });

    // The application refuses…
    expect(await appCodeOf(city.evaluations.score({ stationId: station, evaluationId, scores: [{ code: visits.code, score: 1, comment: "" }] }))).toBe("EVALUATION_FINALIZED");
    expect(await appCodeOf(city.evaluations.finalize({ stationId: station, evaluationId }))).toBe("EVALUATION_FINALIZED");
    // …and so does the database, for a write that slips past it.
    const owner = world.dbs.owner.db;
    await expect(owner.updateTable("evaluation").set({ summary: "改写" }).where("id", "=", evaluationId).execute()).rejects.toThrow(/frozen/);
    await expect(owner.updateTable("evaluation_score").set({ score: 0 }).where("evaluation_id", "=", evaluationId).execute()).rejects.toThrow(/frozen/);
    await expect(owner.deleteFrom("evaluation_score").where("evaluation_id", "=", evaluationId).execute()).rejects.toThrow(/frozen/);
    await expect(
      owner.insertInto("evaluation_score").values({ station_id: station, evaluation_id: evaluationId, indicator_code: "extra", score: 1, scored_by: await userId("city.sup") }).execute(),
    ).rejects.toThrow(/frozen/);

    // The station sees its evaluation, read-only.
    const admin = await world.as("a.admin");
    expect((await admin.evaluations.list({ stationId: station })).map((e) => [e.id, e.status, e.total])).toEqual([[evaluationId, "finalized", 97.5]]);
    expect(await appCodeOf(admin.evaluations.score({ stationId: station, evaluationId, scores: [] }))).toBe("FORBIDDEN");
    expect((await city.evaluations.division({ divisionCode: "652301", year: YEAR })).map((e) => e.id)).toContain(evaluationId);
    expect((await auditActions(station)).map((a) => a.action)).toEqual(expect.arrayContaining(["evaluation.create", "evaluation.score", "evaluation.finalize"]));
  });

  it("shows the numbers behind each bound indicator: agreement targets, funds spent of allocated", async () => {
    const city = await world.as("city.sup");
    const admin = await world.as("b.admin");
    const stationId = world.stations.b;
    const { contractorId } = await city.contractors.create({ divisionCode: "652301", contractor: contractorInput(321), idempotencyKey: key() });
    await city.contractors.assignStation({ stationId, contractorId });
    const start = `${YEAR}-01-01`;
    const { agreementId } = await admin.agreements.create({ stationId, agreement: agreementInput(contractorId, { signedOn: start, serviceStart: start }), idempotencyKey: key() });
    await city.funds.allocate({ stationId, agreementId, allocation: { source: "region_pilot", amountFen: 100_000, allocatedOn: start }, idempotencyKey: key() });
    await admin.funds.spend({ stationId, agreementId, spending: { category: "office", amountFen: 25_000, spentOn: TODAY, description: "办公用品" }, idempotencyKey: key() });

    const { evaluationId } = await city.evaluations.create({ stationId, templateId: DEFAULT_TEMPLATE_ID, year: YEAR, idempotencyKey: key() });
    const evaluation = await city.evaluations.get({ stationId, evaluationId });
    const bySource = (source: string) => evaluation.indicators.find((i) => i.dataSource === source)!.evidence;
    const months = Number(TODAY.slice(5, 7));
    expect(bySource("visits_vs_target")).toEqual({ source: "visits_vs_target", value: 0, target: 40 * months, percent: 0, unit: "count" });
    expect(bySource("cases_closed")).toMatchObject({ value: 0, target: 10 });
    expect(bySource("activities_held")).toMatchObject({ value: 0, target: 12 });
    expect(bySource("staffing_vs_agreement")).toMatchObject({ target: 3, unit: "people" });
    expect(bySource("funds_spent_ratio")).toEqual({ source: "funds_spent_ratio", value: 25_000, target: 100_000, percent: 25, unit: "fen" });
    expect(bySource("satisfaction_score")).toMatchObject({ value: null });
  });

  it("a bureau rubric must weigh 100 and is offered only under its division", async () => {
    const city = await world.as("city.sup");
    const indicators = [
      { code: "a", dimension: "administration" as const, title: "甲", guidance: "", weight: 60, dataSource: "none" as const },
      { code: "b", dimension: "finance" as const, title: "乙", guidance: "", weight: 30, dataSource: "funds_spent_ratio" as const },
    ];
    expect(await appCodeOf(city.evaluations.createTemplate({ divisionCode: "652301", template: { name: "缺分", indicators }, idempotencyKey: key() }))).toBe("VALIDATION");
    const full = [...indicators, { code: "c", dimension: "satisfaction" as const, title: "丙", guidance: "", weight: 10, dataSource: "satisfaction_score" as const }];
    const { templateId } = await city.evaluations.createTemplate({ divisionCode: "652301", template: { name: "昌吉市评估细则", indicators: full }, idempotencyKey: key() });
    expect((await city.evaluations.templates({ divisionCode: "652301" })).map((t) => t.id)).toContain(templateId);
    expect((await (await world.as("ili.pref")).evaluations.templates({ divisionCode: "6540" })).map((t) => t.id)).not.toContain(templateId);
    const { evaluationId } = await city.evaluations.create({ stationId: world.stations.b, templateId, year: YEAR, idempotencyKey: key() });
    expect((await city.evaluations.get({ stationId: world.stations.b, evaluationId })).indicators.map((i) => i.code)).toEqual(["a", "b", "c"]);
  });
});

describe("inspectors (issue 5 item 8, R18)", () => {
  const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000);

  it("the bureau grants time-limited access; each step is audited; access ends by itself at expiry and on revoke", async () => {
    const city = await world.as("city.sup");
    const station = world.stations.a;
    expect(
      await appCodeOf(city.evaluations.grantInspector({ divisionCode: "652301", stationId: station, username: "eval.long", kind: "evaluator", expiresAt: inFuture(91), reason: "年度评估", newAccount: { displayName: "评估员", password: PASSWORD }, idempotencyKey: key() })),
    ).toBe("INSPECTOR_GRANT_PERIOD");
    expect(
      await appCodeOf(city.evaluations.grantInspector({ divisionCode: "652301", stationId: station, username: "eval.past", kind: "evaluator", expiresAt: new Date(Date.now() - 1000), reason: "年度评估", newAccount: { displayName: "评估员", password: PASSWORD }, idempotencyKey: key() })),
    ).toBe("INSPECTOR_GRANT_PERIOD");

    const { grantId } = await city.evaluations.grantInspector({
      divisionCode: "652301",
      stationId: station,
      username: "eval.one",
      kind: "evaluator",
      expiresAt: inFuture(30),
      reason: "2026 年度第三方评估",
      newAccount: { displayName: "第三方评估员", password: PASSWORD },
      idempotencyKey: key(),
    });
    const inspector = await world.as("eval.one");
    expect((await inspector.workspace.enter({ stationId: station })).readOnly).toBe(true);
    // An evaluator scores as a third party, but writes nothing else.
    const { evaluationId } = await inspector.evaluations.create({ stationId: station, templateId: DEFAULT_TEMPLATE_ID, year: YEAR, idempotencyKey: key() });
    expect((await inspector.evaluations.get({ stationId: station, evaluationId })).evaluatorKind).toBe("third_party");
    expect(await appCodeOf(inspector.rectification.close({ stationId: station, itemId: grantId, comment: "" }))).toBe("FORBIDDEN");
    // Another station is not theirs.
    expect(await appCodeOf(inspector.evaluations.list({ stationId: world.stations.b }))).toBe("FORBIDDEN");

    const listed = await city.evaluations.inspectors({ divisionCode: "652301" });
    expect(listed.find((g) => g.id === grantId)).toMatchObject({ username: "eval.one", kind: "evaluator", state: "active" });

    // Expiry ends access by itself: nothing revokes it, the grant is simply no longer loaded.
    await world.dbs.owner.db.updateTable("role_grant").set({ expires_at: new Date(Date.now() - 1000) }).where("id", "=", grantId).execute();
    world.forget("eval.one");
    const expired = await world.as("eval.one");
    expect(await appCodeOf(expired.workspace.enter({ stationId: station }))).toBe("FORBIDDEN");
    expect(await appCodeOf(expired.evaluations.get({ stationId: station, evaluationId }))).toBe("FORBIDDEN");
    expect((await city.evaluations.inspectors({ divisionCode: "652301" })).find((g) => g.id === grantId)?.state).toBe("expired");

    // A second grant to the same (existing) account, then revoked.
    const again = await city.evaluations.grantInspector({ divisionCode: "652301", stationId: station, username: "eval.one", kind: "audit", expiresAt: inFuture(5), reason: "专项审计", idempotencyKey: key() });
    world.forget("eval.one");
    const auditor = await world.as("eval.one");
    expect((await auditor.evaluations.list({ stationId: station })).length).toBeGreaterThan(0);
    // An auditor reads but does not score.
    expect(await appCodeOf(auditor.evaluations.create({ stationId: station, templateId: DEFAULT_TEMPLATE_ID, year: YEAR, idempotencyKey: key() }))).toBe("FORBIDDEN");
    expect(await city.evaluations.revokeInspector({ divisionCode: "652301", grantId: again.grantId })).toEqual({ ok: true, changed: true });
    world.forget("eval.one");
    expect(await appCodeOf((await world.as("eval.one")).evaluations.list({ stationId: station }))).toBe("FORBIDDEN");
    expect((await city.evaluations.inspectors({ divisionCode: "652301" })).find((g) => g.id === again.grantId)?.state).toBe("revoked");

    const audit = await auditActions(station);
    expect(audit.filter((a) => a.action === "inspector.grant").map((a) => a.target)).toEqual(["eval.one", "eval.one"]);
    expect(audit.filter((a) => a.action === "inspector.revoke").map((a) => a.target)).toEqual(["eval.one"]);
    expect(audit.some((a) => a.action === "workspace.enter" && a.actor_name === "eval.one")).toBe(true);
  });

  it("only the bureau over the station grants, and only to stations under it", async () => {
    const request = (divisionCode: string, stationId: string) => ({ divisionCode, stationId, username: "a.inspector", kind: "finance" as const, expiresAt: inFuture(3), reason: "x", idempotencyKey: key() });
    expect(await appCodeOf((await world.as("city.sup")).evaluations.grantInspector(request("652301", world.stations.ili)))).toBe("NOT_FOUND");
    expect(await appCodeOf((await world.as("ili.pref")).evaluations.grantInspector(request("6540", world.stations.a)))).toBe("FORBIDDEN");
    expect(await appCodeOf((await world.as("a.admin")).evaluations.grantInspector(request("652301", world.stations.a)))).toBe("FORBIDDEN");
    expect(await appCodeOf((await world.as("changji.pref")).evaluations.grantInspector(request("6523", world.stations.a)))).toBe("FORBIDDEN");
  });
});

describe("rectification (整改)", () => {
  it("open → evidence submitted → reopened → evidence → closed by the bureau; overdue shows on the board", async () => {
    const city = await world.as("city.sup");
    const worker = await world.as("a.worker");
    const admin = await world.as("a.admin");
    const station = world.stations.a;
    const owners = await city.rectification.owners({ stationId: station });
    const ownerUserId = owners.find((o) => o.displayName === "a.worker")!.userId;
    // The owner must be the station's own member.
    expect(await appCodeOf(city.rectification.create({ stationId: station, item: { finding: "x", requirement: "", ownerUserId: await userId("b.worker"), dueOn: TODAY }, idempotencyKey: key() }))).toBe("VALIDATION");

    const request = { stationId: station, item: { finding: "入户走访记录不全", requirement: "补齐 10 月走访记录", ownerUserId, dueOn: "2026-01-10" }, idempotencyKey: key() };
    const { itemId } = await city.rectification.create(request);
    // A retried create is the same item.
    expect((await city.rectification.create(request)).itemId).toBe(itemId);

    const board = await city.rectification.division({ divisionCode: "652301", onlyOverdue: true });
    expect(board.find((i) => i.id === itemId)).toMatchObject({ status: "open", overdue: true, ownerName: "a.worker" });

    // Nothing to close before the station answers; the station cannot close its own item.
    expect(await appCodeOf(city.rectification.close({ stationId: station, itemId, comment: "" }))).toBe("RECTIFICATION_STATUS");
    expect(await appCodeOf(admin.rectification.close({ stationId: station, itemId, comment: "" }))).toBe("FORBIDDEN");
    expect(await appCodeOf(worker.rectification.submitEvidence({ stationId: station, itemId, response: "" }))).toBe("VALIDATION");

    const photo = { ownerKind: "rectification" as const, ownerId: itemId, kind: "document" as const, fileName: "补录记录.pdf", fileBase64: Buffer.from("%PDF-1.4 x").toString("base64") };
    await worker.attachments.upload({ stationId: station, file: photo, idempotencyKey: key() });
    expect(await worker.rectification.submitEvidence({ stationId: station, itemId, response: "" })).toEqual({ status: "evidence_submitted" });
    expect(await appCodeOf(worker.rectification.submitEvidence({ stationId: station, itemId, response: "again" }))).toBe("RECTIFICATION_STATUS");
    // The bureau reads the evidence.
    expect((await city.attachments.list({ stationId: station, ownerKind: "rectification", ownerId: itemId })).map((a) => a.fileName)).toEqual(["补录记录.pdf"]);

    expect(await city.rectification.reopen({ stationId: station, itemId, comment: "缺少 9 月记录" })).toEqual({ status: "reopened" });
    await worker.rectification.submitEvidence({ stationId: station, itemId, response: "已补齐 9、10 月记录" });
    expect(await city.rectification.close({ stationId: station, itemId, comment: "整改到位" })).toEqual({ status: "closed" });

    const listed = (await admin.rectification.list({ stationId: station })).find((i) => i.id === itemId);
    expect(listed).toMatchObject({ status: "closed", overdue: false, response: "已补齐 9、10 月记录", bureauComment: "整改到位" });
    expect((await city.rectification.division({ divisionCode: "652301", onlyOverdue: true })).map((i) => i.id)).not.toContain(itemId);
    const actions = (await auditActions(station)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["rectification.create", "rectification.submit_evidence", "rectification.reopen", "rectification.close"]));

    // The database keeps the status honest too: a closed item has its closing time.
    await expect(sql`update rectification_item set closed_at = null where id = ${itemId}`.execute(world.dbs.owner.db)).rejects.toThrow();
  });
});
