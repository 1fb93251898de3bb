import { describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import { createPersonalDataCipher } from "./personal-data.ts";
import { generateRecoveryCodes, hashRecoveryCode, matchTotp, normalizeRecoveryCode, totpCounterAt, totpEnrolment } from "./totp.ts";

// RFC 6238 Appendix B, SHA-1 rows: the key is ASCII "12345678901234567890".
const RFC_KEY = new TextEncoder().encode("12345678901234567890");
const RFC_VECTORS: [seconds: number, otp: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(RFC_VECTORS)("accepts the RFC's 8-digit code at T=%i", (seconds, otp) => {
    const now = new Date(seconds * 1000);
    expect(matchTotp(RFC_KEY, otp, now, { digits: 8, windowSteps: 0 })).toBe(totpCounterAt(now));
  });

  it.each(RFC_VECTORS)("accepts the 6-digit truncation at T=%i (the digits apps show)", (seconds, otp) => {
    expect(matchTotp(RFC_KEY, otp.slice(-6), new Date(seconds * 1000))).toBe(totpCounterAt(new Date(seconds * 1000)));
  });

  it("allows one step of drift either way, and no more", () => {
    const now = new Date(1234567890 * 1000);
    const step = totpCounterAt(now);
    const at = (counter: number) => generateHOTP(RFC_KEY, BigInt(counter), 6);
    expect(matchTotp(RFC_KEY, at(step - 1), now)).toBe(step - 1);
    expect(matchTotp(RFC_KEY, at(step + 1), now)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, at(step - 2), now)).toBeNull();
    expect(matchTotp(RFC_KEY, at(step + 2), now)).toBeNull();
  });

  it("refuses a replayed code and any older step once a step was accepted", () => {
    const now = new Date(1111111111 * 1000);
    const step = totpCounterAt(now);
    expect(matchTotp(RFC_KEY, "050471", now, { lastCounter: step - 1 })).toBe(step);
    expect(matchTotp(RFC_KEY, "050471", now, { lastCounter: step })).toBeNull();
    expect(matchTotp(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step - 1), 6), now, { lastCounter: step })).toBeNull();
    expect(matchTotp(RFC_KEY, generateHOTP(RFC_KEY, BigInt(step + 1), 6), now, { lastCounter: step })).toBe(step + 1);
  });

  it("refuses malformed input without throwing", () => {
    const now = new Date(59_000);
    for (const bad of ["", "12345", "1234567", "abcdef", "94287082"]) expect(matchTotp(RFC_KEY, bad, now)).toBeNull();
    expect(matchTotp(RFC_KEY, " 287 082 ", now)).toBe(1);
  });

  it("builds an otpauth URI with the key in base32", () => {
    const { uri, secret } = totpEnrolment(RFC_KEY, "liugong.admin");
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Shegong%20%E7%A4%BE%E5%B7%A5:liugong\.admin\?/);
    expect(new URL(uri).searchParams.get("secret")).toBe(secret);
    expect(new URL(uri).searchParams.get("digits")).toBe("6");
    expect(new URL(uri).searchParams.get("period")).toBe("30");
  });
});

describe("recovery codes", () => {
  it("are 10 distinct 80-bit codes, read back whatever the case and dashes", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    const code = codes[0]!;
    expect(normalizeRecoveryCode(code.toLowerCase().replaceAll("-", " "))).toBe(code.replaceAll("-", ""));
    expect(Buffer.from(hashRecoveryCode(normalizeRecoveryCode(code)!)).toString("hex")).toHaveLength(64);
    expect(normalizeRecoveryCode("not-a-code")).toBeNull();
  });
});

describe("sealed secrets", () => {
  it("round-trip, and refuse to open under another binding or key", () => {
    const cipher = createPersonalDataCipher(new Uint8Array(32).fill(5));
    const sealed = cipher.sealSecret("totp:a", RFC_KEY);
    expect(Buffer.from(sealed).includes(Buffer.from(RFC_KEY))).toBe(false);
    expect(cipher.openSecret("totp:a", sealed)).toEqual(RFC_KEY);
    expect(() => cipher.openSecret("totp:b", sealed)).toThrow();
    expect(() => createPersonalDataCipher(new Uint8Array(32).fill(6)).openSecret("totp:a", sealed)).toThrow();
  });
});
