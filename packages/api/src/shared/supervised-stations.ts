import type { Tx } from "@shegong/db";

/** The stations a bureau's panel lists under a division: open ones (onboarding, active, suspended), by division code. */
export function supervisedStations(tx: Tx, divisionCode: string) {
  return tx
    .selectFrom("station")
    .select(["id", "plaque_name", "division_code", "status"])
    .where("division_code", "like", `${divisionCode}%`)
    .where("status", "in", ["onboarding", "active", "suspended"])
    .orderBy("division_code")
    .execute();
}
