import { onboardStations } from "@shegong/api";
import { withOwnerScope, type ShegongDb } from "@shegong/db";

/**
 * The two stations a station-level benchmark measures in: one to measure, one to warm the code
 * paths up on first (Liugong and a neighbour in Changji City), onboarded as the bureau does.
 */
export async function onboardMeasuredAndWarmStations(owner: ShegongDb): Promise<readonly [string, string]> {
  const operator = { userId: "00000000-0000-0000-0000-000000000000", username: "bench", ip: "127.0.0.1" };
  return withOwnerScope(owner.db, "65", async (tx) => {
    const result = await onboardStations(tx, { scopeCode: "65", townshipCodes: ["652301105", "652301104"], initialStatus: "onboarding" }, operator);
    return [result.created[0]!.id, result.created[1]!.id] as const;
  });
}
