import { useMutation } from "@tanstack/react-query";
import { Alert, ConfigProvider, Menu, Spin } from "antd";
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StationBand, type Workspace } from "../features/workspace/StationBand.tsx";
import { StationContext, stationContextOf } from "../features/workspace/station-context.tsx";
import { StationOverview } from "../features/workspace/StationOverview.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { Link, type StationRoute } from "../router.tsx";
import { trpc } from "../trpc.ts";

// The registry's pages load when first opened, keeping the first page of every visit small.
const PeopleRegisterPage = lazy(() => import("./PeopleRegisterPage.tsx").then((m) => ({ default: m.PeopleRegisterPage })));
const PersonPage = lazy(() => import("./PersonPage.tsx").then((m) => ({ default: m.PersonPage })));
const HouseholdPage = lazy(() => import("./HouseholdPage.tsx").then((m) => ({ default: m.HouseholdPage })));
const VisitsPage = lazy(() => import("./VisitsPage.tsx").then((m) => ({ default: m.VisitsPage })));
const CasesPage = lazy(() => import("./CasesPage.tsx").then((m) => ({ default: m.CasesPage })));
const CasePage = lazy(() => import("./CasePage.tsx").then((m) => ({ default: m.CasePage })));
const AgreementsPage = lazy(() => import("./AgreementsPage.tsx").then((m) => ({ default: m.AgreementsPage })));
const WorkLogPage = lazy(() => import("./WorkLogPage.tsx").then((m) => ({ default: m.WorkLogPage })));
const PayoutsPage = lazy(() => import("./PayoutsPage.tsx").then((m) => ({ default: m.PayoutsPage })));
const PayoutReportPage = lazy(() => import("./PayoutReportPage.tsx").then((m) => ({ default: m.PayoutReportPage })));
const LedgersPage = lazy(() => import("./LedgersPage.tsx").then((m) => ({ default: m.LedgersPage })));
const ActivitiesPage = lazy(() => import("./ActivitiesPage.tsx").then((m) => ({ default: m.ActivitiesPage })));
const ActivityPage = lazy(() => import("./ActivityPage.tsx").then((m) => ({ default: m.ActivityPage })));
const VolunteersPage = lazy(() => import("./VolunteersPage.tsx").then((m) => ({ default: m.VolunteersPage })));
const ResourcesPage = lazy(() => import("./ResourcesPage.tsx").then((m) => ({ default: m.ResourcesPage })));
const StaffCompliancePage = lazy(() => import("./StaffCompliancePage.tsx").then((m) => ({ default: m.StaffCompliancePage })));
const FacilitiesPage = lazy(() => import("./FacilitiesPage.tsx").then((m) => ({ default: m.FacilitiesPage })));
const DisclosurePage = lazy(() => import("./DisclosurePage.tsx").then((m) => ({ default: m.DisclosurePage })));
const StationEvaluationsPage = lazy(() => import("./StationEvaluationsPage.tsx").then((m) => ({ default: m.StationEvaluationsPage })));
const EvaluationPage = lazy(() => import("./EvaluationPage.tsx").then((m) => ({ default: m.EvaluationPage })));
const QuarterlyPackagePage = lazy(() => import("./QuarterlyPackagePage.tsx").then((m) => ({ default: m.QuarterlyPackagePage })));
const AnnualReportPage = lazy(() => import("./AnnualReportPage.tsx").then((m) => ({ default: m.AnnualReportPage })));
const SupervisionPage = lazy(() => import("./SupervisionPage.tsx").then((m) => ({ default: m.SupervisionPage })));

type Section = "overview" | "people" | "visits" | "cases" | "activities" | "volunteers" | "resources" | "supervision" | "worklog" | "ledgers" | "payouts" | "agreements" | "staff" | "facilities" | "disclosure" | "evaluations" | "quarterly" | "annual";

function sectionOf(route: StationRoute): Section {
  switch (route.name) {
    case "stationLedgers":
      return "ledgers";
    case "stationAgreements":
      return "agreements";
    case "stationVisits":
      return "visits";
    case "stationCases":
    case "stationCase":
      return "cases";
    case "stationActivities":
    case "stationActivity":
      return "activities";
    case "stationVolunteers":
      return "volunteers";
    case "stationResources":
      return "resources";
    case "stationSupervision":
      return "supervision";
    case "stationWorklog":
      return "worklog";
    case "stationPayouts":
    case "stationPayoutReport":
      return "payouts";
    case "stationStaff":
      return "staff";
    case "stationFacilities":
      return "facilities";
    case "stationDisclosure":
      return "disclosure";
    case "stationEvaluations":
    case "stationEvaluation":
      return "evaluations";
    case "stationQuarterly":
      return "quarterly";
    case "stationAnnual":
      return "annual";
    case "station":
      return "overview";
    default:
      return "people";
  }
}

function StationSection({ route, workspace, onWorkspaceChange }: { route: StationRoute; workspace: Workspace; onWorkspaceChange: (next: Workspace) => void }) {
  switch (route.name) {
    case "station":
      return <StationOverview workspace={workspace} onWorkspaceChange={onWorkspaceChange} />;
    case "stationPeople":
      return <PeopleRegisterPage />;
    case "stationPerson":
      return <PersonPage key={route.personId} personId={route.personId} />;
    case "stationHousehold":
      return <HouseholdPage key={route.householdId} householdId={route.householdId} />;
    case "stationLedgers":
      return <LedgersPage />;
    case "stationVisits":
      return <VisitsPage />;
    case "stationCases":
      return <CasesPage />;
    case "stationCase":
      return <CasePage key={route.caseId} caseId={route.caseId} />;
    case "stationAgreements":
      return <AgreementsPage />;
    case "stationActivities":
      return <ActivitiesPage />;
    case "stationActivity":
      return <ActivityPage key={route.activityId} activityId={route.activityId} />;
    case "stationVolunteers":
      return <VolunteersPage />;
    case "stationResources":
      return <ResourcesPage />;
    case "stationSupervision":
      return <SupervisionPage />;
    case "stationWorklog":
      return <WorkLogPage />;
    case "stationPayouts":
      return <PayoutsPage />;
    case "stationStaff":
      return <StaffCompliancePage />;
    case "stationFacilities":
      return <FacilitiesPage />;
    case "stationDisclosure":
      return <DisclosurePage />;
    case "stationEvaluations":
      return <StationEvaluationsPage />;
    case "stationEvaluation":
      return <EvaluationPage key={route.evaluationId} evaluationId={route.evaluationId} />;
    case "stationQuarterly":
      return <QuarterlyPackagePage />;
    case "stationAnnual":
      return <AnnualReportPage />;
    case "stationPayoutReport":
      return <PayoutReportPage key={route.rosterId} rosterId={route.rosterId} />;
  }
}

/**
 * A station's own workspace and every page inside it. Opening it is `workspace.enter`, called once
 * per visit: the server records a supervisor's entry in the audit log, says whether the visit is
 * read-only, and lists what the visitor may do here.
 */
export function StationWorkspacePage({ route }: { route: StationRoute }) {
  const { t } = useI18n();
  const stationId = route.stationId;
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const enter = useMutation(trpc.workspace.enter.mutationOptions({ onSuccess: setWorkspace }));
  const { mutate: enterWorkspace } = enter;
  const entered = useRef(false);
  useEffect(() => {
    // Once per visit, also under StrictMode's double effects: each call is an audited entry.
    if (entered.current) return;
    entered.current = true;
    enterWorkspace({ stationId });
  }, [enterWorkspace, stationId]);
  const context = useMemo(() => (workspace ? stationContextOf(workspace) : null), [workspace]);

  if (enter.isError) return <ErrorAlert error={enter.error} />;
  if (!workspace || !context) return <Spin />;

  const base = `/station/${stationId}`;
  const sections: { key: Section; path: string; label: string }[] = [
    { key: "overview", path: base, label: t("station.nav.overview") },
    { key: "people", path: `${base}/people`, label: t("station.nav.people") },
    { key: "visits", path: `${base}/visits`, label: t("station.nav.visits") },
    { key: "cases", path: `${base}/cases`, label: t("station.nav.cases") },
    { key: "activities", path: `${base}/activities`, label: t("station.nav.activities") },
    { key: "volunteers", path: `${base}/volunteers`, label: t("station.nav.volunteers") },
    { key: "resources", path: `${base}/resources`, label: t("station.nav.resources") },
    { key: "supervision", path: `${base}/supervision`, label: t("station.nav.supervision") },
    { key: "worklog", path: `${base}/worklog`, label: t("station.nav.worklog") },
    { key: "ledgers", path: `${base}/ledgers`, label: t("station.nav.ledgers") },
    { key: "quarterly", path: `${base}/quarterly`, label: t("station.nav.quarterly") },
    { key: "annual", path: `${base}/annual`, label: t("station.nav.annual") },
    { key: "payouts", path: `${base}/payouts`, label: t("station.nav.payouts") },
    ...(context.can("agreement.read") ? [{ key: "agreements" as const, path: `${base}/agreements`, label: t("station.nav.agreements") }] : []),
    { key: "staff", path: `${base}/staff`, label: t("station.nav.staff") },
    { key: "facilities", path: `${base}/facilities`, label: t("station.nav.facilities") },
    ...(context.can("disclosure.manage") || context.can("inbox.read") ? [{ key: "disclosure" as const, path: `${base}/disclosure`, label: t("station.nav.disclosure") }] : []),
    ...(context.can("evaluation.read") ? [{ key: "evaluations" as const, path: `${base}/evaluations`, label: t("station.nav.evaluations") }] : []),
  ];

  return (
    <ConfigProvider theme={{ token: { colorPrimary: workspace.branding.primaryColor } }}>
      <StationContext.Provider value={context}>
        <StationBand workspace={workspace} />
        {workspace.readOnly && <Alert type="info" showIcon title={t("workspace.readOnly")} style={{ marginBottom: 16 }} data-testid="read-only-banner" />}
        {/* Every section stays one tap away: the items wrap onto more lines instead of folding into "…". */}
        <Menu
          mode="horizontal"
          disabledOverflow
          data-testid="station-nav"
          className="wrapping-nav"
          selectedKeys={[sectionOf(route)]}
          style={{ marginBottom: 16, borderRadius: 8 }}
          items={sections.map((s) => ({
            key: s.key,
            label: (
              <Link to={s.path} data-testid={`station-nav-${s.key}`}>
                {s.label}
              </Link>
            ),
          }))}
        />
        <Suspense fallback={<Spin />}>
          <StationSection route={route} workspace={workspace} onWorkspaceChange={setWorkspace} />
        </Suspense>
      </StationContext.Provider>
    </ConfigProvider>
  );
}
