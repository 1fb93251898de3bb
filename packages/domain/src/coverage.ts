/**
 * R2: the product tracks how many township-level units have a station, toward basic full coverage
 * by the end of the 14th Five-Year Plan.
 */
export function coverageRatio(activeStations: number, townshipUnits: number): number {
  if (!Number.isFinite(activeStations) || !Number.isFinite(townshipUnits)) return 0;
  if (townshipUnits <= 0 || activeStations <= 0) return 0;
  return Math.min(1, activeStations / townshipUnits);
}

/**
 * Reports above station level are aggregate only (the region never sees personal data), and a count
 * of 1–4 people in a small township can identify them, so small non-zero counts are shown as "<5".
 */
export function formatSmallCount(n: number, threshold = 5): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`count must be a non-negative integer, got ${n}`);
  if (n > 0 && n < threshold) return `<${threshold}`;
  return String(n);
}
