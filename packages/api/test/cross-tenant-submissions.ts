import { expect } from "vitest";
import type { World } from "./world.ts";

/**
 * Cross-tenant entries for quarterly ledger packages and year-end reports (issue 5 items 6–7),
 * spread into the harness's table; kept apart like cross-tenant-activities.ts.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;
interface Harness {
  stationAttack: (w: World, call: (c: Caller) => Promise<unknown>) => Promise<Promise<unknown>[]>;
  key: () => string;
}

const QUARTER = "2026-Q3";

/** B's package, built and submitted by B's head before the attacks. */
export const bSubmission = { submissionId: "", sha256: "" };

export async function seedSubmissionsOfB(w: World, key: () => string) {
  const admin = await w.as("b.admin");
  bSubmission.submissionId = (await admin.submissions.build({ stationId: w.stations.b, kind: "quarterly", period: QUARTER, idempotencyKey: key() })).submissionId;
  bSubmission.sha256 = (await admin.submissions.submit({ stationId: w.stations.b, submissionId: bSubmission.submissionId })).sha256;
}

export function submissionAttacks({ stationAttack, key }: Harness): Record<string, Attack> {
  // On B's station with B's submission, and on A's own station naming B's submission.
  const onB = async (w: World, call: (c: Caller, stationId: string) => Promise<unknown>) => [
    ...(await stationAttack(w, (c) => call(c, w.stations.b))),
    call(await w.as("a.admin"), w.stations.a),
    call(await w.as("contractor.a"), w.stations.a),
  ];
  return {
    "submissions.periods": (w) => stationAttack(w, (c) => c.submissions.periods({ stationId: w.stations.b, year: 2026 })),
    "submissions.versions": (w) => stationAttack(w, (c) => c.submissions.versions({ stationId: w.stations.b, kind: "quarterly", period: QUARTER })),
    "submissions.build": (w) => stationAttack(w, (c) => c.submissions.build({ stationId: w.stations.b, kind: "quarterly", period: "2026-Q2", idempotencyKey: key() })),
    "submissions.saveNarrative": (w) =>
      onB(w, (c, stationId) => c.submissions.saveNarrative({ stationId, submissionId: bSubmission.submissionId, narrative: { workDone: "x", highlights: "x", problems: "x", nextYearPlan: "x" } })),
    "submissions.submit": (w) => onB(w, (c, stationId) => c.submissions.submit({ stationId, submissionId: bSubmission.submissionId })),
    "submissions.accept": (w) => onB(w, (c, stationId) => c.submissions.accept({ stationId, submissionId: bSubmission.submissionId })),
    "submissions.returnWithComments": (w) => onB(w, (c, stationId) => c.submissions.returnWithComments({ stationId, submissionId: bSubmission.submissionId, comment: "x" })),
    "submissions.download": (w) => onB(w, (c, stationId) => c.submissions.download({ stationId, submissionId: bSubmission.submissionId })),
    "submissions.reviewList": async (w) =>
      (await Promise.all(["ili.pref", "a.admin", "city.sup", "town.a", "contractor.a"].map((u) => w.as(u)))).map((c) => c.submissions.reviewList({ divisionCode: "6523", year: 2026 })),
  };
}

export async function expectSubmissionsOfBUntouched(w: World) {
  const admin = await w.as("b.admin");
  const history = await admin.submissions.versions({ stationId: w.stations.b, kind: "quarterly", period: QUARTER });
  expect(history.versions.map((v) => [v.id, v.version, v.status, v.sha256, v.reviewComment])).toEqual([[bSubmission.submissionId, 1, "submitted", bSubmission.sha256, null]]);
  expect((await admin.submissions.versions({ stationId: w.stations.b, kind: "quarterly", period: "2026-Q2" })).versions).toEqual([]);
}
