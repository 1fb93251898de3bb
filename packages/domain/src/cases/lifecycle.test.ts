import { describe, expect, it } from "vitest";
import { actionAllowed, canCaseTransition, CASE_STATUSES, CASE_STATUS_LABELS, statusAfter } from "./lifecycle.ts";

describe("case status machine (issue 4 item 4)", () => {
  it("walks intake → assessed → plan → service → closure", () => {
    const path = ["intake", "assessed", "plan_pending", "plan_approved", "in_service", "closure_pending", "closed"] as const;
    for (let i = 1; i < path.length; i++) expect(canCaseTransition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe(true);
  });

  it("never leaves closed, and cannot skip plan approval", () => {
    for (const to of CASE_STATUSES) expect(canCaseTransition("closed", to)).toBe(false);
    expect(canCaseTransition("intake", "in_service")).toBe(false);
    expect(canCaseTransition("assessed", "plan_approved")).toBe(false);
    expect(canCaseTransition("plan_pending", "in_service")).toBe(false);
  });

  it("returns a refused closure to any open stage", () => {
    for (const to of ["intake", "assessed", "plan_pending", "plan_approved", "in_service"] as const) expect(canCaseTransition("closure_pending", to)).toBe(true);
  });

  it("allows each action only where it makes sense", () => {
    expect(actionAllowed("addService", "assessed")).toBe(false);
    expect(actionAllowed("addService", "plan_approved")).toBe(true);
    expect(actionAllowed("approvePlan", "plan_pending")).toBe(true);
    expect(actionAllowed("approvePlan", "assessed")).toBe(false);
    expect(actionAllowed("close", "closure_pending")).toBe(false);
    expect(actionAllowed("close", "intake")).toBe(true);
    for (const action of ["assess", "proposePlan", "addService", "addReview", "addReferral", "close"] as const) expect(actionAllowed(action, "closed")).toBe(false);
  });

  it("moves the case only where the action says", () => {
    expect(statusAfter("assess", "intake")).toBe("assessed");
    expect(statusAfter("assess", "in_service")).toBe("in_service");
    expect(statusAfter("proposePlan", "in_service")).toBe("plan_pending");
    expect(statusAfter("addService", "plan_approved")).toBe("in_service");
    expect(statusAfter("addReview", "in_service")).toBe("in_service");
  });

  it("labels every status in Chinese first", () => {
    expect(CASE_STATUS_LABELS.closure_pending.zh).toBe("结案待批");
  });
});
