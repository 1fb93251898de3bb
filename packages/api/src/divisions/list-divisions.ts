import type { Tx } from "@shegong/db";

/** The units directly under a division, each with its station if it has one (R1, R2). */
export function listChildDivisions(tx: Tx, parentCode: string) {
  return tx
    .selectFrom("division as d")
    .leftJoin("station as s", "s.division_code", "d.code")
    .select(["d.code", "d.name", "d.level", "s.id as stationId", "s.status as stationStatus"])
    .where("d.parent_code", "=", parentCode)
    .orderBy("d.code")
    .execute();
}

/** A division and its ancestors, province first (breadcrumbs). */
export function divisionPath(tx: Tx, code: string) {
  const prefixes = [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  return tx.selectFrom("division").select(["code", "name", "level"]).where("code", "in", prefixes).orderBy("level").execute();
}
