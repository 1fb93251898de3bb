import type { Migration } from "kysely";
import * as foundation from "./2026-11-26-01-foundation.ts";
import * as registry from "./2026-11-27-01-registry.ts";
import * as visits from "./2026-11-27-02-visits.ts";
import * as rlsInitPlans from "./2026-11-27-03-rls-initplans.ts";
import * as bulkLoadPlans from "./2026-11-27-04-bulk-load-plans.ts";
import * as attachments from "./2026-11-27-05-attachments.ts";
import * as cases from "./2026-11-28-01-cases.ts";
import * as rollups from "./2026-11-28-05-rollups.ts";
import * as activityRollups from "./2026-11-28-06-activity-rollups.ts";
import * as workLogs from "./2026-11-28-07-work-logs.ts";
import * as moreAttachmentOwners from "./2026-11-28-08-more-attachment-owners.ts";
import * as divisionRollups from "./2026-11-28-09-division-rollups.ts";
import * as payouts from "./2026-11-28-10-payouts.ts";
import * as staffCompliance from "./2026-11-28-11-staff-compliance.ts";
import * as publicDisclosure from "./2026-11-28-12-public-disclosure.ts";
import * as visitDue from "./2026-11-28-20-visit-due.ts";
import * as dailyMarkSkipsFresh from "./2026-11-28-21-daily-mark-skips-fresh.ts";
import * as reportSnapshots from "./2026-11-28-22-report-snapshots.ts";
import * as fundRollups from "./2026-11-28-23-fund-rollups.ts";
import * as payoutReports from "./2026-11-28-24-payout-reports.ts";
import * as governance from "./2026-11-28-03-governance.ts";
import * as activities from "./2026-11-28-02-activities.ts";
import * as mfa from "./2026-11-28-04-mfa.ts";
import * as auditRetention from "./2026-11-28-24-audit-retention.ts";
import * as payoutStaffingRollups from "./2026-11-28-25-payout-staffing-rollups.ts";
import * as sessionContext from "./2026-11-28-26-session-context.ts";
import * as facilities from "./2026-11-28-30-facilities.ts";
import * as evaluation from "./2026-11-28-32-evaluation.ts";
import * as quarterlyPackages from "./2026-11-28-31-quarterly-packages.ts";
import * as divisionFactLevels from "./2026-11-28-33-division-fact-levels.ts";
import * as rollupGeneration from "./2026-11-28-34-rollup-generation.ts";

// Listed explicitly (not read from disk) so the same set runs from source, tests and bundles.
export const migrations: Record<string, Migration> = {
  "2026-11-26-01-foundation": foundation,
  "2026-11-27-01-registry": registry,
  "2026-11-27-02-visits": visits,
  "2026-11-27-03-rls-initplans": rlsInitPlans,
  "2026-11-27-04-bulk-load-plans": bulkLoadPlans,
  "2026-11-27-05-attachments": attachments,
  "2026-11-28-01-cases": cases,
  "2026-11-28-02-activities": activities,
  "2026-11-28-03-governance": governance,
  "2026-11-28-04-mfa": mfa,
  "2026-11-28-05-rollups": rollups,
  "2026-11-28-06-activity-rollups": activityRollups,
  "2026-11-28-07-work-logs": workLogs,
  "2026-11-28-08-more-attachment-owners": moreAttachmentOwners,
  "2026-11-28-09-division-rollups": divisionRollups,
  "2026-11-28-10-payouts": payouts,
  "2026-11-28-11-staff-compliance": staffCompliance,
  "2026-11-28-12-public-disclosure": publicDisclosure,
  "2026-11-28-20-visit-due": visitDue,
  "2026-11-28-21-daily-mark-skips-fresh": dailyMarkSkipsFresh,
  "2026-11-28-22-report-snapshots": reportSnapshots,
  "2026-11-28-23-fund-rollups": fundRollups,
  "2026-11-28-24-audit-retention": auditRetention,
  "2026-11-28-24-payout-reports": payoutReports,
  "2026-11-28-25-payout-staffing-rollups": payoutStaffingRollups,
  "2026-11-28-26-session-context": sessionContext,
  "2026-11-28-30-facilities": facilities,
  "2026-11-28-32-evaluation": evaluation,
  "2026-11-28-31-quarterly-packages": quarterlyPackages,
  "2026-11-28-33-division-fact-levels": divisionFactLevels,
  "2026-11-28-34-rollup-generation": rollupGeneration,
};
