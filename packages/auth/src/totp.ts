import { sha256 } from "@oslojs/crypto/sha2";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { randomBytes } from "node:crypto";

/**
 * TOTP as authenticator apps expect it (RFC 6238 defaults, which every app supports): a 20-byte
 * key (RFC 4226 §4 asks for 160 bits), HMAC-SHA-1, 6 digits, 30-second steps, and one step either
 * side for clock drift.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW_STEPS = 1;
export const TOTP_ISSUER = "Shegong 社工";

export function generateTotpKey(): Uint8Array {
  return new Uint8Array(randomBytes(20));
}

/** The otpauth:// URI an authenticator app scans, and the same key in base32 for typing by hand. */
export function totpEnrolment(key: Uint8Array, username: string): { uri: string; secret: string } {
  return {
    uri: createTOTPKeyURI(TOTP_ISSUER, username, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS),
    secret: encodeBase32UpperCaseNoPadding(key),
  };
}

export function totpCounterAt(now: Date, periodSeconds = TOTP_PERIOD_SECONDS): number {
  return Math.floor(now.getTime() / 1000 / periodSeconds);
}

/**
 * The time step whose code `code` is, within the window around `now`, or null. A step at or
 * before `lastCounter` is refused: a code, once accepted, cannot be replayed (RFC 6238 §5.2), nor
 * can an older one still inside the window.
 */
export function matchTotp(
  key: Uint8Array,
  code: string,
  now: Date,
  options: { lastCounter?: number | null; digits?: number; windowSteps?: number } = {},
): number | null {
  const digits = options.digits ?? TOTP_DIGITS;
  const windowSteps = options.windowSteps ?? TOTP_WINDOW_STEPS;
  const otp = code.replace(/\s+/g, "");
  if (!new RegExp(`^\\d{${digits}}$`).test(otp)) return null;
  const current = totpCounterAt(now);
  let matched: number | null = null;
  // Every step in the window is checked (no early exit), so timing says nothing about which matched.
  for (let counter = current - windowSteps; counter <= current + windowSteps; counter++) {
    if (counter < 0) continue;
    if (verifyHOTP(key, BigInt(counter), digits, otp) && matched === null) matched = counter;
  }
  if (matched === null) return null;
  if (options.lastCounter !== undefined && options.lastCounter !== null && matched <= options.lastCounter) return null;
  return matched;
}

/**
 * Recovery codes: 10 codes of 80 random bits each (16 base32 characters, shown in groups of 4).
 * At 80 bits a stolen table of their SHA-256 hashes cannot be reversed by guessing, so a fast hash
 * is enough, and it lets a code be found by its hash instead of running argon2 ten times per try.
 */
export const RECOVERY_CODE_COUNT = 10;

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = encodeBase32UpperCaseNoPadding(randomBytes(10));
    return raw.match(/.{4}/g)!.join("-");
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string | null {
  const normalized = code.toUpperCase().replace(/[\s-]+/g, "");
  return /^[A-Z2-7]{16}$/.test(normalized) ? normalized : null;
}

export function hashRecoveryCode(normalized: string): Uint8Array {
  return sha256(new TextEncoder().encode(`shegong-recovery:${normalized}`));
}

/** The code an authenticator app shows for this base32 key at `now` (for the CLI and tests). */
export function totpCodeAt(base32Secret: string, now = new Date()): string {
  return generateHOTP(decodeBase32IgnorePadding(base32Secret), BigInt(totpCounterAt(now)), TOTP_DIGITS);
}
