import { useQuery } from "@tanstack/react-query";
import { Button, Result, Spin } from "antd";
import { useEffect } from "react";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useI18n } from "../i18n/locale.tsx";
import { appErrorCodeOf } from "../lib/app-error.ts";
import { homePathOf } from "../lib/home-path.ts";
import { ConsolePage } from "../pages/ConsolePage.tsx";
import { ContractorsPage, MyContractorPage } from "../pages/ContractorsPage.tsx";
import { FilingsPage } from "../pages/FilingsPage.tsx";
import { EvaluationsConsolePage, InspectorsPage, RectificationBoardPage } from "../pages/EvaluationConsolePages.tsx";
import { SubmissionReviewPage } from "../pages/SubmissionReviewPage.tsx";
import { FundSupervisionPage } from "../pages/FundSupervisionPage.tsx";
import { CompliancePanelPage } from "../pages/CompliancePanelPage.tsx";
import { FacilityReadinessPage } from "../pages/FacilityReadinessPage.tsx";
import { PayoutSummaryPage } from "../pages/PayoutSummaryPage.tsx";
import { MfaVerifyPage } from "../features/security/MfaVerifyPage.tsx";
import { RequiredEnrolmentPage, RequiredPasswordChangePage } from "../features/security/RequiredStepPages.tsx";
import { LoginPage } from "../pages/LoginPage.tsx";
import { SecurityPage } from "../pages/SecurityPage.tsx";
import { RegionOverviewPage } from "../pages/RegionOverviewPage.tsx";
import { StationWorkspacePage } from "../pages/StationWorkspacePage.tsx";
import { UsersPage } from "../pages/UsersPage.tsx";
import { Link, matchRoute, navigate, stationIdOf, usePath, type Route } from "../router.tsx";
import { trpc } from "../trpc.ts";
import type { Me } from "../lib/access.ts";
import { AppShell } from "./AppShell.tsx";

function RouteView({ route, me }: { route: Route; me: Me }) {
  const { t } = useI18n();
  switch (route.name) {
    case "station":
    case "stationPeople":
    case "stationPerson":
    case "stationHousehold":
    case "stationLedgers":
    case "stationVisits":
    case "stationCases":
    case "stationCase":
    case "stationAgreements":
    case "stationActivities":
    case "stationActivity":
    case "stationVolunteers":
    case "stationResources":
    case "stationSupervision":
    case "stationWorklog":
    case "stationPayouts":
    case "stationStaff":
    case "stationDisclosure":
    case "stationFacilities":
    case "stationEvaluations":
    case "stationEvaluation":
    case "stationQuarterly":
    case "stationAnnual":
    case "stationPayoutReport":
      // One element for every page of a station, so the workspace stays entered (one audited entry) while moving between them.
      return <StationWorkspacePage key={route.stationId} route={route} />;
    case "console":
      return <ConsolePage key={route.divisionCode} me={me} divisionCode={route.divisionCode} />;
    case "region":
      return <RegionOverviewPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "stationUsers":
      return <UsersPage key={route.stationId} scope={{ stationId: route.stationId }} />;
    case "divisionUsers":
      return <UsersPage key={route.divisionCode} scope={{ divisionCode: route.divisionCode }} />;
    case "contractors":
      return <ContractorsPage key={route.divisionCode} me={me} divisionCode={route.divisionCode} />;
    case "filings":
      return <FilingsPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "submissionReview":
      return <SubmissionReviewPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "fundSupervision":
      return <FundSupervisionPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "evaluations":
      return <EvaluationsConsolePage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "rectificationBoard":
      return <RectificationBoardPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "inspectors":
      return <InspectorsPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "compliancePanel":
      return <CompliancePanelPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "facilityReadiness":
      return <FacilityReadinessPage key={route.divisionCode} me={me} divisionCode={route.divisionCode} />;
    case "payoutSummary":
      return <PayoutSummaryPage key={route.divisionCode} divisionCode={route.divisionCode} />;
    case "myContractor":
      return <MyContractorPage />;
    case "security":
      return <SecurityPage me={me} />;
    case "home":
    case "login":
      return homePathOf(me) === null ? <Result status="info" title={t("shell.noAccess")} /> : <Spin />;
    case "notFound":
      return <Result status="404" title={t("error.notFoundPage")} extra={<Link to="/">{t("common.back")}</Link>} />;
  }
}

/** Signed out: the login form, whatever the address. Signed in: the shell around the page asked for. */
export function SessionGate() {
  const { t } = useI18n();
  const path = usePath();
  const route = matchRoute(path);
  const me = useQuery({ ...trpc.me.get.queryOptions(), retry: false, staleTime: 60_000 });
  const signedOut = me.isError && ["AUTH_REQUIRED", "AUTH_SESSION_EXPIRED"].includes(appErrorCodeOf(me.error) ?? "");

  useEffect(() => {
    if (!me.data || (route.name !== "home" && route.name !== "login")) return;
    const home = homePathOf(me.data);
    if (home) navigate(home, { replace: true });
  }, [me.data, route.name]);

  if (me.isPending) return <Spin fullscreen />;
  if (signedOut) return <LoginPage />;
  // A sign-in not finished yet: the step it still owes, whatever the address.
  const owed = me.isError ? appErrorCodeOf(me.error) : null;
  if (owed === "MFA_REQUIRED") return <MfaVerifyPage />;
  if (owed === "MFA_ENROL_REQUIRED") return <RequiredEnrolmentPage />;
  if (owed === "PASSWORD_CHANGE_REQUIRED") return <RequiredPasswordChangePage />;
  if (me.isError) {
    return (
      <Result
        status="error"
        title={<ErrorAlert error={me.error} />}
        extra={<Button onClick={() => void me.refetch()}>{t("common.retry")}</Button>}
      />
    );
  }
  const currentStationId = stationIdOf(route);
  return (
    <AppShell me={me.data} path={path} currentStationId={currentStationId}>
      <RouteView route={route} me={me.data} />
    </AppShell>
  );
}
