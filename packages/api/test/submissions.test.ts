import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withStation } from "@shegong/db";
import { todayInShanghai } from "@shegong/domain";
import { submissionFingerprint } from "../src/submissions/submission-workflow.ts";
import { agreementInput, contractorInput } from "./governance-fixtures.ts";
import { citizenId } from "./ids.ts";
import { createWorld, type World } from "./world.ts";

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;
const appCodeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { appCode?: string }) => e.appCode ?? "NO_APP_CODE");
const Q = "2026-Q3";

async function sheetsOf(base64: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, "base64") as unknown as ExcelJS.Buffer);
  return book;
}

describe("quarterly ledger packages and year-end reports", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    const worker = await world.as("a.worker");
    const workerId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.worker").executeTakeFirstOrThrow()).id;
    const people: string[] = [];
    for (const [i, name] of ["王奶奶", "李爷爷", "张阿姨"].entries()) {
      const created = await worker.people.create({
        stationId: world.stations.a,
        person: { name, citizenId: citizenId(`1940010${i + 1}`, 700 + i) },
        categories: [{ category: "elderly_tekun", startDate: "2025-01-01" }],
        idempotencyKey: key(),
      });
      people.push(created.personId);
    }
    // Registered long before the quarter, as a station's first import would have them.
    await world.dbs.owner.db.updateTable("person").set({ registered_on: "2025-01-01" }).where("station_id", "=", world.stations.a).execute();
    for (const [i, day] of ["2026-07-03", "2026-08-14", "2026-09-20", "2026-09-21", "2026-10-02"].entries()) {
      await worker.visits.create({
        stationId: world.stations.a,
        visit: { visitedOn: day, kind: "patrol", mode: "home", durationMinutes: 30, subject: { personId: people[i % 3]! }, workerUserIds: [workerId], area: "elderly", findings: {}, risk: "none" },
        idempotencyKey: key(),
      });
    }
    // The station's contractor under an agreement, so the year-end report has targets to meet.
    // (the world's contractor, whose admin is contractor.a, registered with social work in its scope).
    const contractorId = world.contractorId;
    await world.dbs.owner.db.updateTable("contractor").set({ business_scope: contractorInput(31).businessScope }).where("id", "=", contractorId).execute();
    const admin = await world.as("a.admin");
    await admin.agreements.create({ stationId: world.stations.a, agreement: agreementInput(contractorId, { serviceStart: "2026-01-01" }), idempotencyKey: key() });
  }, 120_000);
  afterAll(() => world?.close());

  it("a quarterly package is built from the data, submitted frozen and fingerprinted, returned and resubmitted as a new version", async () => {
    const admin = await world.as("a.admin");
    const built = await admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: Q, idempotencyKey: key() });
    expect(built.version).toBe(1);
    // Rebuilding a draft redoes it in place.
    expect((await admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: Q, idempotencyKey: key() })).submissionId).toBe(built.submissionId);

    const draft = (await admin.submissions.versions({ stationId: world.stations.a, kind: "quarterly", period: Q })).versions[0]!;
    const summary = draft.summary as { indicators: { indicator: string; total: number; byMonth: number[] }[]; dueOn: string; staff: { stationed: number } };
    expect(summary.dueOn).toBe("2026-10-10");
    expect(summary.indicators.find((i) => i.indicator === "visits.done")).toMatchObject({ total: 4, byMonth: [1, 1, 2] });
    expect(summary.indicators.find((i) => i.indicator === "people.registered")?.total).toBe(3);

    const file = await admin.submissions.download({ stationId: world.stations.a, submissionId: built.submissionId });
    const book = await sheetsOf(file.base64);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["季度汇总", "服务对象总台账", "巡访台账", "个案台账", "活动台账", "人员与培训", "资金"]));
    expect(names.some((n) => n.startsWith("特困"))).toBe(true);
    expect(book.getWorksheet("巡访台账")!.rowCount).toBe(3 + 4);
    // Masked IDs only: the package leaves the station.
    const register = book.getWorksheet("服务对象总台账")!;
    const cells: string[] = [];
    register.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes(citizenId("19400101", 700)))).toBe(false);

    const worker = await world.as("a.worker");
    expect(await appCodeOf(worker.submissions.submit({ stationId: world.stations.a, submissionId: built.submissionId }))).toBe("FORBIDDEN");
    const submitted = await (await world.as("contractor.a")).submissions.submit({ stationId: world.stations.a, submissionId: built.submissionId });
    const row = await world.dbs.owner.db.selectFrom("station_submission").selectAll().where("id", "=", built.submissionId).executeTakeFirstOrThrow();
    expect(row.workbook_sha256).toBe(createHash("sha256").update(row.workbook!).digest("hex"));
    expect(submitted.sha256).toBe(submissionFingerprint({ kind: row.kind, period: row.period, version: row.version, summary: row.summary, narrative: row.narrative, workbookSha256: row.workbook_sha256 }));

    // Frozen: the application refuses, and so does the database, even for the app role's own SQL.
    expect(await appCodeOf(admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: Q, idempotencyKey: key() }))).toBe("SUBMISSION_STATUS");
    expect(await appCodeOf(admin.submissions.submit({ stationId: world.stations.a, submissionId: built.submissionId }))).toBe("SUBMISSION_STATUS");
    const adminId = (await world.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "a.admin").executeTakeFirstOrThrow()).id;
    await expect(
      withStation(world.dbs.app.db, world.stations.a, (tx) => tx.updateTable("station_submission").set({ summary: JSON.stringify({ forged: true }) }).where("id", "=", built.submissionId).execute(), { userId: adminId }),
    ).rejects.toThrow(/frozen/);
    await expect(
      withStation(world.dbs.app.db, world.stations.a, (tx) => sql`update station_submission set workbook = '\\x00'::bytea where id = ${built.submissionId}`.execute(tx), { userId: adminId }),
    ).rejects.toThrow(/frozen/);
    await expect(
      withStation(world.dbs.app.db, world.stations.a, (tx) => tx.deleteFrom("station_submission").where("id", "=", built.submissionId).execute(), { userId: adminId }),
    ).rejects.toThrow();

    // The bureau sees it late (first submitted after 10 October) and awaiting review; B's is overdue.
    const city = await world.as("city.sup");
    const desk = await city.submissions.reviewList({ divisionCode: "652301", year: 2026 });
    expect(desk.find((r) => r.stationId === world.stations.a && r.period === Q)).toMatchObject({ status: "submitted", timeliness: "late", version: 1 });
    expect(desk.find((r) => r.stationId === world.stations.b && r.period === Q)).toMatchObject({ status: null, timeliness: "overdue" });
    expect(desk[0]!.status).toBe("submitted");
    // The bureau reads what was submitted, and downloads the workbook.
    const seen = await city.submissions.versions({ stationId: world.stations.a, kind: "quarterly", period: Q });
    expect(seen.versions[0]).toMatchObject({ status: "submitted", sha256: submitted.sha256 });
    expect((await city.submissions.download({ stationId: world.stations.a, submissionId: built.submissionId })).base64.length).toBeGreaterThan(1000);

    expect(await appCodeOf(admin.submissions.returnWithComments({ stationId: world.stations.a, submissionId: built.submissionId, comment: "x" }))).toBe("FORBIDDEN");
    await city.submissions.returnWithComments({ stationId: world.stations.a, submissionId: built.submissionId, comment: "走访台账缺少9月下旬记录，请补充后重新报送" });
    // Decided once.
    expect(await appCodeOf(city.submissions.accept({ stationId: world.stations.a, submissionId: built.submissionId }))).toBe("SUBMISSION_STATUS");
    await expect(
      withStation(world.dbs.app.db, world.stations.a, (tx) => tx.updateTable("station_submission").set({ status: "accepted" }).where("id", "=", built.submissionId).execute(), { userId: adminId }),
    ).rejects.toThrow(/decided once/);

    const again = await admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: Q, idempotencyKey: key() });
    expect(again.version).toBe(2);
    await admin.submissions.submit({ stationId: world.stations.a, submissionId: again.submissionId });
    await city.submissions.accept({ stationId: world.stations.a, submissionId: again.submissionId });
    const history = await admin.submissions.versions({ stationId: world.stations.a, kind: "quarterly", period: Q });
    expect(history.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "accepted"],
      [1, "returned"],
    ]);
    expect(history.versions[1]!.reviewComment).toContain("9月下旬");
    expect(history.versions[1]!.sha256).toBe(submitted.sha256);
    // Lateness counts from the first submission, not the resubmission.
    expect(history.timeliness).toBe("late");
    const periods = await admin.submissions.periods({ stationId: world.stations.a, year: 2026 });
    expect(periods.find((p) => p.period === Q)).toMatchObject({ status: "accepted", version: 2, timeliness: "late" });
  });

  it("builds are idempotent by key, and a period not begun cannot be built", async () => {
    const admin = await world.as("a.admin");
    const k = key();
    const first = await admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: "2026-Q1", idempotencyKey: k });
    const repeat = await admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: "2026-Q1", idempotencyKey: k });
    expect(repeat).toEqual(first);
    const next = Number(todayInShanghai().slice(0, 4)) + 1;
    expect(await appCodeOf(admin.submissions.build({ stationId: world.stations.a, kind: "quarterly", period: `${next}-Q1`, idempotencyKey: key() }))).toBe("SUBMISSION_PERIOD");
  });

  it("the year-end report: numbers and targets from the data, narrative written, submitted only when complete, then frozen", async () => {
    const admin = await world.as("contractor.a");
    const built = await admin.submissions.build({ stationId: world.stations.a, kind: "annual", period: "2026", idempotencyKey: key() });
    const draft = (await admin.submissions.versions({ stationId: world.stations.a, kind: "annual", period: "2026" })).versions[0]!;
    const summary = draft.summary as { deliverables: { kind: string; expected: number; actual: number | null; reached: boolean | null }[]; staffing: { required: number; stationed: number } | null; dueOn: string };
    expect(summary.dueOn).toBe("2026-11-15");
    const visits = summary.deliverables.find((d) => d.kind === "visits_per_month")!;
    expect(visits.actual).toBe(5);
    expect(visits.reached).toBe(false);
    expect(summary.staffing?.required).toBe(3);

    expect(await appCodeOf(admin.submissions.submit({ stationId: world.stations.a, submissionId: built.submissionId }))).toBe("VALIDATION");
    const narrative = { workDone: "全年走访五次。", highlights: "建立特困人员台账。", problems: "人手不足。", nextYearPlan: "增加驻站社工。" };
    await admin.submissions.saveNarrative({ stationId: world.stations.a, submissionId: built.submissionId, narrative });
    // Rebuilding the numbers keeps what was written.
    await admin.submissions.build({ stationId: world.stations.a, kind: "annual", period: "2026", idempotencyKey: key() });
    await admin.submissions.submit({ stationId: world.stations.a, submissionId: built.submissionId });
    expect(await appCodeOf(admin.submissions.saveNarrative({ stationId: world.stations.a, submissionId: built.submissionId, narrative: { ...narrative, problems: "改" } }))).toBe("SUBMISSION_STATUS");
    const after = (await admin.submissions.versions({ stationId: world.stations.a, kind: "annual", period: "2026" })).versions[0]!;
    expect(after).toMatchObject({ status: "submitted", narrative });
    expect(await appCodeOf(admin.submissions.download({ stationId: world.stations.a, submissionId: built.submissionId }))).toBe("NOT_FOUND");
    const city = await world.as("city.sup");
    await city.submissions.returnWithComments({ stationId: world.stations.a, submissionId: built.submissionId, comment: "请补充问题分析" });
    const v2 = await admin.submissions.build({ stationId: world.stations.a, kind: "annual", period: "2026", idempotencyKey: key() });
    expect(v2.version).toBe(2);
    // The new version starts from the narrative of the returned one.
    expect((await admin.submissions.versions({ stationId: world.stations.a, kind: "annual", period: "2026" })).versions[0]!.narrative).toEqual(narrative);
  });
});
