import { describe, expect, it } from "vitest";
import {
  DEFAULT_POLICY_EXPLAINERS,
  defaultPublicProfile,
  formatMessageReference,
  isPubliclyListed,
  POLICY_TOPICS,
  publicProgressValue,
  PUBLIC_MESSAGE_MAX_CHARS,
  ZMessageReferenceSchema,
  ZPolicyExplainerSchema,
  ZPublicMessageSchema,
  ZPublicProfileSchema,
  ZStationNewsSchema,
} from "./disclosure.ts";

describe("public disclosure (R18, R19)", () => {
  it("only stations that serve the public have a page", () => {
    expect(isPubliclyListed("active")).toBe(true);
    expect(isPubliclyListed("onboarding")).toBe(true);
    expect(isPubliclyListed("planned")).toBe(false);
    expect(isPubliclyListed("closed")).toBe(false);
  });
  it("every default explainer passes the form's own validation and names conditions, procedure and standards", () => {
    for (const topic of POLICY_TOPICS) {
      const explainer = DEFAULT_POLICY_EXPLAINERS[topic];
      expect(ZPolicyExplainerSchema.parse(explainer)).toEqual(explainer);
      expect(explainer.procedure).toMatch(/申请/);
    }
    expect(DEFAULT_POLICY_EXPLAINERS.tekun.conditions).toMatch(/无劳动能力/);
    expect(DEFAULT_POLICY_EXPLAINERS.advanced_age_allowance.procedure).toMatch(/认证/);
  });
  it("the profile takes a service phone, never a malformed one, and keeps line breaks in the introduction", () => {
    const profile = { ...defaultPublicProfile("昌吉市六工镇社会工作服务站"), phone: "0994-2345678", intro: "  第一段\r\n\r\n\r\n第二段  " };
    const parsed = ZPublicProfileSchema.parse(profile);
    expect(parsed.intro).toBe("第一段\n\n第二段");
    expect(parsed.address).toBe("昌吉市六工镇人民政府便民服务中心");
    expect(ZPublicProfileSchema.safeParse({ ...profile, phone: "12345" }).success).toBe(true);
    expect(ZPublicProfileSchema.safeParse({ ...profile, phone: "" }).success).toBe(true);
    expect(ZPublicProfileSchema.safeParse({ ...profile, phone: "call me" }).success).toBe(false);
  });
  it("news needs a title and a body", () => {
    expect(ZStationNewsSchema.safeParse({ title: "重阳节敬老活动", body: "本站开展重阳节活动。", publishedOn: "2026-10-29" }).success).toBe(true);
    expect(ZStationNewsSchema.safeParse({ title: " ", body: "x", publishedOn: "2026-10-29" }).success).toBe(false);
  });
  it("a public message is length-limited at both ends", () => {
    expect(ZPublicMessageSchema.safeParse({ kind: "suggestion", body: "希望延长周末开放时间" }).success).toBe(true);
    expect(ZPublicMessageSchema.safeParse({ kind: "suggestion", body: "好" }).success).toBe(false);
    expect(ZPublicMessageSchema.safeParse({ kind: "complaint", body: "长".repeat(PUBLIC_MESSAGE_MAX_CHARS + 1) }).success).toBe(false);
    expect(ZPublicMessageSchema.safeParse({ kind: "other", body: "希望延长周末开放时间" }).success).toBe(false);
  });
  it("progress numbers: every count of 1–4 is '<5', zero and larger counts as they are, minutes as hours", () => {
    expect(publicProgressValue("people.registered", 3)).toBe("<5");
    expect(publicProgressValue("cases.opened", 2)).toBe("<5");
    expect(publicProgressValue("cases.opened", 0)).toBe("0");
    expect(publicProgressValue("visits.done", 5)).toBe("5");
    expect(publicProgressValue("volunteers.minutes", 150)).toBe("2");
  });
  it("references carry the date and six unambiguous characters", () => {
    const ref = formatMessageReference("2026-11-27", new Uint8Array([0, 31, 32, 255, 8, 18]));
    expect(ref).toBe("20261127-0Z0Z8J");
    expect(ZMessageReferenceSchema.safeParse(ref).success).toBe(true);
    expect(ZMessageReferenceSchema.safeParse("20261127-0I0Z8J").success).toBe(false);
    expect(() => formatMessageReference("2026-11-27", new Uint8Array(3))).toThrow();
  });
});
