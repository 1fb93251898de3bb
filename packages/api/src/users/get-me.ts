import type { Grant } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import { ROLE_LABELS, roleHasPermission } from "@shegong/domain";

/**
 * Who the caller is and where they can go: each grant with a readable scope, and the stations
 * they can open directly (their own, or their contractor's) for the station switcher.
 */
export async function getMe(tx: Tx, grants: Grant[]) {
  const divisionCodes = grants.flatMap((g) => (g.divisionCode ? [g.divisionCode] : []));
  const stationIds = grants.flatMap((g) => (g.stationId ? [g.stationId] : []));
  const contractorIds = grants.flatMap((g) => (g.contractorId ? [g.contractorId] : []));
  const townshipCodes = grants
    .filter((g) => g.divisionCode?.length === 9 && roleHasPermission(g.role, "workspace.read"))
    .map((g) => g.divisionCode as string);
  const [divisions, stations] = await Promise.all([
    divisionCodes.length
      ? tx.selectFrom("division").select(["code", "name", "level"]).where("code", "in", divisionCodes).execute()
      : Promise.resolve([]),
    stationIds.length || contractorIds.length || townshipCodes.length
      ? tx
          .selectFrom("station")
          .select(["id", "slug", "plaque_name", "primary_color", "status", "division_code", "contractor_id"])
          .where((eb) =>
            eb.or([
              ...(stationIds.length ? [eb("id", "in", stationIds)] : []),
              ...(contractorIds.length ? [eb("contractor_id", "in", contractorIds)] : []),
              ...(townshipCodes.length ? [eb("division_code", "in", townshipCodes)] : []),
            ]),
          )
          .orderBy("division_code")
          .execute()
      : Promise.resolve([]),
  ]);
  const divisionName = new Map(divisions.map((d) => [d.code, d.name]));
  const stationName = new Map(stations.map((s) => [s.id, s.plaque_name]));
  return {
    grants: grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      divisionCode: g.divisionCode,
      stationId: g.stationId,
      contractorId: g.contractorId,
      expiresAt: g.expiresAt,
      scopeName: g.divisionCode ? (divisionName.get(g.divisionCode) ?? g.divisionCode) : g.stationId ? (stationName.get(g.stationId) ?? null) : null,
    })),
    stations: stations.map((s) => ({
      id: s.id,
      slug: s.slug,
      plaqueName: s.plaque_name,
      primaryColor: s.primary_color,
      status: s.status,
      divisionCode: s.division_code,
    })),
  };
}
