import { describe, expect, it } from "vitest";
import { ZCreditCodeSchema, creditCodeCheckChar, parseCreditCode } from "./credit-code.ts";

const KNOWN = "91350100M000100Y43";

describe("creditCodeCheckChar", () => {
  it("matches a published code", () => {
    expect(creditCodeCheckChar(KNOWN.slice(0, 17))).toBe("3");
  });

  it("yields 0 rather than 31 when the sum is a multiple of 31", () => {
    expect(creditCodeCheckChar("00000000000000000")).toBe("0");
  });

  it("throws on characters outside the set", () => {
    expect(() => creditCodeCheckChar("91350100M000100O4")).toThrow(RangeError);
  });
});

describe("parseCreditCode", () => {
  it("accepts and normalises a valid code", () => {
    expect(parseCreditCode(` ${KNOWN.toLowerCase()} `)).toEqual({ ok: true, value: KNOWN });
  });

  it("accepts a letter check character it computed itself", () => {
    // Try sequences until one has a letter check, so the letter path is exercised for real.
    const body = Array.from({ length: 100 }, (_, i) => `52652301MJ${String(i).padStart(7, "0")}`).find((b) =>
      /[A-Z]/.test(creditCodeCheckChar(b)),
    );
    expect(body).toBeDefined();
    const code = `${body}${creditCodeCheckChar(body ?? "")}`;
    expect(parseCreditCode(code).ok).toBe(true);
  });

  it.each([
    ["short", "91350100M000100Y4", "CREDIT_LENGTH"],
    ["forbidden letter O", "91350100M000100O43", "CREDIT_CHARS"],
    ["forbidden letter I", "9135010IM000100Y43", "CREDIT_CHARS"],
    ["wrong check", "91350100M000100Y44", "CREDIT_CHECK"],
    ["transposed characters", "91351000M000100Y43", "CREDIT_CHECK"],
  ])("rejects %s", (_label, raw, code) => {
    const result = parseCreditCode(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });
});

describe("ZCreditCodeSchema", () => {
  it("parses to the normalized code and explains failures", () => {
    expect(ZCreditCodeSchema.parse("91350100m000100y43")).toBe(KNOWN);
    expect(ZCreditCodeSchema.safeParse("91350100M000100Y44").error?.issues[0]?.message).toMatch(/校验位.*check/);
  });
});
