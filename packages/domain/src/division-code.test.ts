import { describe, expect, it } from "vitest";
import {
  ZDivisionCodeSchema,
  ZTownshipCodeSchema,
  divisionLevelOf,
  isTownshipCode,
  isWithinScope,
  parentCodeOf,
} from "./division-code.ts";

describe("divisionLevelOf", () => {
  it.each([
    ["65", "province"],
    ["6523", "prefecture"],
    ["652301", "county"],
    ["652301105", "township"],
    ["652301105001", "village"],
  ] as const)("%s is a %s", (code, level) => {
    expect(divisionLevelOf(code)).toBe(level);
  });

  it.each(["", "6", "652", "65230110", "6523011050011", "65a301", " 652301", "99", "9901", "652301000", "650000", "652301105000", "6500"])(
    "rejects %j",
    (code) => {
      expect(divisionLevelOf(code)).toBeNull();
    },
  );
});

describe("parentCodeOf", () => {
  it("walks up one level at a time", () => {
    expect(parentCodeOf("652301105001")).toBe("652301105");
    expect(parentCodeOf("652301105")).toBe("652301");
    expect(parentCodeOf("652301")).toBe("6523");
    expect(parentCodeOf("6523")).toBe("65");
    expect(parentCodeOf("65")).toBeNull();
    expect(parentCodeOf("bogus")).toBeNull();
  });
});

describe("isWithinScope", () => {
  it("is a prefix relation and a scope covers itself", () => {
    expect(isWithinScope("652301105", "65")).toBe(true);
    expect(isWithinScope("652301105", "652301")).toBe(true);
    expect(isWithinScope("652301105", "652301105")).toBe(true);
    expect(isWithinScope("652302105", "652301")).toBe(false);
    expect(isWithinScope("652301", "652301105")).toBe(false);
  });

  it("covers nothing with an empty or missing scope", () => {
    expect(isWithinScope("652301105", "")).toBe(false);
    expect(isWithinScope("652301105", undefined)).toBe(false);
    expect(isWithinScope("652301105", null)).toBe(false);
  });

  it("refuses malformed codes on either side", () => {
    expect(isWithinScope("6523011", "652301")).toBe(false);
    expect(isWithinScope("652301105", "6")).toBe(false);
  });
});

describe("schemas", () => {
  it("accept valid codes and trim them", () => {
    expect(ZDivisionCodeSchema.parse(" 652301 ")).toBe("652301");
    expect(ZTownshipCodeSchema.parse("652301105")).toBe("652301105");
    expect(isTownshipCode("652301105001")).toBe(false);
  });

  it("explain the failure in Chinese and English", () => {
    const result = ZTownshipCodeSchema.safeParse("652301");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/乡镇.*township/);
    expect(ZDivisionCodeSchema.safeParse("12345").success).toBe(false);
  });
});
