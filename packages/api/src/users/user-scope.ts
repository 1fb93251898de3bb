import type { Tx } from "@shegong/db";
import { sql, type ExpressionBuilder } from "kysely";
import type { Database } from "@shegong/db";

/** Whose accounts an administrator manages: one station's members, or everyone granted under a division. */
export type UserScope = { stationId: string } | { divisionCode: string };

export function grantInScope(scope: UserScope) {
  return (eb: ExpressionBuilder<Database, "role_grant">) => {
    if ("stationId" in scope) return eb("role_grant.station_id", "=", scope.stationId);
    const code = scope.divisionCode;
    return eb.or([
      eb(sql<string>`left(role_grant.division_code, ${code.length})`, "=", code),
      eb(
        "role_grant.station_id",
        "in",
        eb.selectFrom("station").select("station.id").where(sql<boolean>`left(station.division_code, ${code.length}) = ${code}`),
      ),
    ]);
  };
}

/** True when the user holds at least one grant inside the scope, i.e. the administrator may manage them. */
export async function userIsInScope(tx: Tx, userId: string, scope: UserScope): Promise<boolean> {
  const row = await tx
    .selectFrom("role_grant")
    .select("role_grant.id")
    .where("role_grant.user_id", "=", userId)
    .where(grantInScope(scope))
    .executeTakeFirst();
  return row !== undefined;
}
