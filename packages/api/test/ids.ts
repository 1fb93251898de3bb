import { citizenIdCheckChar } from "@shegong/domain";

/** A valid citizen ID (real check character) for a Changji City person born on `birth` (YYYYMMDD). */
export function citizenId(birth: string, serial = 123, address = "652301"): string {
  const first17 = `${address}${birth}${String(serial).padStart(3, "0")}`;
  return first17 + citizenIdCheckChar(first17);
}
