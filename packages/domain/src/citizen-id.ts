import { z } from "zod";
import { PROVINCE_CODES } from "./division-code.ts";
import { bilingual, type BilingualMessage } from "./errors.ts";
import { isIsoDate, todayInShanghai } from "./time.ts";

/**
 * GB 11643-1999 citizen ID number (公民身份号码): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character. Registers of elderly
 * people, children and assistance households (R9–R11) key on it, so a typo must be caught at entry.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/**
 * Address codes also include 83 (Taiwan residents' residence permits, which use the same number
 * format) beside the provincial-level division codes.
 */
const ID_ADDRESS_PREFIXES: ReadonlySet<string> = new Set([...PROVINCE_CODES, "83"]);

/** Nobody born before this is alive to be registered; older dates are typos. */
const EARLIEST_BIRTH_DATE = "1900-01-01";

export type CitizenIdErrorCode = "ID_LENGTH" | "ID_LEGACY_15" | "ID_CHARS" | "ID_CHECK" | "ID_DATE" | "ID_ADDRESS";

export interface CitizenId {
  normalized: string;
  addressCode: string;
  birthDate: string;
  sex: "male" | "female";
}

export type CitizenIdResult =
  | { ok: true; value: CitizenId }
  | { ok: false; error: { code: CitizenIdErrorCode } & BilingualMessage };

const MESSAGES: Record<CitizenIdErrorCode, BilingualMessage> = {
  ID_LENGTH: { zh: "身份证号码须为 18 位", en: "A citizen ID number has 18 characters" },
  // First-generation 15-digit numbers were retired in 2013; the holder has an 18-digit one now.
  ID_LEGACY_15: {
    zh: "这是已停用的15位旧身份证号码，请填写本人现行的18位号码",
    en: "This is a retired 15-digit ID number; enter the person's current 18-character number",
  },
  ID_CHARS: {
    zh: "身份证号码前 17 位须为数字，最后一位为数字或 X",
    en: "The first 17 characters must be digits and the last a digit or X",
  },
  ID_CHECK: {
    zh: "身份证号码校验位不正确，请逐位核对",
    en: "The check character does not match; please check each digit",
  },
  ID_DATE: {
    zh: "身份证号码中的出生日期无效",
    en: "The birth date inside the ID number is not a valid past date",
  },
  ID_ADDRESS: {
    zh: "身份证号码前 6 位不是有效的地址码",
    en: "The first 6 digits are not a valid address code",
  },
};

const fail = (code: CitizenIdErrorCode): CitizenIdResult => ({ ok: false, error: { code, ...MESSAGES[code] } });

/**
 * People type IDs with a Chinese IME, so full-width digits and "ｘ" are folded (NFKC) and spaces
 * dropped before checking.
 */
function normalizeInput(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
}

/** The check character for the first 17 digits; throws if given anything else. */
export function citizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError("citizenIdCheckChar needs exactly 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? "";
}

export function parseCitizenId(raw: string, today: string | Date = new Date()): CitizenIdResult {
  const id = normalizeInput(raw);
  if (id.length === 15 && /^\d{15}$/.test(id)) return fail("ID_LEGACY_15");
  if (id.length !== 18) return fail("ID_LENGTH");
  if (!/^\d{17}[\dX]$/.test(id)) return fail("ID_CHARS");

  const addressCode = id.slice(0, 6);
  if (!ID_ADDRESS_PREFIXES.has(addressCode.slice(0, 2))) return fail("ID_ADDRESS");

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const todayIso = typeof today === "string" ? today : todayInShanghai(today);
  // ISO dates compare correctly as strings.
  if (!isIsoDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > todayIso) return fail("ID_DATE");

  if (citizenIdCheckChar(id.slice(0, 17)) !== id[17]) return fail("ID_CHECK");

  const sex = Number(id[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, value: { normalized: id, addressCode, birthDate, sex } };
}

/**
 * Shown wherever a full number is not needed (lists, exports above the station): keeps the
 * address code and the last 4 for telling people apart, hides the birth date. Anything that is not
 * an 18-character ID is masked entirely, so a malformed value never leaks.
 */
export function maskCitizenId(id: string): string {
  const value = normalizeInput(id);
  if (value.length !== 18) return "*".repeat(value.length);
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}

/** Validates and outputs the normalized number. "Today" is read at parse time. */
export const ZCitizenIdSchema = z.string().transform((raw, ctx) => {
  const result = parseCitizenId(raw);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: bilingual(result.error), params: { code: result.error.code } });
    return z.NEVER;
  }
  return result.value.normalized;
});
