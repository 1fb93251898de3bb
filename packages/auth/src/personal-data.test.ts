import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createPersonalDataCipher, loadPersonalDataKey } from "./personal-data.ts";

const key = new Uint8Array(32).fill(7);

describe("personal data cipher", () => {
  it("round-trips, with a fresh nonce each time", () => {
    const cipher = createPersonalDataCipher(key);
    const a = cipher.encrypt("65230119500101123X");
    const b = cipher.encrypt("65230119500101123X");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).toString("latin1")).not.toContain("652301");
    expect(cipher.decrypt(a)).toBe("65230119500101123X");
  });

  it("refuses a tampered ciphertext and a wrong key", () => {
    const cipher = createPersonalDataCipher(key);
    const sealed = cipher.encrypt("65230119500101123X");
    const tampered = new Uint8Array(sealed);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => cipher.decrypt(tampered)).toThrow();
    expect(() => createPersonalDataCipher(new Uint8Array(32).fill(8)).decrypt(sealed)).toThrow();
  });

  it("gives the same blind index for the same number and a different one otherwise, per key", () => {
    const cipher = createPersonalDataCipher(key);
    const one = Buffer.from(cipher.blindIndex("65230119500101123X"));
    expect(one.equals(Buffer.from(cipher.blindIndex("65230119500101123X")))).toBe(true);
    expect(one.equals(Buffer.from(cipher.blindIndex("652301195001011248")))).toBe(false);
    expect(one.equals(Buffer.from(createPersonalDataCipher(new Uint8Array(32).fill(8)).blindIndex("65230119500101123X")))).toBe(false);
  });

  it("generates the embedded default's key once, private to its owner, and insists on a real key otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "shegong-key-"));
    const first = loadPersonalDataKey({ dataDir: dir });
    expect(Buffer.from(loadPersonalDataKey({ dataDir: dir })).equals(Buffer.from(first))).toBe(true);
    expect(statSync(join(dir, "pii.key")).mode & 0o077).toBe(0);
    expect(readFileSync(join(dir, "pii.key"), "utf8").trim()).toBe(Buffer.from(first).toString("base64"));
    expect(() => loadPersonalDataKey({})).toThrow(/SHEGONG_PII_KEY/);
    expect(() => loadPersonalDataKey({ envKey: "c2hvcnQ=" })).toThrow(/32 bytes/);
  });
});
