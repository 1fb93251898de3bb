import { describe, expect, it } from "vitest";
import { draftMonthlyReport, type WorkRecord } from "./service-records.ts";
import { dayTotals } from "./work-log.ts";

const record = (r: Partial<WorkRecord>): WorkRecord => ({ kind: "visit", id: "x", on: "2026-11-03", minutes: 30, area: "elderly", type: "patrol", title: "", personIds: [], othersCount: 0, workerUserIds: ["w1"], ...r });

describe("draftMonthlyReport", () => {
  it("counts each record once, each person once, and credits every worker named", () => {
    const report = draftMonthlyReport({
      month: "2026-11",
      records: [
        record({ id: "v1", personIds: ["p1"], workerUserIds: ["w1", "w2"] }),
        record({ id: "v2", personIds: ["p1"] }),
        record({ id: "v3", on: "2026-10-31", personIds: ["p9"] }),
        record({ id: "c1", kind: "case_service", area: null, type: "emotional_care", minutes: 45, personIds: ["p2"] }),
        record({ id: "a1", kind: "activity", type: "group", minutes: 90, personIds: ["p1", "p3"], othersCount: 12 }),
        record({ id: "s1", kind: "supervision", area: null, type: "individual", minutes: 60, workerUserIds: ["w1", "sup"] }),
      ],
      scores: [5, 4, 2],
      resources: [
        { kind: "goods", valueFen: 30_000 },
        { kind: "money", valueFen: 1 },
        { kind: "goods", valueFen: 5 },
      ],
      cases: { opened: 1, closed: 0, openAtEnd: 3 },
    });
    expect(report.services).toEqual([
      { kind: "visit", area: "elderly", type: "patrol", count: 2, minutes: 60 },
      { kind: "case_service", area: null, type: "emotional_care", count: 1, minutes: 45 },
      { kind: "activity", area: "elderly", type: "group", count: 1, minutes: 90 },
      { kind: "supervision", area: null, type: "individual", count: 1, minutes: 60 },
    ]);
    // Supervision is counted but is not service time; October's visit is not November's.
    expect(report.totals).toEqual({ count: 5, minutes: 255, serviceMinutes: 195 });
    expect(report.reach).toEqual({ people: 3, others: 12 });
    expect(report.satisfaction).toMatchObject({ responses: 3, meanScore: 3.67 });
    expect(report.resources).toEqual({ count: 3, valueFen: 30_006, byKind: { goods: { count: 2, valueFen: 30_005 }, money: { count: 1, valueFen: 1 } } });
    expect(report.byWorker).toEqual([
      { userId: "w1", count: 5, minutes: 255 },
      { userId: "sup", count: 1, minutes: 60 },
      { userId: "w2", count: 1, minutes: 30 },
    ]);
  });

  it("an empty month is a report of zeros, not an error", () => {
    const report = draftMonthlyReport({ month: "2026-11", records: [], scores: [], resources: [], cases: { opened: 0, closed: 0, openAtEnd: 0 } });
    expect(report.totals).toEqual({ count: 0, minutes: 0, serviceMinutes: 0 });
    expect(report.satisfaction.meanScore).toBeNull();
  });
});

describe("dayTotals", () => {
  it("adds what the records say to what was written by hand", () => {
    expect(dayTotals([{ minutes: 30 }, { minutes: 45 }], [{ minutes: 60 }])).toEqual({ recordedMinutes: 75, addedMinutes: 60, totalMinutes: 135 });
  });
});
