import { describe, expect, it } from "vitest";
import { labelOf, spellingClashes, type VocabLabels } from "../registry/vocab.ts";
import { checkServiceDate, ZActivityInputSchema, ZLinkedResourceInputSchema, ZSatisfactionInputSchema, ZSupervisionInputSchema, ZVolunteerInputSchema, type TActivityInputDraft } from "./inputs.ts";
import { hoursOf, resourceTotals, satisfactionSummary, supervisionMatrix, volunteerYearTotals, workerServiceHours } from "./totals.ts";
import {
  ACTIVITY_KIND_LABELS,
  FOLLOWUP_SUBJECT_KIND_LABELS,
  PUBLICITY_TOPIC_LABELS,
  RESOURCE_KIND_LABELS,
  SUPERVISION_FORMAT_LABELS,
} from "./vocab.ts";

const W1 = "9d2c7e6a-1b3f-4c5d-8e9f-0a1b2c3d4e5f";
const W2 = "1e2d3c4b-5a69-4788-97a6-b5c4d3e2f1a0";
const P1 = "0b9e4d1c-3f7a-4e2b-9c8d-1a2b3c4d5e6f";
const V1 = "6a1f2e3d-4c5b-4a69-8778-9f8e7d6c5b4a";

const VOCABULARIES: Record<string, VocabLabels<string>> = {
  ACTIVITY_KIND_LABELS,
  PUBLICITY_TOPIC_LABELS,
  RESOURCE_KIND_LABELS,
  SUPERVISION_FORMAT_LABELS,
  FOLLOWUP_SUBJECT_KIND_LABELS,
};

const paths = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("activity vocabularies", () => {
  it.each(Object.entries(VOCABULARIES))("%s: no spelling names two keys", (_, labels) => {
    expect(spellingClashes(labels)).toEqual([]);
  });

  it("labels as stations and evaluators name them", () => {
    expect(labelOf(ACTIVITY_KIND_LABELS, "group", "zh-CN")).toBe("小组活动");
    expect(labelOf(PUBLICITY_TOPIC_LABELS, "guardianship_law", "zh-CN")).toBe("监护法律宣传");
    expect(labelOf(RESOURCE_KIND_LABELS, "money", "en")).toBe("Money");
  });
});

describe("ZActivityInputSchema (issue 4 item 5)", () => {
  const activity = (o: Partial<TActivityInputDraft> = {}): TActivityInputDraft => ({
    kind: "group",
    area: "elderly",
    topic: "  老年人防诈骗小组  ",
    heldOn: "2026-03-10",
    durationMinutes: 90,
    place: "六工镇社工站活动室",
    workerUserIds: [W1],
    ...o,
  });

  it("accepts a minimal activity and fills counts and lists", () => {
    const parsed = ZActivityInputSchema.parse(activity());
    expect(parsed).toMatchObject({ topic: "老年人防诈骗小组", othersCount: 0, attendeePersonIds: [], volunteers: [] });
  });

  it("needs a publicity topic on publicity sessions, and only there", () => {
    expect(paths(ZActivityInputSchema.safeParse(activity({ kind: "publicity" })))).toEqual(["publicityTopic"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ kind: "publicity", publicityTopic: "safety_education", area: "children" })))).toEqual([]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ publicityTopic: "safety_education" })))).toEqual(["publicityTopic"]);
  });

  it("refuses duplicated attendees or volunteers, a negative head count, fractional minutes", () => {
    expect(paths(ZActivityInputSchema.safeParse(activity({ attendeePersonIds: [P1, P1] })))).toEqual(["attendeePersonIds"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ volunteers: [{ volunteerId: V1, minutes: 60 }, { volunteerId: V1, minutes: 30 }] })))).toEqual(["volunteers"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ othersCount: -1 })))).toEqual(["othersCount"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ volunteers: [{ volunteerId: V1, minutes: 30.5 }] })))).toEqual(["volunteers.0.minutes"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ durationMinutes: 0 })))).toEqual(["durationMinutes"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ workerUserIds: [] })))).toEqual(["workerUserIds"]);
    expect(paths(ZActivityInputSchema.safeParse(activity({ topic: "   " })))).toEqual(["topic"]);
    expect(ZActivityInputSchema.safeParse(activity({ topic: " " })).error?.issues[0]?.message).toBe("活动主题不能为空 / Topic is required");
  });
});

describe("other inputs (issue 4 items 6–7)", () => {
  it("volunteer: a real phone, leaving not before joining", () => {
    expect(ZVolunteerInputSchema.parse({ name: "张 伟", phone: "139 0000 0000", joinedOn: "2026-01-01" })).toMatchObject({ name: "张伟", phone: "13900000000" });
    expect(paths(ZVolunteerInputSchema.safeParse({ name: "张伟", phone: "12345", joinedOn: "2026-01-01" }))).toEqual(["phone"]);
    expect(paths(ZVolunteerInputSchema.safeParse({ name: "张伟", joinedOn: "2026-02-01", leftOn: "2026-01-01" }))).toEqual(["leftOn"]);
  });

  it("resource: whole fen, one beneficiary", () => {
    const ok = { kind: "money", source: "县慈善协会", description: "助学金", valueFen: 50_000, receivedOn: "2026-03-01", beneficiary: { personId: P1 } };
    expect(paths(ZLinkedResourceInputSchema.safeParse(ok))).toEqual([]);
    expect(paths(ZLinkedResourceInputSchema.safeParse({ ...ok, valueFen: 500.5 }))).toEqual(["valueFen"]);
    expect(paths(ZLinkedResourceInputSchema.safeParse({ ...ok, valueFen: -1 }))).toEqual(["valueFen"]);
    expect(paths(ZLinkedResourceInputSchema.safeParse({ ...ok, beneficiary: { personId: P1, activityId: V1 } }))).toEqual(["beneficiary"]);
  });

  it("supervision: a named supervisor; individual means one worker who is not the supervisor", () => {
    const base = { format: "group", heldOn: "2026-03-01", durationMinutes: 120, workerUserIds: [W1, W2], topics: "个案记录规范" } as const;
    expect(paths(ZSupervisionInputSchema.safeParse(base))).toEqual(["supervisorName"]);
    expect(paths(ZSupervisionInputSchema.safeParse({ ...base, supervisorName: "新疆大学 刘老师" }))).toEqual([]);
    expect(paths(ZSupervisionInputSchema.safeParse({ ...base, format: "individual", supervisorName: "刘老师" }))).toEqual(["workerUserIds"]);
    expect(paths(ZSupervisionInputSchema.safeParse({ ...base, supervisorUserId: W1 }))).toEqual(["workerUserIds"]);
    expect(paths(ZSupervisionInputSchema.safeParse({ ...base, supervisorName: "刘老师", casesDiscussed: [{}] }))).toEqual(["casesDiscussed.0"]);
  });

  it("satisfaction: a score of 1 to 5", () => {
    const base = { subjectKind: "activity", subjectId: V1, followedUpOn: "2026-03-02", mode: "phone", durationMinutes: 5 } as const;
    expect(paths(ZSatisfactionInputSchema.safeParse({ ...base, score: 5 }))).toEqual([]);
    expect(paths(ZSatisfactionInputSchema.safeParse({ ...base, score: 6 }))).toEqual(["score"]);
    expect(paths(ZSatisfactionInputSchema.safeParse({ ...base, score: 0 }))).toEqual(["score"]);
  });

  it("no service is recorded for a day that has not come", () => {
    expect(checkServiceDate("heldOn", "2026-03-01", "2026-03-01")).toBeNull();
    expect(checkServiceDate("heldOn", "2026-03-02", "2026-03-01")).toMatchObject({ field: "heldOn", zh: "日期不能晚于今天（2026-03-01）" });
  });
});

describe("totals", () => {
  it("volunteer minutes per year equal the records they come from", () => {
    const totals = volunteerYearTotals([
      { volunteerId: "b", heldOn: "2025-12-31", minutes: 60 },
      { volunteerId: "a", heldOn: "2026-01-01", minutes: 90 },
      { volunteerId: "a", heldOn: "2026-06-01", minutes: 45 },
      { volunteerId: "b", heldOn: "2026-01-01", minutes: 30 },
    ]);
    expect(totals).toEqual([
      { volunteerId: "a", year: 2026, minutes: 135, activities: 2 },
      { volunteerId: "b", year: 2025, minutes: 60, activities: 1 },
      { volunteerId: "b", year: 2026, minutes: 30, activities: 1 },
    ]);
    expect(hoursOf(135)).toBe(2.3);
    expect(hoursOf(90)).toBe(1.5);
  });

  it("resources add up in whole fen per kind", () => {
    const totals = resourceTotals([
      { kind: "money", valueFen: 10_001 },
      { kind: "money", valueFen: 19_999 },
      { kind: "goods", valueFen: 33_333 },
    ]);
    expect(totals).toEqual({
      count: 3,
      totalFen: 63_333,
      byKind: { goods: { count: 1, valueFen: 33_333 }, money: { count: 2, valueFen: 30_000 }, service: { count: 0, valueFen: 0 } },
    });
    expect(() => resourceTotals([{ kind: "money", valueFen: 1.5 }])).toThrow(RangeError);
  });

  it("supervision matrix names the months a worker went without, up to this month", () => {
    const workers = [
      { userId: W1, name: "李娜" },
      { userId: W2, name: "马建国" },
    ];
    const sessions = [
      { heldOn: "2026-01-15", durationMinutes: 60, workerUserIds: [W1, W2] },
      { heldOn: "2026-01-20", durationMinutes: 30, workerUserIds: [W1] },
      { heldOn: "2026-03-02", durationMinutes: 90, workerUserIds: [W1] },
      { heldOn: "2025-12-30", durationMinutes: 60, workerUserIds: [W2] },
    ];
    const matrix = supervisionMatrix(workers, sessions, 2026, "2026-03-10");
    expect(matrix.months).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(matrix.rows[0]).toMatchObject({ name: "李娜", sessions: 3, minutes: 180, monthsWithout: ["2026-02"] });
    expect(matrix.rows[0]?.cells[0]).toEqual({ month: "2026-01", sessions: 2, minutes: 90 });
    expect(matrix.rows[1]).toMatchObject({ name: "马建国", sessions: 1, minutes: 60, monthsWithout: ["2026-02", "2026-03"] });
    expect(supervisionMatrix(workers, sessions, 2025, "2026-03-10").months).toHaveLength(12);
    expect(supervisionMatrix(workers, sessions, 2027, "2026-03-10").months).toEqual([]);
  });

  it("satisfaction summary: mean, distribution, share satisfied; nothing made up without responses", () => {
    expect(satisfactionSummary([5, 4, 4, 2])).toEqual({ responses: 4, meanScore: 3.75, distribution: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 1 }, satisfiedPercent: 75 });
    expect(satisfactionSummary([5, 5, 4])).toMatchObject({ meanScore: 4.67, satisfiedPercent: 100 });
    expect(satisfactionSummary([])).toEqual({ responses: 0, meanScore: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, satisfiedPercent: null });
    expect(() => satisfactionSummary([6])).toThrow(RangeError);
  });

  it("service hours add up per worker, month and kind of record, within the year", () => {
    const hours = workerServiceHours(
      [
        { userId: W1, kind: "visit", on: "2026-01-10", minutes: 30 },
        { userId: W1, kind: "activity", on: "2026-01-20", minutes: 90 },
        { userId: W2, kind: "activity", on: "2026-01-20", minutes: 90 },
        { userId: W1, kind: "followup", on: "2026-03-01", minutes: 5 },
        { userId: W1, kind: "visit", on: "2025-12-31", minutes: 600 },
      ],
      2026,
    );
    expect(hours.find((h) => h.userId === W1)).toMatchObject({ minutes: 125, byKind: { visit: 30, activity: 90, followup: 5 } });
    expect(hours.find((h) => h.userId === W1)?.byMonth.slice(0, 3)).toEqual([120, 0, 5]);
    expect(hours.find((h) => h.userId === W2)?.minutes).toBe(90);
  });
});
