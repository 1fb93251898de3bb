import { isWithinScope, roleHasPermission, type Permission } from "@shegong/domain";
import type { RouterOutputs } from "../trpc.ts";

export type Me = RouterOutputs["me"]["get"];
export type MyGrant = Me["grants"][number];

/**
 * Whether a division grant lets the user do `permission` at `divisionCode`. Only to decide what to
 * offer on screen: the server's one middleware still decides every call.
 */
export function canAtDivision(me: Me, permission: Permission, divisionCode: string): boolean {
  return me.grants.some((g) => g.divisionCode !== null && isWithinScope(divisionCode, g.divisionCode) && roleHasPermission(g.role, permission));
}

export function hasPermissionAnywhere(me: Me, permission: Permission): boolean {
  return me.grants.some((g) => roleHasPermission(g.role, permission));
}
