import { attachmentsRouter } from "./routers/attachments.ts";
import { agreementsRouter } from "./routers/agreements.ts";
import { activitiesRouter } from "./routers/activities.ts";
import { auditRouter } from "./routers/audit.ts";
import { casesRouter } from "./routers/cases.ts";
import { contractorsRouter } from "./routers/contractors.ts";
import { coverageRouter } from "./routers/coverage.ts";
import { disclosureRouter } from "./routers/disclosure.ts";
import { divisionsRouter } from "./routers/divisions.ts";
import { evaluationsRouter } from "./routers/evaluations.ts";
import { fundsRouter } from "./routers/funds.ts";
import { healthRouter } from "./routers/health.ts";
import { householdsRouter } from "./routers/households.ts";
import { ledgersRouter } from "./routers/ledgers.ts";
import { meRouter } from "./routers/me.ts";
import { payoutsRouter } from "./routers/payouts.ts";
import { submissionsRouter } from "./routers/submissions.ts";
import { peopleRouter } from "./routers/people.ts";
import { rectificationRouter } from "./routers/rectification.ts";
import { reportingRouter } from "./routers/reporting.ts";
import { resourcesRouter } from "./routers/resources.ts";
import { satisfactionRouter } from "./routers/satisfaction.ts";
import { serviceHoursRouter } from "./routers/service-hours.ts";
import { staffRouter } from "./routers/staff.ts";
import { facilitiesRouter } from "./routers/facilities.ts";
import { stationsRouter } from "./routers/stations.ts";
import { supervisionRouter } from "./routers/supervision.ts";
import { usersRouter } from "./routers/users.ts";
import { visitsRouter } from "./routers/visits.ts";
import { volunteersRouter } from "./routers/volunteers.ts";
import { workspaceRouter } from "./routers/workspace.ts";
import { worklogsRouter } from "./routers/worklogs.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  health: healthRouter,
  me: meRouter,
  divisions: divisionsRouter,
  stations: stationsRouter,
  workspace: workspaceRouter,
  coverage: coverageRouter,
  users: usersRouter,
  audit: auditRouter,
  people: peopleRouter,
  evaluations: evaluationsRouter,
  rectification: rectificationRouter,
  households: householdsRouter,
  ledgers: ledgersRouter,
  visits: visitsRouter,
  attachments: attachmentsRouter,
  cases: casesRouter,
  reporting: reportingRouter,
  worklogs: worklogsRouter,
  contractors: contractorsRouter,
  agreements: agreementsRouter,
  funds: fundsRouter,
  activities: activitiesRouter,
  volunteers: volunteersRouter,
  resources: resourcesRouter,
  supervision: supervisionRouter,
  satisfaction: satisfactionRouter,
  serviceHours: serviceHoursRouter,
  payouts: payoutsRouter,
  submissions: submissionsRouter,
  staff: staffRouter,
  facilities: facilitiesRouter,
  disclosure: disclosureRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
