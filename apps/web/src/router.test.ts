import { describe, expect, it } from "vitest";
import { matchRoute } from "./router.tsx";

describe("matchRoute", () => {
  it("reads the app's addresses", () => {
    const id = "b44e7fc2-b584-4dfe-90a0-117ba823cd91";
    expect(matchRoute("/")).toEqual({ name: "home" });
    expect(matchRoute(`/station/${id}`)).toEqual({ name: "station", stationId: id });
    expect(matchRoute(`/station/${id}/users`)).toEqual({ name: "stationUsers", stationId: id });
    expect(matchRoute("/console/6523/")).toEqual({ name: "console", divisionCode: "6523" });
    expect(matchRoute("/region/65")).toEqual({ name: "region", divisionCode: "65" });
  });

  it("refuses what is not an address of the app", () => {
    expect(matchRoute("/station/not-a-uuid")).toEqual({ name: "notFound" });
    expect(matchRoute("/console/abc")).toEqual({ name: "notFound" });
  });
});
