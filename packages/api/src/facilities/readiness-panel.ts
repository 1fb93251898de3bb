import type { Tx } from "@shegong/db";
import { facilityReadiness } from "@shegong/domain";
import { supervisedStations } from "../shared/supervised-stations.ts";
import { loadFacilityFacts } from "./facility-facts.ts";

/**
 * The bureau's and township's readiness panel (R4, R5, R8) over the stations under a division:
 * per station the checklist's outcome and a few counts, no personal data.
 */
export async function readinessPanel(tx: Tx, divisionCode: string) {
  const stations = await supervisedStations(tx, divisionCode);
  const facts = await loadFacilityFacts(tx, stations.map((s) => s.id));
  return stations.map((s) => {
    const f = facts.get(s.id)!;
    const readiness = facilityReadiness(f);
    return {
      stationId: s.id,
      plaqueName: s.plaque_name,
      divisionCode: s.division_code,
      status: s.status,
      officeAreaM2: f.officeAreaM2,
      areaException: f.areaExceptionReason !== null,
      rooms: f.roomKinds.length,
      equipmentItems: f.equipmentItems,
      plaquePhotos: f.plaquePhotos.reduce((n, p) => n + p, 0),
      houseRules: Object.keys(f.houseRules).length,
      ready: readiness.ready,
      missing: readiness.items.filter((i) => !i.ok).map((i) => ({ kind: i.kind, rule: i.rule ?? null, flagged: i.flagged })),
    };
  });
}
