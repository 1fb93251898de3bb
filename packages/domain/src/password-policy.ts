import { COMMON_PASSWORDS } from "./common-passwords.ts";
import { ERROR_MESSAGES, type BilingualMessage } from "./errors.ts";

/**
 * ASVS 5 (V6.2): at least 8 characters, at least 64 allowed, no composition rules, refuse the
 * commonest passwords and context words. 15+ is recommended, not enforced, so long phrases are the
 * easy path rather than a burden.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const RECOMMENDED_PASSWORD_LENGTH = 15;

export type PasswordErrorCode = "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_COMMON" | "PASSWORD_IS_USERNAME";
export type PasswordCheck = { ok: true } | ({ ok: false; code: PasswordErrorCode } & BilingualMessage);

const fail = (code: PasswordErrorCode): PasswordCheck => ({ ok: false, code, ...ERROR_MESSAGES[code] });

/** Passwords are compared exactly as typed (no trimming): spaces are allowed characters. */
export function checkPassword(password: string, context: { username?: string | null } = {}): PasswordCheck {
  // Code points, so a Chinese or emoji passphrase is measured as a person counts it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return fail("PASSWORD_TOO_SHORT");
  if (length > PASSWORD_MAX_LENGTH) return fail("PASSWORD_TOO_LONG");
  const folded = password.toLowerCase();
  const username = context.username?.trim().toLowerCase();
  if (username && folded === username) return fail("PASSWORD_IS_USERNAME");
  if (COMMON_PASSWORDS.has(folded)) return fail("PASSWORD_COMMON");
  return { ok: true };
}
