import { describe, expect, it } from "vitest";
import {
  checkIndicatorScore,
  checkInspectorGrantExpiry,
  checkTemplateIndicators,
  DEFAULT_EVALUATION_TEMPLATE,
  EVALUATION_DIMENSIONS,
  evaluationTotal,
  INSPECTOR_GRANT_MAX_DAYS,
  isRectificationOverdue,
  nextRectificationStatus,
  ZEvaluationTemplateSchema,
  ZIndicatorScoreSchema,
} from "../index.ts";

const ind = (code: string, weight: number, dimension: (typeof EVALUATION_DIMENSIONS)[number] = "administration") => ({ code, weight, dimension });

describe("evaluation rubric weights", () => {
  it("the default rubric sums to 100 and covers all five dimensions", () => {
    expect(checkTemplateIndicators(DEFAULT_EVALUATION_TEMPLATE.indicators)).toBeNull();
    expect(ZEvaluationTemplateSchema.safeParse(DEFAULT_EVALUATION_TEMPLATE).success).toBe(true);
    for (const d of EVALUATION_DIMENSIONS) expect(DEFAULT_EVALUATION_TEMPLATE.indicators.some((i) => i.dimension === d)).toBe(true);
  });

  it("refuses weights that do not sum to 100, duplicate codes and an empty rubric", () => {
    expect(checkTemplateIndicators([ind("a", 50), ind("b", 49)])?.en).toContain("sum to 99");
    expect(checkTemplateIndicators([ind("a", 50), ind("a", 50)])?.en).toContain("unique");
    expect(checkTemplateIndicators([])).not.toBeNull();
    const parsed = ZEvaluationTemplateSchema.safeParse({ name: "x", indicators: [{ code: "a", dimension: "finance", title: "t", guidance: "", weight: 60, dataSource: "none" }] });
    expect(parsed.success).toBe(false);
  });

  it("sums tenths exactly (33.3 + 33.3 + 33.4 = 100)", () => {
    expect(checkTemplateIndicators([ind("a", 33.3), ind("b", 33.3), ind("c", 33.4)])).toBeNull();
  });
});

describe("scores and totals", () => {
  it("a score lies between 0 and the indicator's weight", () => {
    expect(checkIndicatorScore(8, 8)).toBeNull();
    expect(checkIndicatorScore(8, 7.5)).toBeNull();
    expect(checkIndicatorScore(8, 8.1)).not.toBeNull();
    expect(ZIndicatorScoreSchema.safeParse({ code: "a", score: -1, comment: "" }).success).toBe(false);
    expect(ZIndicatorScoreSchema.safeParse({ code: "a", score: 7.25, comment: "" }).success).toBe(false);
  });

  it("totals by dimension, counts unscored indicators, and grades", () => {
    const indicators = [ind("a", 40, "administration"), ind("b", 30, "finance"), ind("c", 30, "finance")];
    const partial = evaluationTotal(indicators, [{ code: "a", score: 35.5 }, { code: "b", score: 20.1 }]);
    expect(partial).toMatchObject({ total: 55.6, scored: 2, indicators: 3, complete: false, grade: "fail" });
    expect(partial.byDimension.finance).toEqual({ weight: 60, score: 20.1 });
    const full = evaluationTotal(indicators, [{ code: "a", score: 38 }, { code: "b", score: 27 }, { code: "c", score: 26.5 }]);
    expect(full).toMatchObject({ total: 91.5, complete: true, grade: "excellent" });
    expect(evaluationTotal(indicators, [{ code: "a", score: 40 }, { code: "b", score: 20 }, { code: "c", score: 20 }]).grade).toBe("good");
    // A score for a code the rubric does not have adds nothing.
    expect(evaluationTotal(indicators, [{ code: "zzz", score: 10 }]).total).toBe(0);
  });
});

describe("rectification status", () => {
  it("moves open → evidence submitted → closed, and back through reopened", () => {
    expect(nextRectificationStatus("open", "submit_evidence")).toBe("evidence_submitted");
    expect(nextRectificationStatus("evidence_submitted", "close")).toBe("closed");
    expect(nextRectificationStatus("evidence_submitted", "reopen")).toBe("reopened");
    expect(nextRectificationStatus("closed", "reopen")).toBe("reopened");
    expect(nextRectificationStatus("reopened", "submit_evidence")).toBe("evidence_submitted");
  });

  it("refuses closing an unanswered item and answering a closed one", () => {
    expect(nextRectificationStatus("open", "close")).toBeNull();
    expect(nextRectificationStatus("reopened", "close")).toBeNull();
    expect(nextRectificationStatus("closed", "submit_evidence")).toBeNull();
    expect(nextRectificationStatus("open", "reopen")).toBeNull();
  });

  it("an item is overdue after its due day unless closed", () => {
    expect(isRectificationOverdue({ status: "open", dueOn: "2026-11-01" }, "2026-11-02")).toBe(true);
    expect(isRectificationOverdue({ status: "open", dueOn: "2026-11-02" }, "2026-11-02")).toBe(false);
    expect(isRectificationOverdue({ status: "closed", dueOn: "2026-11-01" }, "2026-12-01")).toBe(false);
  });
});

describe("inspector grants", () => {
  it("end in the future and within the maximum period", () => {
    const now = new Date("2026-11-27T00:00:00Z");
    expect(checkInspectorGrantExpiry(now, new Date(now.getTime() + 86_400_000))).toBeNull();
    expect(checkInspectorGrantExpiry(now, new Date(now.getTime() + INSPECTOR_GRANT_MAX_DAYS * 86_400_000))).toBeNull();
    expect(checkInspectorGrantExpiry(now, new Date(now.getTime() + (INSPECTOR_GRANT_MAX_DAYS + 1) * 86_400_000))).not.toBeNull();
    expect(checkInspectorGrantExpiry(now, now)).not.toBeNull();
  });
});
