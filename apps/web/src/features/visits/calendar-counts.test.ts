import { describe, expect, it } from "vitest";
import { calendarCounts } from "./calendar-counts.ts";

describe("calendarCounts", () => {
  it("counts visits on their day and due people on their due day, the late ones today", () => {
    const days = calendarCounts(
      [{ dueOn: "2026-11-01" }, { dueOn: "2026-11-27" }, { dueOn: "2026-12-03" }],
      [{ visitedOn: "2026-11-20" }, { visitedOn: "2026-11-20" }],
      "2026-11-27",
    );
    expect(Object.fromEntries(days)).toEqual({
      "2026-11-20": { done: 2, due: 0 },
      "2026-11-27": { done: 0, due: 2 },
      "2026-12-03": { done: 0, due: 1 },
    });
  });
});
