import { DIVISION_ROLE_LEVEL, isDivisionRole } from "@shegong/domain";
import type { Me } from "./access.ts";

/**
 * Where a person lands after signing in: the region sees coverage, a prefecture or county bureau its
 * console, a township officer and every station role their station's workspace.
 */
export function homePathOf(me: Me): string | null {
  const divisionGrants = me.grants.filter((g) => isDivisionRole(g.role) && g.divisionCode);
  const atLevel = (level: string) => divisionGrants.find((g) => DIVISION_ROLE_LEVEL[g.role as keyof typeof DIVISION_ROLE_LEVEL] === level);
  const region = atLevel("province");
  if (region?.divisionCode) return `/region/${region.divisionCode}`;
  const bureau = atLevel("prefecture") ?? atLevel("county");
  if (bureau?.divisionCode) return `/console/${bureau.divisionCode}`;
  const station = me.stations[0];
  if (station) return `/station/${station.id}`;
  const township = atLevel("township");
  if (township?.divisionCode) return `/console/${township.divisionCode}`;
  return null;
}
