import type { Role } from "@shegong/domain";
import { describe, expect, it } from "vitest";
import type { Me } from "./access.ts";
import { homePathOf } from "./home-path.ts";

function me(grants: { role: Role; divisionCode?: string; stationId?: string }[], stationIds: string[] = []): Me {
  return {
    user: { id: "u", username: "u", displayName: "U", locale: "zh-CN", mustChangePassword: false, demo: true },
    mfa: { enrolled: false, enrolledAt: null, required: false, demoExempt: false, recoveryCodesLeft: 0 },
    grants: grants.map((g) => ({
      role: g.role,
      roleLabel: { zh: "", en: "" },
      divisionCode: g.divisionCode ?? null,
      stationId: g.stationId ?? null,
      contractorId: null,
      expiresAt: null,
      scopeName: null,
    })),
    stations: stationIds.map((id) => ({ id, slug: id, plaqueName: id, primaryColor: "#b7282e", status: "active", divisionCode: "652301105" })),
  };
}

describe("homePathOf", () => {
  it("sends the region to its overview and bureaus to their console", () => {
    expect(homePathOf(me([{ role: "region_viewer", divisionCode: "65" }]))).toBe("/region/65");
    expect(homePathOf(me([{ role: "prefecture_admin", divisionCode: "6523" }]))).toBe("/console/6523");
    expect(homePathOf(me([{ role: "county_supervisor", divisionCode: "652301" }]))).toBe("/console/652301");
  });

  it("sends station roles and township officers to their station", () => {
    expect(homePathOf(me([{ role: "station_admin", stationId: "s1" }], ["s1"]))).toBe("/station/s1");
    expect(homePathOf(me([{ role: "township_officer", divisionCode: "652301105" }], ["s1"]))).toBe("/station/s1");
  });

  it("has nowhere to send someone without grants", () => {
    expect(homePathOf(me([]))).toBeNull();
  });
});
