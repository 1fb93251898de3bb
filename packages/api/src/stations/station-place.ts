import type { Tx } from "@shegong/db";

/** A station with the township it serves (t) and that township's county (c): the place on its plaque. */
export function stationsWithPlace(tx: Tx) {
  return tx
    .selectFrom("station as s")
    .innerJoin("division as t", "t.code", "s.division_code")
    .leftJoin("division as c", "c.code", "t.parent_code");
}
