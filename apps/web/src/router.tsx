import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from "react";

/** A small history router: the app has a handful of routes, and the server answers every GET with the page. */
const NAVIGATE_EVENT = "shegong:navigate";

function subscribe(onChange: () => void) {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const currentPath = () => window.location.pathname;

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export type Route =
  | { name: "home" }
  | { name: "login" }
  | { name: "station"; stationId: string }
  | { name: "stationPeople"; stationId: string }
  | { name: "stationPerson"; stationId: string; personId: string }
  | { name: "stationHousehold"; stationId: string; householdId: string }
  | { name: "stationLedgers"; stationId: string }
  | { name: "stationVisits"; stationId: string }
  | { name: "stationCases"; stationId: string }
  | { name: "stationCase"; stationId: string; caseId: string }
  | { name: "stationAgreements"; stationId: string }
  | { name: "contractors"; divisionCode: string }
  | { name: "filings"; divisionCode: string }
  | { name: "fundSupervision"; divisionCode: string }
  | { name: "myContractor" }
  | { name: "stationActivities"; stationId: string }
  | { name: "stationActivity"; stationId: string; activityId: string }
  | { name: "stationVolunteers"; stationId: string }
  | { name: "stationResources"; stationId: string }
  | { name: "stationSupervision"; stationId: string }
  | { name: "stationWorklog"; stationId: string }
  | { name: "stationPayouts"; stationId: string }
  | { name: "stationStaff"; stationId: string }
  | { name: "stationDisclosure"; stationId: string }
  | { name: "stationFacilities"; stationId: string }
  | { name: "facilityReadiness"; divisionCode: string }
  | { name: "stationEvaluations"; stationId: string }
  | { name: "stationEvaluation"; stationId: string; evaluationId: string }
  | { name: "evaluations"; divisionCode: string }
  | { name: "rectificationBoard"; divisionCode: string }
  | { name: "inspectors"; divisionCode: string }
  | { name: "stationQuarterly"; stationId: string }
  | { name: "stationAnnual"; stationId: string }
  | { name: "submissionReview"; divisionCode: string }
  | { name: "compliancePanel"; divisionCode: string }
  | { name: "stationPayoutReport"; stationId: string; rosterId: string }
  | { name: "payoutSummary"; divisionCode: string }
  | { name: "console"; divisionCode: string }
  | { name: "region"; divisionCode: string }
  | { name: "stationUsers"; stationId: string }
  | { name: "divisionUsers"; divisionCode: string }
  | { name: "security" }
  | { name: "notFound" };

const UUID = "([0-9a-f-]{36})";

const PATTERNS: [RegExp, (m: RegExpExecArray) => Route][] = [
  [/^\/$/, () => ({ name: "home" })],
  [/^\/login$/, () => ({ name: "login" })],
  [/^\/account\/security$/, () => ({ name: "security" })],
  [/^\/station\/([0-9a-f-]{36})$/i, (m) => ({ name: "station", stationId: m[1] ?? "" })],
  [/^\/station\/([0-9a-f-]{36})\/users$/i, (m) => ({ name: "stationUsers", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/people$`, "i"), (m) => ({ name: "stationPeople", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/people/${UUID}$`, "i"), (m) => ({ name: "stationPerson", stationId: m[1] ?? "", personId: m[2] ?? "" })],
  [new RegExp(`^/station/${UUID}/households/${UUID}$`, "i"), (m) => ({ name: "stationHousehold", stationId: m[1] ?? "", householdId: m[2] ?? "" })],
  [new RegExp(`^/station/${UUID}/ledgers$`, "i"), (m) => ({ name: "stationLedgers", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/visits$`, "i"), (m) => ({ name: "stationVisits", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/cases$`, "i"), (m) => ({ name: "stationCases", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/cases/${UUID}$`, "i"), (m) => ({ name: "stationCase", stationId: m[1] ?? "", caseId: m[2] ?? "" })],
  [new RegExp(`^/station/${UUID}/activities$`, "i"), (m) => ({ name: "stationActivities", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/activities/${UUID}$`, "i"), (m) => ({ name: "stationActivity", stationId: m[1] ?? "", activityId: m[2] ?? "" })],
  [new RegExp(`^/station/${UUID}/volunteers$`, "i"), (m) => ({ name: "stationVolunteers", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/resources$`, "i"), (m) => ({ name: "stationResources", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/supervision$`, "i"), (m) => ({ name: "stationSupervision", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/worklog$`, "i"), (m) => ({ name: "stationWorklog", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/payouts$`, "i"), (m) => ({ name: "stationPayouts", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/staff$`, "i"), (m) => ({ name: "stationStaff", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/disclosure$`, "i"), (m) => ({ name: "stationDisclosure", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/facilities$`, "i"), (m) => ({ name: "stationFacilities", stationId: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/facilities$/, (m) => ({ name: "facilityReadiness", divisionCode: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/quarterly$`, "i"), (m) => ({ name: "stationQuarterly", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/annual$`, "i"), (m) => ({ name: "stationAnnual", stationId: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/submissions$/, (m) => ({ name: "submissionReview", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/compliance$/, (m) => ({ name: "compliancePanel", divisionCode: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/evaluations$`, "i"), (m) => ({ name: "stationEvaluations", stationId: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/evaluations/${UUID}$`, "i"), (m) => ({ name: "stationEvaluation", stationId: m[1] ?? "", evaluationId: m[2] ?? "" })],
  [/^\/console\/(\d{2,9})\/evaluations$/, (m) => ({ name: "evaluations", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/rectification$/, (m) => ({ name: "rectificationBoard", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/inspectors$/, (m) => ({ name: "inspectors", divisionCode: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/payouts/${UUID}/report$`, "i"), (m) => ({ name: "stationPayoutReport", stationId: m[1] ?? "", rosterId: m[2] ?? "" })],
  [/^\/console\/(\d{2,9})$/, (m) => ({ name: "console", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/users$/, (m) => ({ name: "divisionUsers", divisionCode: m[1] ?? "" })],
  [new RegExp(`^/station/${UUID}/agreements$`, "i"), (m) => ({ name: "stationAgreements", stationId: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/contractors$/, (m) => ({ name: "contractors", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/filings$/, (m) => ({ name: "filings", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/funds$/, (m) => ({ name: "fundSupervision", divisionCode: m[1] ?? "" })],
  [/^\/console\/(\d{2,9})\/payouts$/, (m) => ({ name: "payoutSummary", divisionCode: m[1] ?? "" })],
  [/^\/contractor$/, () => ({ name: "myContractor" })],
  [/^\/region\/(\d{2,6})$/, (m) => ({ name: "region", divisionCode: m[1] ?? "" })],
];

export function matchRoute(path: string): Route {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(trimmed);
    if (match) return build(match);
  }
  return { name: "notFound" };
}

/** The pages inside a station's workspace. */
export type StationRoute = Extract<
  Route,
  {
    name:
      | "station"
      | "stationPeople"
      | "stationPerson"
      | "stationHousehold"
      | "stationLedgers"
      | "stationVisits"
      | "stationCases"
      | "stationCase"
      | "stationAgreements"
      | "stationActivities"
      | "stationActivity"
      | "stationVolunteers"
      | "stationResources"
      | "stationSupervision"
      | "stationWorklog"
      | "stationPayouts"
      | "stationStaff"
      | "stationDisclosure"
      | "stationFacilities"
      | "stationEvaluations"
      | "stationEvaluation"
      | "stationQuarterly"
      | "stationAnnual"
      | "stationPayoutReport";
  }
>;

/** The station a route belongs to, for the station switcher and the workspace that stays open across its pages. */
export function stationIdOf(route: Route): string | null {
  return "stationId" in route && route.name !== "stationUsers" ? route.stationId : null;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
