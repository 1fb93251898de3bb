import { describe, expect, it } from "vitest";
import {
  annualDueOn,
  buildMakesNewVersion,
  daysLate,
  deliverableAttainment,
  endedQuarters,
  missingNarrative,
  periodStarted,
  quarterlyDueOn,
  quarterRange,
  serviceMonthsInYear,
  staffingAttainment,
  submissionActionAllowed,
  submissionTimeliness,
  ZNarrativeSchema,
} from "./submissions.ts";

describe("due dates", () => {
  it("a quarter is due on the 10th of the next month, Q4 in January of the next year", () => {
    expect(quarterlyDueOn("2026-Q1")).toBe("2026-04-10");
    expect(quarterlyDueOn("2026-Q3")).toBe("2026-10-10");
    expect(quarterlyDueOn("2026-Q4")).toBe("2027-01-10");
  });
  it("the year-end report is due on 15 November", () => {
    expect(annualDueOn(2026)).toBe("2026-11-15");
  });
  it("quarter ranges and ended quarters", () => {
    expect(quarterRange("2026-Q1")).toMatchObject({ from: "2026-01-01", to: "2026-03-31", months: ["2026-01", "2026-02", "2026-03"] });
    expect(quarterRange("2024-Q1").to).toBe("2024-03-31");
    expect(quarterRange("2026-Q4")).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(endedQuarters(2026, "2026-11-27")).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(endedQuarters(2026, "2026-09-30")).toEqual(["2026-Q1", "2026-Q2"]);
    expect(periodStarted("quarterly", "2026-Q4", "2026-09-30")).toBe(false);
    expect(periodStarted("annual", "2026", "2026-01-01")).toBe(true);
  });
});

describe("lateness", () => {
  it("by the first submission; the due day itself is on time", () => {
    expect(submissionTimeliness("2026-10-10", "2026-10-10", "2026-11-01")).toBe("on_time");
    expect(submissionTimeliness("2026-10-10", "2026-10-11", "2026-11-01")).toBe("late");
    expect(submissionTimeliness("2026-10-10", null, "2026-10-10")).toBe("not_due");
    expect(submissionTimeliness("2026-10-10", null, "2026-10-11")).toBe("overdue");
    expect(daysLate("2026-10-10", null, "2026-10-20")).toBe(10);
    expect(daysLate("2026-10-10", "2026-10-09", "2026-10-20")).toBe(0);
  });
});

describe("transitions", () => {
  it("build, submit, review", () => {
    expect(submissionActionAllowed("build", null)).toBe(true);
    expect(submissionActionAllowed("build", "draft")).toBe(true);
    expect(submissionActionAllowed("build", "returned")).toBe(true);
    expect(submissionActionAllowed("build", "submitted")).toBe(false);
    expect(submissionActionAllowed("build", "accepted")).toBe(false);
    expect(submissionActionAllowed("edit", "submitted")).toBe(false);
    expect(submissionActionAllowed("submit", "draft")).toBe(true);
    expect(submissionActionAllowed("submit", "returned")).toBe(false);
    expect(submissionActionAllowed("accept", "submitted")).toBe(true);
    expect(submissionActionAllowed("return", "draft")).toBe(false);
    expect(submissionActionAllowed("return", "accepted")).toBe(false);
    expect(buildMakesNewVersion("returned")).toBe(true);
    expect(buildMakesNewVersion("draft")).toBe(false);
  });
});

describe("targets", () => {
  it("service months in the year, up to the as-of day", () => {
    expect(serviceMonthsInYear("2026-03-15", "2026-12-31", 2026, "2026-11-15")).toBe(9);
    expect(serviceMonthsInYear("2025-06-01", "2026-12-31", 2026, "2027-01-05")).toBe(12);
    expect(serviceMonthsInYear("2027-01-01", "2027-12-31", 2026, "2026-11-15")).toBe(0);
  });
  it("a monthly target is owed per month of service; others once", () => {
    const rows = deliverableAttainment(
      [
        { kind: "visits_per_month", target: 40 },
        { kind: "cases", target: 10 },
        { kind: "other", target: 3, note: "宣传" },
      ],
      { visits_per_month: 300, cases: 10, group_activities: 0, community_activities: 0, trainings: 0, other: null },
      9,
    );
    expect(rows[0]).toMatchObject({ expected: 360, actual: 300, percent: 83.3, reached: false });
    expect(rows[1]).toMatchObject({ expected: 10, actual: 10, percent: 100, reached: true });
    expect(rows[2]).toMatchObject({ expected: 3, actual: null, percent: null, reached: null, note: "宣传" });
    expect(staffingAttainment(3, 2).reached).toBe(false);
  });
});

describe("narrative", () => {
  it("is cleaned and every section must be written", () => {
    const n = ZNarrativeSchema.parse({ workDone: " 走访\r\n个案 ", highlights: "", problems: "\u200b", nextYearPlan: "计划" });
    expect(n.workDone).toBe("走访\n个案");
    expect(missingNarrative(n)).toEqual(["highlights", "problems"]);
  });
});

describe("period totals", () => {
  it("flows add up, stocks are read at the end, every indicator appears", async () => {
    const { periodTotals } = await import("./submissions.ts");
    const months = ["2026-07", "2026-08", "2026-09"];
    const totals = periodTotals(
      [
        { month: "2026-07", indicator: "visits.done", dimension: "patrol", value: 10 },
        { month: "2026-08", indicator: "visits.done", dimension: "patrol", value: 5 },
        { month: "2026-08", indicator: "visits.done", dimension: "follow_up", value: 2 },
        { month: "2026-07", indicator: "people.registered", dimension: "", value: 100 },
        { month: "2026-09", indicator: "people.registered", dimension: "", value: 98 },
      ],
      months,
    );
    const visits = totals.find((t) => t.indicator === "visits.done")!;
    expect(visits).toMatchObject({ byMonth: [10, 7, 0], total: 17 });
    expect(visits.dimensions).toEqual([
      { dimension: "follow_up", byMonth: [0, 2, 0], total: 2 },
      { dimension: "patrol", byMonth: [10, 5, 0], total: 15 },
    ]);
    expect(totals.find((t) => t.indicator === "people.registered")).toMatchObject({ byMonth: [100, 0, 98], total: 98 });
    expect(totals.find((t) => t.indicator === "cases.opened")).toMatchObject({ total: 0 });
  });
});
