import { describe, expect, it } from "vitest";
import { APP_ERROR_CODES, ERROR_MESSAGES, appErrorMessage, bilingual } from "./errors.ts";

describe("error messages", () => {
  it("every code has a Chinese and an English message", () => {
    for (const code of APP_ERROR_CODES) {
      expect(ERROR_MESSAGES[code].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_MESSAGES[code].en).toMatch(/^[A-Z]/);
    }
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...APP_ERROR_CODES].sort());
  });

  it("picks the locale", () => {
    expect(appErrorMessage("STATION_ALREADY_ONBOARDED", "zh-CN")).toBe("该乡镇（街道）已开通社工站，不能重复开通");
    expect(appErrorMessage("STATION_ALREADY_ONBOARDED", "en")).toBe(
      "This township already has a station; it cannot be onboarded twice",
    );
  });

  it("does not reveal whether the username or the password was wrong", () => {
    expect(appErrorMessage("AUTH_INVALID_CREDENTIALS", "en")).toMatch(/username or password/);
  });

  it("joins both languages with Chinese first", () => {
    expect(bilingual({ zh: "甲", en: "A" })).toBe("甲 / A");
  });
});
