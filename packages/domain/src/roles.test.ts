import { describe, expect, it } from "vitest";
import {
  DIVISION_ROLE_LEVEL,
  PERMISSIONS,
  ROLES,
  ROLE_ABOVE_STATION,
  ROLE_PERMISSIONS,
  ROLE_SCOPE,
  DIVISION_ROLES,
  checkGrantScope,
  isSupervisoryRole,
  roleHasPermission,
  roleRequiresExpiry,
} from "./roles.ts";

describe("checkGrantScope", () => {
  it("accepts each division role at its own level", () => {
    expect(checkGrantScope("region_admin", { divisionCode: "65" })).toBeNull();
    expect(checkGrantScope("prefecture_admin", { divisionCode: "6523" })).toBeNull();
    expect(checkGrantScope("county_supervisor", { divisionCode: "652301" })).toBeNull();
    expect(checkGrantScope("township_officer", { divisionCode: "652301105" })).toBeNull();
  });

  it("refuses a division role at the wrong level or with a malformed code", () => {
    expect(checkGrantScope("county_supervisor", { divisionCode: "6523" })?.en).toMatch(/county level, not prefecture/);
    expect(checkGrantScope("region_viewer", { divisionCode: "652301105" })).not.toBeNull();
    expect(checkGrantScope("township_officer", { divisionCode: "652301000" })?.en).toMatch(/malformed/);
  });

  it("requires exactly the scope the role needs", () => {
    expect(checkGrantScope("social_worker", { stationId: "st_1" })).toBeNull();
    expect(checkGrantScope("contractor_admin", { contractorId: "c_1" })).toBeNull();
    expect(checkGrantScope("social_worker", { divisionCode: "652301105" })?.zh).toMatch(/须指定社工站/);
    expect(checkGrantScope("contractor_admin", {})?.en).toMatch(/contractor/);
    expect(checkGrantScope("region_admin", {})?.en).toMatch(/division/);
    expect(checkGrantScope("station_admin", { stationId: "st_1", contractorId: "c_1" })?.en).toMatch(/exactly one/);
    expect(checkGrantScope("station_admin", { stationId: "" })).not.toBeNull();
  });
});

describe("permissions", () => {
  it("every role's permissions are real and unique", () => {
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      expect(new Set(perms).size).toBe(perms.length);
      for (const p of perms) expect(PERMISSIONS).toContain(p);
    }
  });

  it("keeps personal data away from the region and the prefecture", () => {
    for (const role of ["region_admin", "region_viewer", "prefecture_admin"] as const) {
      expect(roleHasPermission(role, "workspace.read")).toBe(false);
      expect(roleHasPermission(role, "workspace.write")).toBe(false);
    }
  });

  it("governance (issue 5): the bureaus keep contractors, the prefecture files, only the city bureau overrides funds", () => {
    const holders = (p: Parameters<typeof roleHasPermission>[1]) => ROLES.filter((r) => roleHasPermission(r, p)).sort();
    expect(holders("contractor.manage")).toEqual(["county_supervisor", "prefecture_admin"]);
    expect(holders("agreement.file")).toEqual(["prefecture_admin"]);
    expect(holders("agreement.manage")).toEqual(["contractor_admin", "station_admin", "township_officer"]);
    expect(holders("funds.override")).toEqual(["county_supervisor"]);
    expect(holders("funds.supervise")).toEqual(["county_supervisor", "prefecture_admin"]);
  });

  it("lets only station staff and the contractor write in a workspace", () => {
    const writers = ROLES.filter((r) => roleHasPermission(r, "workspace.write"));
    expect(writers.sort()).toEqual(["contractor_admin", "social_worker", "station_admin", "supervisor"]);
  });

  it("gives onboarding only to the prefecture bureau and inspectors read-only access", () => {
    expect(ROLES.filter((r) => roleHasPermission(r, "station.onboard"))).toEqual(["prefecture_admin"]);
    // Read-only on the station's work; the one thing an inspector writes is an evaluation's scores (issue 5 item 8).
    expect(ROLE_PERMISSIONS.inspector).toEqual(["station.read", "workspace.read", "agreement.read", "funds.read", "evaluation.read", "evaluation.score"]);
    expect(roleHasPermission("inspector", "workspace.write")).toBe(false);
    expect(roleHasPermission("county_supervisor", "station.status.change")).toBe(false);
  });
});

describe("role sets", () => {
  it("audits supervisory entries but not station staff", () => {
    expect(isSupervisoryRole("inspector")).toBe(true);
    expect(isSupervisoryRole("township_officer")).toBe(true);
    expect(isSupervisoryRole("social_worker")).toBe(false);
    expect(isSupervisoryRole("contractor_admin")).toBe(false);
  });

  it("agrees with ROLE_SCOPE on which roles are division roles", () => {
    expect(ROLES.filter((r) => ROLE_SCOPE[r] === "division")).toEqual([...DIVISION_ROLES]);
  });

  it("places division roles above the station except the township officer", () => {
    expect([...ROLE_ABOVE_STATION].sort()).toEqual(
      Object.keys(DIVISION_ROLE_LEVEL).filter((r) => r !== "township_officer").sort(),
    );
    expect(roleRequiresExpiry("inspector")).toBe(true);
    expect(roleRequiresExpiry("supervisor")).toBe(false);
  });
});
