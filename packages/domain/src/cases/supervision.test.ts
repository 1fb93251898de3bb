import { describe, expect, it } from "vitest";
import { isSocialWorkMajor, needsSupervisorSignOff, signOffRefusal, type StaffQualification } from "./supervision.ts";

const today = "2026-11-28";
const qualified: StaffQualification = { qualificationLevel: "intermediate", major: "社会工作", certificateExpiresOn: null };

describe("R7: who needs a supervisor's sign-off", () => {
  it("a qualified social-work graduate acts alone", () => {
    expect(needsSupervisorSignOff(qualified, today)).toBe(false);
    expect(needsSupervisorSignOff({ ...qualified, qualificationLevel: "assistant", major: "社会工作与管理" }, today)).toBe(false);
  });

  it("no qualification, another major, an expired certificate or no staff record needs sign-off", () => {
    expect(needsSupervisorSignOff({ ...qualified, qualificationLevel: "none" }, today)).toBe(true);
    expect(needsSupervisorSignOff({ ...qualified, qualificationLevel: null }, today)).toBe(true);
    expect(needsSupervisorSignOff({ ...qualified, major: "汉语言文学" }, today)).toBe(true);
    expect(needsSupervisorSignOff({ ...qualified, major: null }, today)).toBe(true);
    expect(needsSupervisorSignOff({ ...qualified, certificateExpiresOn: "2026-11-27" }, today)).toBe(true);
    expect(needsSupervisorSignOff({ ...qualified, certificateExpiresOn: today }, today)).toBe(false);
    expect(needsSupervisorSignOff(null, today)).toBe(true);
  });

  it("recognises the usual spellings of the major", () => {
    expect(isSocialWorkMajor("社工")).toBe(true);
    expect(isSocialWorkMajor("Social Work")).toBe(true);
    expect(isSocialWorkMajor("社会学")).toBe(false);
  });
});

describe("who may decide a sign-off", () => {
  const base = { deciderUserId: "sup", requesterUserId: "worker", assignedSupervisorUserId: "sup", decider: qualified, today };
  it("the worker's assigned, qualified supervisor", () => {
    expect(signOffRefusal(base)).toBeNull();
  });
  it("not another supervisor, an unqualified one, or the requester", () => {
    expect(signOffRefusal({ ...base, assignedSupervisorUserId: "other" })).toBe("not_assigned");
    expect(signOffRefusal({ ...base, assignedSupervisorUserId: null })).toBe("not_assigned");
    expect(signOffRefusal({ ...base, decider: { ...qualified, major: "法学" } })).toBe("not_qualified");
    expect(signOffRefusal({ ...base, deciderUserId: "worker", assignedSupervisorUserId: "worker" })).toBe("own_request");
  });
});
