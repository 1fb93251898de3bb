import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Citizen ID numbers at rest (ARCHITECTURE: personal data): AES-256-GCM with a random nonce, plus
 * an HMAC-SHA256 blind index that finds the same number within and across stations without
 * decrypting. Both keys are derived from one master key with HKDF, so rotating the master
 * rotates both; the version byte leaves room for that.
 */
export interface PersonalDataCipher {
  encrypt(plaintext: string): Uint8Array;
  decrypt(ciphertext: Uint8Array): string;
  blindIndex(normalizedId: string): Uint8Array;
  /**
   * Other secrets kept at rest (TOTP keys): the same master key, its own HKDF-derived key, and the
   * purpose and owner bound in as associated data so a sealed value cannot be moved to another row.
   */
  sealSecret(binding: string, secret: Uint8Array): Uint8Array;
  openSecret(binding: string, sealed: Uint8Array): Uint8Array;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const AAD = Buffer.from("shegong:citizen-id");

export function createPersonalDataCipher(masterKey: Uint8Array): PersonalDataCipher {
  if (masterKey.length !== 32) throw new Error("the personal-data master key must be 32 bytes");
  const encryptionKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "shegong pii aes-256-gcm v1", 32));
  const indexKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "shegong pii blind index v1", 32));
  const secretKey = Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), "shegong auth secrets aes-256-gcm v1", 32));
  const secretAad = (binding: string) => Buffer.from(`shegong:secret:${binding}`, "utf8");
  return {
    sealSecret(binding, secret) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", secretKey, nonce);
      cipher.setAAD(secretAad(binding));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]));
    },
    openSecret(binding, sealed) {
      const data = Buffer.from(sealed);
      if (data[0] !== VERSION || data.length < 1 + NONCE_BYTES + TAG_BYTES) throw new Error("unknown sealed-secret format");
      const decipher = createDecipheriv("aes-256-gcm", secretKey, data.subarray(1, 1 + NONCE_BYTES));
      decipher.setAAD(secretAad(binding));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      return new Uint8Array(Buffer.concat([decipher.update(data.subarray(1 + NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]));
    },
    encrypt(plaintext) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encryptionKey, nonce);
      cipher.setAAD(AAD);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), nonce, body, cipher.getAuthTag()]));
    },
    decrypt(ciphertext) {
      const data = Buffer.from(ciphertext);
      if (data[0] !== VERSION || data.length < 1 + NONCE_BYTES + TAG_BYTES) throw new Error("unknown personal-data ciphertext format");
      const nonce = data.subarray(1, 1 + NONCE_BYTES);
      const tag = data.subarray(data.length - TAG_BYTES);
      const decipher = createDecipheriv("aes-256-gcm", encryptionKey, nonce);
      decipher.setAAD(AAD);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(1 + NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString("utf8");
    },
    blindIndex(normalizedId) {
      return new Uint8Array(createHmac("sha256", indexKey).update(normalizedId, "utf8").digest());
    },
  };
}

/**
 * The master key: SHEGONG_PII_KEY (base64 of 32 bytes) when set. The embedded default may generate
 * one into its data folder on first start (a dev key, kept beside the data it protects); a server
 * on PostgreSQL must be given one.
 */
export function loadPersonalDataKey(options: { envKey?: string; dataDir?: string }): Uint8Array {
  if (options.envKey) {
    const key = Buffer.from(options.envKey, "base64");
    if (key.length !== 32) throw new Error("SHEGONG_PII_KEY must be the base64 of exactly 32 bytes (openssl rand -base64 32)");
    return new Uint8Array(key);
  }
  if (!options.dataDir) throw new Error("SHEGONG_PII_KEY is required when running on PostgreSQL (openssl rand -base64 32)");
  const file = join(options.dataDir, "pii.key");
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
  }
  return loadPersonalDataKey({ envKey: readFileSync(file, "utf8").trim() });
}
