import { describe, expect, it } from "vitest";
import { daysToIsoDate, isoDateToDays } from "../time.ts";
import { dueStatus } from "./cadence.ts";
import { cadenceRulesFingerprint, compareDueOrder, dueStatusRange } from "./due-list.ts";
import { DUE_STATUSES } from "./vocab.ts";

describe("dueStatusRange", () => {
  // The database filters with these ranges and the list labels with dueStatus: they must agree on every day.
  it.each(["2024-02-27", "2024-12-28", "2025-02-28", "2026-06-30"])("puts every due date around %s in exactly the status dueStatus gives", (today) => {
    const start = isoDateToDays(today)! - 40;
    for (let d = start; d < start + 80; d++) {
      const dueOn = daysToIsoDate(d);
      for (const soonDays of [0, 3, 7]) {
        const inRange = DUE_STATUSES.filter((status) => {
          const { from, before } = dueStatusRange(status, today, { soonDays });
          return (from === undefined || dueOn >= from) && (before === undefined || dueOn < before);
        });
        expect(inRange).toEqual([dueStatus(dueOn, today, { soonDays })]);
      }
    }
  });

  it("refuses a date that is not a date", () => {
    expect(() => dueStatusRange("overdue", "2025-02-30")).toThrow(RangeError);
  });
});

describe("cadenceRulesFingerprint", () => {
  it("is the same for overrides that change nothing and differs when a rule changes", () => {
    const none = cadenceRulesFingerprint({ region: {}, station: {} });
    // Setting the default explicitly changes no due date.
    expect(cadenceRulesFingerprint({ region: { elderly_tekun: { unit: "month", every: 1 } }, station: {} })).toBe(none);
    expect(cadenceRulesFingerprint({ region: { elderly_tekun: { unit: "week", every: 2 } }, station: {} })).not.toBe(none);
    // The station's override beats the region's; switching rounds off is a change too.
    expect(cadenceRulesFingerprint({ region: { assist_dibao: { unit: "month", every: 1 } }, station: { assist_dibao: { unit: "year", every: 1 } } })).toBe(none);
    expect(cadenceRulesFingerprint({ region: {}, station: { assist_dibao: null } })).not.toBe(none);
  });
});

describe("compareDueOrder", () => {
  it("orders by due date, then pinyin, then id", () => {
    const rows = [
      { dueOn: "2025-01-02", namePinyin: "a", personId: "1" },
      { dueOn: "2025-01-01", namePinyin: "zhang san", personId: "2" },
      { dueOn: "2025-01-01", namePinyin: "li si", personId: "4" },
      { dueOn: "2025-01-01", namePinyin: "li si", personId: "3" },
    ];
    expect(rows.sort(compareDueOrder).map((r) => r.personId)).toEqual(["3", "4", "2", "1"]);
  });
});
