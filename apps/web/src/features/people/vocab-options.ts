import {
  CATEGORIES,
  CATEGORY_GROUP_KEYS,
  CATEGORY_GROUPS,
  categoriesInGroup,
  ETHNICITIES,
  labelOf,
  type Locale,
  type VocabLabels,
} from "@shegong/domain";

export interface Option<V extends string = string> {
  value: V;
  label: string;
}

/** Select options from one of the domain's vocabularies, in the order of its key tuple. */
export function vocabOptions<K extends string>(labels: VocabLabels<K>, keys: readonly K[], locale: Locale): Option<K>[] {
  return keys.map((key) => ({ value: key, label: labelOf(labels, key, locale) }));
}

/** The 56 nationalities (and 97, 98) in GB 3304 order, as the domain lists them. */
export function ethnicityOptions(locale: Locale): Option[] {
  return ETHNICITIES.map((e) => ({ value: e.code, label: locale === "en" ? e.en : e.zh }));
}

/** Categories grouped as the domain groups them (elderly, children, assistance, social affairs). */
export function categoryOptionGroups(locale: Locale) {
  return CATEGORY_GROUP_KEYS.map((group) => ({
    label: locale === "en" ? CATEGORY_GROUPS[group].en : CATEGORY_GROUPS[group].zh,
    options: categoriesInGroup(group).map((key) => ({ value: key, label: labelOf(CATEGORIES, key, locale) })),
  }));
}

/** A stored vocabulary key as its label; a key the vocabulary does not know is shown as stored. */
export function labelOrDash<K extends string>(labels: VocabLabels<K>, key: string | number | null | undefined, locale: Locale): string {
  if (key === null || key === undefined || key === "") return "—";
  const text = String(key);
  return Object.hasOwn(labels, text) ? labelOf(labels, text as K, locale) : text;
}
