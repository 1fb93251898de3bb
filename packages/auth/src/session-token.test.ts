import { describe, expect, it } from "vitest";
import { generateSessionToken, parseSessionToken, secretMatches } from "./session-token.ts";

describe("session tokens", () => {
  it("are id.secret with at least 120 bits of secret, and only the hash is kept", () => {
    const token = generateSessionToken();
    expect(token.token).toMatch(/^[a-z2-7]{16}\.[a-z2-7]{32}$/);
    expect(token.secret.length * 5).toBeGreaterThanOrEqual(120);
    expect(Buffer.from(token.secretHash).toString("hex")).not.toContain(token.secret);
    const parsed = parseSessionToken(token.token);
    expect(parsed).toEqual({ id: token.id, secret: token.secret });
    expect(secretMatches(token.secret, token.secretHash)).toBe(true);
    expect(secretMatches(generateSessionToken().secret, token.secretHash)).toBe(false);
  });
  it("rejects malformed tokens", () => {
    for (const bad of ["", "abc", "a.b.c", "AAAAAAAAAAAAAAAA.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]) expect(parseSessionToken(bad)).toBeNull();
  });
});
