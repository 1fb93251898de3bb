import { describe, expect, it } from "vitest";
import { checkCaseDate, formatCaseNumber, ZCaseIntakeSchema, ZCaseReferralSchema, ZCaseServiceSchema, ZSignOffDecisionSchema } from "./inputs.ts";
import { caseRiskFromVisitRisk, CASE_SERVICE_AREA_LABELS } from "./vocab.ts";

const personId = "00000000-0000-4000-8000-000000000001";

describe("case inputs", () => {
  it("a case from a visit names the visit; a referral names who referred", () => {
    expect(ZCaseIntakeSchema.safeParse({ personId, source: "visit", intakeOn: "2026-11-28", presentingProblem: "独居摔倒", riskLevel: "high" }).success).toBe(false);
    expect(ZCaseIntakeSchema.safeParse({ personId, source: "referral", intakeOn: "2026-11-28", presentingProblem: "x", riskLevel: "low" }).success).toBe(false);
    expect(ZCaseIntakeSchema.safeParse({ personId, source: "walk_in", intakeOn: "2026-11-28", presentingProblem: "  ", riskLevel: "low" }).success).toBe(false);
    expect(ZCaseIntakeSchema.parse({ personId, source: "walk_in", intakeOn: "2026-11-28", presentingProblem: " 求助 ", riskLevel: "low" }).presentingProblem).toBe("求助");
  });

  it("every service record carries a duration", () => {
    const service = { area: "emotional_care", servedOn: "2026-11-28", workerUserIds: [personId], note: "陪伴聊天" };
    expect(ZCaseServiceSchema.safeParse(service).success).toBe(false);
    expect(ZCaseServiceSchema.safeParse({ ...service, durationMinutes: 0 }).success).toBe(false);
    expect(ZCaseServiceSchema.parse({ ...service, durationMinutes: 45 }).durationMinutes).toBe(45);
  });

  it("a referral's due date is not before it was made", () => {
    const referral = { toKind: "township", toName: "六工镇民政办", reason: "申请临时救助", referredOn: "2026-11-28" };
    expect(ZCaseReferralSchema.safeParse({ ...referral, dueOn: "2026-11-27" }).success).toBe(false);
    expect(ZCaseReferralSchema.safeParse({ ...referral, dueOn: "2026-12-05" }).success).toBe(true);
  });

  it("a returned sign-off says why", () => {
    expect(ZSignOffDecisionSchema.safeParse({ decision: "returned" }).success).toBe(false);
    expect(ZSignOffDecisionSchema.safeParse({ decision: "returned", comment: "目标不可衡量" }).success).toBe(true);
    expect(ZSignOffDecisionSchema.safeParse({ decision: "approved" }).success).toBe(true);
  });

  it("numbers, dates, vocabularies", () => {
    expect(formatCaseNumber(2026, 7)).toBe("2026-0007");
    expect(checkCaseDate("2026-11-29", "2026-11-28")?.zh).toMatch(/不能晚于今天/);
    expect(checkCaseDate("2026-11-28", "2026-11-28")).toBeNull();
    expect(caseRiskFromVisitRisk("high")).toBe("high");
    expect(caseRiskFromVisitRisk("medium")).toBe("medium");
    expect(CASE_SERVICE_AREA_LABELS.end_of_life_care.zh).toBe("临终关怀");
  });
});
