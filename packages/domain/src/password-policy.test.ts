import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { checkPassword } from "./password-policy.ts";

const codeOf = (password: string, username?: string) => {
  const result = checkPassword(password, { username });
  return result.ok ? "ok" : result.code;
};

describe("checkPassword", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(codeOf("😀😀😀😀😀😀😀")).toBe("PASSWORD_TOO_SHORT"); // 7 code points, 14 units
    expect(codeOf("社工站的春天来了吧")).toBe("ok");
    expect(codeOf("1234567")).toBe("PASSWORD_TOO_SHORT");
  });

  it("allows 128 and refuses 129", () => {
    expect(codeOf("a".repeat(128))).toBe("ok");
    expect(codeOf("a".repeat(129))).toBe("PASSWORD_TOO_LONG");
    expect(codeOf("字".repeat(128))).toBe("ok");
  });

  it.each(["password", "12345678", "123456789", "qwertyui", "11111111", "88888888", "1qaz2wsx", "woaini1314", "a1234567", "iloveyou", "PassWord", "Woaini1314"])(
    "refuses the common %s",
    (password) => {
      expect(codeOf(password)).toBe("PASSWORD_COMMON");
    },
  );

  it("refuses the username, ignoring case and surrounding spaces in the username", () => {
    expect(codeOf("zhanglaoshi", " ZhangLaoShi ")).toBe("PASSWORD_IS_USERNAME");
    expect(codeOf("zhanglaoshi2", "zhanglaoshi")).toBe("ok");
    expect(codeOf("zhanglaoshi", "")).toBe("ok");
  });

  it("imposes no composition rules and carries bilingual messages", () => {
    expect(codeOf("correct horse battery staple")).toBe("ok");
    const result = checkPassword("short");
    expect(result).toMatchObject({ ok: false, zh: expect.stringContaining("8"), en: expect.stringContaining("8") });
  });
});

describe("COMMON_PASSWORDS", () => {
  it("holds about 200 lowercase entries long enough to matter", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(190);
    for (const p of COMMON_PASSWORDS) {
      expect(p).toBe(p.toLowerCase());
      expect([...p].length).toBeGreaterThanOrEqual(8);
    }
  });
});
