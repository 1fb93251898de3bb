import { describe, expect, it } from "vitest";
import { chartNumber, dashboardMeasure, indicatorValue, satisfactionMean } from "./dashboard.ts";

describe("dashboard measures", () => {
  it("add up counts of things over their dimensions, and pass a suppressed value through untouched", () => {
    expect(indicatorValue({ "visits.done": { patrol: 3, follow_up: 2 } }, "visits.done")).toBe(5);
    expect(indicatorValue({ "people.registered": { "": "<5" } }, "people.registered")).toBe("<5");
    expect(indicatorValue({}, "cases.open")).toBe(0);
  });

  it("never sum people across categories (a person holds several, and a <5 cell must not leak)", () => {
    expect(indicatorValue({ "people.category": { elderly_tekun: 7, assist_dibao: "<5" } }, "people.category")).toBeNull();
    expect(indicatorValue({ "people.category": { elderly_tekun: 7, assist_dibao: 6 } }, "people.category")).toBeNull();
  });

  it("give charts a gap for <5, never a number", () => {
    expect(chartNumber("<5")).toBeNull();
    expect(chartNumber(null)).toBeNull();
    expect(chartNumber(0)).toBe(0);
  });

  it("read time in hours, money in yuan and satisfaction as a mean", () => {
    const values = { "volunteers.minutes": { "": 90 }, "resources.value_fen": { goods: 12345, money: 5 }, "satisfaction.responses": { "": 3 }, "satisfaction.score_total": { "": 13 } };
    expect(dashboardMeasure(values, "volunteers.hours")).toBe(1.5);
    expect(dashboardMeasure(values, "resources.yuan")).toBe(123.5);
    expect(dashboardMeasure(values, "satisfaction.mean")).toBe(4.33);
    expect(satisfactionMean({})).toBeNull();
    expect(dashboardMeasure({ "staff.total": { "": 4 }, "staff.qualified": { "": 3 } }, "staff.qualified")).toBe("3 / 4");
  });
});
