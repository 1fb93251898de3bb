import { describe, expect, it } from "vitest";
import { calendarCounts } from "./calendar-counts.ts";

describe("calendarCounts", () => {
  it("puts visits made and people falling due on their days", () => {
    const days = calendarCounts(
      [
        { day: "2026-11-27", due: 2 },
        { day: "2026-11-30", due: 1 },
      ],
      [{ visitedOn: "2026-11-20" }, { visitedOn: "2026-11-20" }, { visitedOn: "2026-11-27" }],
    );
    expect(Object.fromEntries(days)).toEqual({
      "2026-11-20": { done: 2, due: 0 },
      "2026-11-27": { done: 1, due: 2 },
      "2026-11-30": { done: 0, due: 1 },
    });
  });
});
