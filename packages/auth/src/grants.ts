import { withPlatform, type Database } from "@shegong/db";
import { PERMISSIONS, roleHasPermission, type Permission, type Role } from "@shegong/domain";
import type { Kysely } from "kysely";

export interface Grant {
  id: string;
  role: Role;
  divisionCode: string | null;
  stationId: string | null;
  contractorId: string | null;
  expiresAt: Date | null;
}

export interface StationRef {
  id: string;
  divisionCode: string;
  contractorId: string | null;
}

/** The user's grants that have not expired (inspectors' grants are time-limited). */
/** A grant as the session_context function returns it (jsonb: timestamps as ISO text). */
export interface GrantJson {
  id: string;
  role: string;
  division_code: string | null;
  station_id: string | null;
  contractor_id: string | null;
  expires_at: string | null;
}

type GrantRow = Omit<GrantJson, "expires_at"> & { expires_at: Date | string | null };

/** A role_grant row (read by Kysely, or as jsonb with its timestamp as text) as a Grant. */
function grantOf(r: GrantRow): Grant {
  return {
    id: r.id,
    role: r.role as Role,
    divisionCode: r.division_code,
    stationId: r.station_id,
    contractorId: r.contractor_id,
    expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
  };
}

export function grantsFromJson(json: GrantJson[] | string): Grant[] {
  const rows: GrantJson[] = typeof json === "string" ? JSON.parse(json) : json;
  return rows.map(grantOf);
}

export async function loadActiveGrants(db: Kysely<Database>, userId: string, now = new Date()): Promise<Grant[]> {
  const rows = await withPlatform(
    db,
    (tx) =>
      tx
        .selectFrom("role_grant")
        .select(["id", "role", "division_code", "station_id", "contractor_id", "expires_at"])
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
        .execute(),
    { userId },
  );
  return rows.map(grantOf);
}

export function grantCoversStation(grant: Grant, station: StationRef): boolean {
  if (grant.stationId) return grant.stationId === station.id;
  if (grant.contractorId) return grant.contractorId === station.contractorId;
  return grant.divisionCode !== null && station.divisionCode.startsWith(grant.divisionCode);
}

export function grantCoversDivision(grant: Grant, divisionCode: string): boolean {
  return grant.divisionCode !== null && divisionCode.startsWith(grant.divisionCode);
}

/**
 * The grant that lets this user act with `permission` on the station, preferring the station's
 * own roles over supervisory ones (a supervisor's entry is audited; a member's is not).
 */
export function findStationGrant(grants: Grant[], permission: Permission, station: StationRef): Grant | null {
  const usable = grants.filter((g) => roleHasPermission(g.role, permission) && grantCoversStation(g, station));
  return usable.find((g) => g.stationId !== null) ?? usable.find((g) => g.contractorId !== null) ?? usable[0] ?? null;
}

export function findDivisionGrant(grants: Grant[], permission: Permission, divisionCode: string): Grant | null {
  return grants.find((g) => roleHasPermission(g.role, permission) && grantCoversDivision(g, divisionCode)) ?? null;
}

/** Every permission the user holds on the station, through any of their grants. */
export function permissionsOnStation(grants: Grant[], station: StationRef): Permission[] {
  return PERMISSIONS.filter((p) => findStationGrant(grants, p, station) !== null);
}
