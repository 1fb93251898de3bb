import type { PersonalDataCipher } from "@shegong/auth";
import { maskCitizenId } from "@shegong/domain";

/** The three stored forms of a (normalised, valid) ID number: ciphertext, blind index, masked. */
export function sealCitizenId(cipher: PersonalDataCipher, normalizedId: string) {
  return {
    id_cipher: cipher.encrypt(normalizedId),
    id_blind: cipher.blindIndex(normalizedId),
    id_masked: maskCitizenId(normalizedId),
  };
}
