import { citizenIdCheckChar } from "../citizen-id.ts";

/**
 * Test-only: a valid citizen ID for a birth date ('YYYY-MM-DD'), with an odd sequence for a man
 * and an even one for a woman, in Changji (652301), the pilot city (R3).
 */
export function makeCitizenId(birthDate: string, sex: "male" | "female" = "male", serial = 12): string {
  const sequence = String(serial * 10 + (sex === "male" ? 1 : 2)).padStart(3, "0").slice(-3);
  const first17 = `652301${birthDate.replace(/-/g, "")}${sequence}`;
  return first17 + citizenIdCheckChar(first17);
}

/** Test-only: a valid ID whose check character is X, to test the lower-case x that people type. */
export function makeCitizenIdEndingInX(birthDate: string, sex: "male" | "female" = "male"): string {
  for (let serial = 0; serial < 100; serial++) {
    const id = makeCitizenId(birthDate, sex, serial);
    if (id.endsWith("X")) return id;
  }
  throw new Error(`no serial gives an X check character for ${birthDate}`);
}
