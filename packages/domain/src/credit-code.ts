import { z } from "zod";
import { bilingual, type BilingualMessage } from "./errors.ts";

/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a 31-character
 * set (no I, O, S, V, Z), the last a MOD 31 check. Contractors (R6) are identified by it.
 */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeErrorCode = "CREDIT_LENGTH" | "CREDIT_CHARS" | "CREDIT_CHECK";
export type CreditCodeResult =
  | { ok: true; value: string }
  | { ok: false; error: { code: CreditCodeErrorCode } & BilingualMessage };

const MESSAGES: Record<CreditCodeErrorCode, BilingualMessage> = {
  CREDIT_LENGTH: { zh: "统一社会信用代码须为 18 位", en: "A unified social credit code has 18 characters" },
  CREDIT_CHARS: {
    zh: "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）",
    en: "Only digits and capital letters except I, O, S, V and Z are allowed",
  },
  CREDIT_CHECK: {
    zh: "统一社会信用代码校验位不正确，请逐位核对",
    en: "The check character does not match; please check each character",
  },
};

/** The check character for the first 17 characters; throws on anything outside the charset. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError("creditCodeCheckChar needs exactly 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? "");
    if (value < 0) throw new RangeError(`not a credit-code character: ${first17[i]}`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CHARSET[(31 - (sum % 31)) % 31] ?? "";
}

/** Returns the normalized (uppercase, full-width folded, spaces dropped) code when valid. */
export function parseCreditCode(raw: string): CreditCodeResult {
  const code = raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  const fail = (c: CreditCodeErrorCode): CreditCodeResult => ({ ok: false, error: { code: c, ...MESSAGES[c] } });
  if (code.length !== 18) return fail("CREDIT_LENGTH");
  if (![...code].every((ch) => CHARSET.includes(ch))) return fail("CREDIT_CHARS");
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return fail("CREDIT_CHECK");
  return { ok: true, value: code };
}

export const ZCreditCodeSchema = z.string().transform((raw, ctx) => {
  const result = parseCreditCode(raw);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: bilingual(result.error), params: { code: result.error.code } });
    return z.NEVER;
  }
  return result.value;
});
