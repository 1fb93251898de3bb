import { describe, expect, it } from "vitest";
import { fieldErrorsOf, LocalAppError, pickBilingual, RestError, showError } from "./app-error.ts";

describe("showError", () => {
  it("shows a throttled login in the reader's language with the wait", () => {
    const error = new RestError(429, {
      code: "AUTH_THROTTLED",
      messageZh: "尝试次数过多，请稍后再试",
      messageEn: "Too many attempts; please wait a moment and try again",
      retryAfterSeconds: 900,
    });
    expect(showError(error, "zh-CN")).toMatchObject({ code: "AUTH_THROTTLED", message: "尝试次数过多，请稍后再试", extra: ["请在 15 分钟后再试"] });
    expect(showError(error, "en").extra).toEqual(["Try again in 15 minutes"]);
  });

  it("names the stations that were already onboarded", () => {
    const error = new RestError(409, {
      code: "STATION_ALREADY_ONBOARDED",
      messageZh: "该乡镇（街道）已开通社工站，不能重复开通",
      messageEn: "This township already has a station; it cannot be onboarded twice",
      details: { codes: ["652301105"], plaqueNames: ["昌吉市六工镇社会工作服务站"] },
    });
    expect(showError(error, "zh-CN").extra).toEqual(["已开通的社工站：昌吉市六工镇社会工作服务站"]);
  });

  it("uses the domain's own messages for a check made in the browser", () => {
    expect(showError(new LocalAppError("LOGO_TOO_LARGE"), "en")).toMatchObject({ code: "LOGO_TOO_LARGE", message: "The logo must be 256 KB or smaller" });
  });

  it("says the server is unreachable when there is no answer", () => {
    expect(showError(new TypeError("Failed to fetch"), "zh-CN")).toMatchObject({ code: null, message: "无法连接服务器，请检查网络后重试" });
  });

  it("reads field messages from the schema and from the domain's checks, in the reader's language", () => {
    const error = new RestError(400, {
      code: "VALIDATION",
      messageZh: "填写的内容有误，请按提示修改",
      messageEn: "Some fields are invalid; correct them as indicated",
      fieldErrors: { phone: ["电话格式不对 / Phone is malformed"] },
      details: { fieldErrors: { citizenId: ["身份证号码校验位不正确，请逐位核对"] } },
    });
    expect(fieldErrorsOf(error, "zh-CN")).toEqual({ phone: ["电话格式不对"], citizenId: ["身份证号码校验位不正确，请逐位核对"] });
    expect(fieldErrorsOf(error, "en").phone).toEqual(["Phone is malformed"]);
    expect(pickBilingual("no separator", "en")).toBe("no separator");
  });
});
