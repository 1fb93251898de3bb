import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { randomBytes } from "node:crypto";

/**
 * The Lucia design: the cookie holds `id.secret`; the database keeps the id and only a SHA-256
 * hash of the secret, compared in constant time. 160 bits of secret, 80 of id.
 */
export interface SessionToken {
  id: string;
  secret: string;
  token: string;
  secretHash: Uint8Array;
}

export function hashSessionSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function generateSessionToken(): SessionToken {
  const id = encodeBase32LowerCaseNoPadding(randomBytes(10));
  const secret = encodeBase32LowerCaseNoPadding(randomBytes(20));
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSessionSecret(secret) };
}

export function parseSessionToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [id, secret] = parts as [string, string];
  if (!/^[a-z2-7]{16}$/.test(id) || !/^[a-z2-7]{32}$/.test(secret)) return null;
  return { id, secret };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSessionSecret(secret), new Uint8Array(storedHash));
}
