import {
  ACTIVITY_KIND_LABELS,
  CATEGORIES,
  FUNDING_SOURCE_LABELS,
  PAYOUT_RULES,
  RESOURCE_KIND_LABELS,
  SPENDING_CATEGORY_LABELS,
  VISIT_KIND_LABELS,
  type IndicatorDefinition,
} from "@shegong/domain";

const LABELS: Record<NonNullable<IndicatorDefinition["dimension"]>, Record<string, { zh: string }>> = {
  category: CATEGORIES,
  visit_kind: VISIT_KIND_LABELS,
  activity_kind: ACTIVITY_KIND_LABELS,
  resource_kind: RESOURCE_KIND_LABELS,
  funding_source: FUNDING_SOURCE_LABELS,
  spending_category: SPENDING_CATEGORY_LABELS,
  payout_rule: PAYOUT_RULES,
};

/** A dimension key as a ledger reader sees it ('tekun' → 特困人员); the key itself when unknown. */
export function dimensionLabel(dimension: IndicatorDefinition["dimension"], key: string): string {
  return (dimension && LABELS[dimension][key]?.zh) || key;
}
