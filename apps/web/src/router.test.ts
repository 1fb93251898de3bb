import { describe, expect, it } from "vitest";
import { matchRoute } from "./router.tsx";

describe("matchRoute", () => {
  it("reads the app's addresses", () => {
    const id = "b44e7fc2-b584-4dfe-90a0-117ba823cd91";
    expect(matchRoute("/")).toEqual({ name: "home" });
    expect(matchRoute(`/station/${id}`)).toEqual({ name: "station", stationId: id });
    expect(matchRoute(`/station/${id}/users`)).toEqual({ name: "stationUsers", stationId: id });
    const personId = "0b6f1a52-5d0c-4f53-9b7e-3f1f1f1f1f1f";
    expect(matchRoute(`/station/${id}/people`)).toEqual({ name: "stationPeople", stationId: id });
    expect(matchRoute(`/station/${id}/people/${personId}`)).toEqual({ name: "stationPerson", stationId: id, personId });
    expect(matchRoute(`/station/${id}/households/${personId}`)).toEqual({ name: "stationHousehold", stationId: id, householdId: personId });
    expect(matchRoute(`/station/${id}/ledgers`)).toEqual({ name: "stationLedgers", stationId: id });
    expect(matchRoute(`/station/${id}/visits`)).toEqual({ name: "stationVisits", stationId: id });
    expect(matchRoute(`/station/${id}/cases`)).toEqual({ name: "stationCases", stationId: id });
    expect(matchRoute(`/station/${id}/cases/${personId}`)).toEqual({ name: "stationCase", stationId: id, caseId: personId });
    expect(matchRoute(`/station/${id}/activities`)).toEqual({ name: "stationActivities", stationId: id });
    expect(matchRoute(`/station/${id}/activities/${personId}`)).toEqual({ name: "stationActivity", stationId: id, activityId: personId });
    expect(matchRoute(`/station/${id}/volunteers`)).toEqual({ name: "stationVolunteers", stationId: id });
    expect(matchRoute(`/station/${id}/resources`)).toEqual({ name: "stationResources", stationId: id });
    expect(matchRoute(`/station/${id}/supervision`)).toEqual({ name: "stationSupervision", stationId: id });
    expect(matchRoute(`/station/${id}/worklog`)).toEqual({ name: "stationWorklog", stationId: id });
    expect(matchRoute(`/station/${id}/payouts`)).toEqual({ name: "stationPayouts", stationId: id });
    expect(matchRoute(`/station/${id}/payouts/${personId}/report`)).toEqual({ name: "stationPayoutReport", stationId: id, rosterId: personId });
    expect(matchRoute("/console/652301/payouts")).toEqual({ name: "payoutSummary", divisionCode: "652301" });
    expect(matchRoute("/console/6523/")).toEqual({ name: "console", divisionCode: "6523" });
    expect(matchRoute(`/station/${id}/agreements`)).toEqual({ name: "stationAgreements", stationId: id });
    expect(matchRoute("/console/652301/contractors")).toEqual({ name: "contractors", divisionCode: "652301" });
    expect(matchRoute("/console/6523/filings")).toEqual({ name: "filings", divisionCode: "6523" });
    expect(matchRoute("/console/652301/funds")).toEqual({ name: "fundSupervision", divisionCode: "652301" });
    expect(matchRoute("/console/652301/compliance")).toEqual({ name: "compliancePanel", divisionCode: "652301" });
    expect(matchRoute("/contractor")).toEqual({ name: "myContractor" });
    expect(matchRoute("/region/65")).toEqual({ name: "region", divisionCode: "65" });
  });

  it("refuses what is not an address of the app", () => {
    expect(matchRoute("/station/not-a-uuid")).toEqual({ name: "notFound" });
    expect(matchRoute("/console/abc")).toEqual({ name: "notFound" });
    expect(matchRoute("/station/b44e7fc2-b584-4dfe-90a0-117ba823cd91/people/zs")).toEqual({ name: "notFound" });
  });
});
