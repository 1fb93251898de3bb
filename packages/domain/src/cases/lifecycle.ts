import type { VocabLabels } from "../registry/vocab.ts";

/**
 * A case's path (issue 4 item 4): intake → assessment → plan (approved, by the worker alone or
 * with the supervisor's sign-off, R7) → service → closure (same rule). A case may close from any
 * open stage (a person moves away or dies before a plan), and a plan may be revised in service.
 */
export const CASE_STATUSES = ["intake", "assessed", "plan_pending", "plan_approved", "in_service", "closure_pending", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: VocabLabels<CaseStatus> = {
  intake: { zh: "已接案", en: "Intake" },
  assessed: { zh: "已评估", en: "Assessed" },
  plan_pending: { zh: "计划待批", en: "Plan awaiting approval" },
  plan_approved: { zh: "计划已批", en: "Plan approved" },
  in_service: { zh: "服务中", en: "In service" },
  closure_pending: { zh: "结案待批", en: "Closure awaiting sign-off" },
  closed: { zh: "已结案", en: "Closed" },
};

const OPEN_BEFORE_CLOSURE = ["intake", "assessed", "plan_pending", "plan_approved", "in_service"] as const satisfies readonly CaseStatus[];

const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  intake: ["assessed", "closure_pending", "closed"],
  assessed: ["plan_pending", "closure_pending", "closed"],
  plan_pending: ["plan_approved", "closure_pending", "closed"],
  plan_approved: ["plan_pending", "in_service", "closure_pending", "closed"],
  in_service: ["plan_pending", "closure_pending", "closed"],
  // A returned closure goes back to where the case was when closure was asked for.
  closure_pending: ["closed", ...OPEN_BEFORE_CLOSURE],
  closed: [],
};

export function canCaseTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isCaseOpen(status: CaseStatus): boolean {
  return status !== "closed";
}

/** The actions of a case, each allowed only in some statuses; what the buttons and the API agree on. */
export const CASE_ACTIONS = ["assess", "proposePlan", "approvePlan", "addService", "addReview", "addReferral", "close"] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const ACTION_STATUSES: Readonly<Record<CaseAction, readonly CaseStatus[]>> = {
  // Reassessment is allowed at any open stage; only the first one moves the case on.
  assess: OPEN_BEFORE_CLOSURE,
  proposePlan: ["assessed", "plan_pending", "plan_approved", "in_service"],
  approvePlan: ["plan_pending"],
  addService: ["plan_approved", "in_service"],
  addReview: ["plan_approved", "in_service"],
  addReferral: OPEN_BEFORE_CLOSURE,
  close: OPEN_BEFORE_CLOSURE,
};

export function actionAllowed(action: CaseAction, status: CaseStatus): boolean {
  return ACTION_STATUSES[action].includes(status);
}

/** Where an action leaves the case; the same status when the action does not move it. */
export function statusAfter(action: Exclude<CaseAction, "approvePlan" | "close">, status: CaseStatus): CaseStatus {
  switch (action) {
    case "assess":
      return status === "intake" ? "assessed" : status;
    case "proposePlan":
      return "plan_pending";
    case "addService":
      return "in_service";
    default:
      return status;
  }
}
