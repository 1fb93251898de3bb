import { describe, expect, it } from "vitest";
import { formatShown } from "./report-format.ts";

describe("formatShown", () => {
  it("shows <5 as it came, numbers grouped, and nothing as a dash", () => {
    expect(formatShown("<5")).toBe("<5");
    expect(formatShown(12345.5)).toBe("12,345.5");
    expect(formatShown(null)).toBe("—");
    expect(formatShown(0)).toBe("0");
  });
});
