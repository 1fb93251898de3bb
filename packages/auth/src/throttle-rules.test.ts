import { describe, expect, it } from "vitest";
import { lockDurationMs, throttleKeys } from "./throttle-rules.ts";

describe("throttle rules", () => {
  it("locks a guessing pair for 15 minutes from the fifth failure", () => {
    expect(lockDurationMs("pair", 4)).toBe(0);
    expect(lockDurationMs("pair", 5)).toBe(15 * 60_000);
  });
  it("never locks an account (from anywhere) for more than a minute", () => {
    expect(lockDurationMs("account", 9)).toBe(0);
    expect(lockDurationMs("account", 10)).toBe(1000);
    expect(lockDurationMs("account", 12)).toBe(4000);
    expect(lockDurationMs("account", 500)).toBe(60_000);
  });
  it("keys by normalised username and address", () => {
    expect(throttleKeys(" Liugong.Admin ", "10.0.0.1")).toEqual({
      pair: "pair:liugong.admin|10.0.0.1",
      address: "ip:10.0.0.1",
      account: "user:liugong.admin",
    });
  });
});
