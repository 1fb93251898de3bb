import { HOUSEHOLD_RELATION_LABELS, HOUSEHOLD_RELATIONS, labelOf, type Locale } from "@shegong/domain";

/**
 * Family structure (R9) read from the household, never typed twice: how many members in each
 * relation to the head, in the vocabulary's order ("户主 1、配偶 1、子 2").
 */
export function familyStructure(members: readonly { relation: string | null }[], locale: Locale): string {
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.relation ?? "other", (counts.get(m.relation ?? "other") ?? 0) + 1);
  const separator = locale === "en" ? ", " : "、";
  return HOUSEHOLD_RELATIONS.filter((r) => counts.has(r))
    .map((r) => `${labelOf(HOUSEHOLD_RELATION_LABELS, r, locale)} ${counts.get(r)}`)
    .join(separator);
}
