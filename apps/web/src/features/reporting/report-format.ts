import type { ShownValue } from "@shegong/domain";

/** What a chart draws: categories along x, one or more series; null is a gap. */
export interface ChartSpec {
  kind: "bar" | "line";
  /** Bars along the y axis: long category names stay readable. */
  horizontal?: boolean;
  categories: string[];
  series: { name: string; data: (number | null)[] }[];
}

const numbers = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 2 });

/** A value in a table or card: "<5" and other strings as they came, numbers grouped, nothing as "—". */
export function formatShown(value: ShownValue | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return numbers.format(value);
}
