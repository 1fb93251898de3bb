import { CATEGORIES, labelOf, type CategoryKey, type Locale } from "@shegong/domain";

const CATEGORY_PREFIX = "category:";

/**
 * The names the API gives changed fields (stored column names such as `village_code`, or
 * `category:<key>` for a category a ledger row enters) as the labels the forms use.
 */
export function changedFieldLabel(field: string, fieldLabels: Record<string, string>, locale: Locale, enterCategory: (label: string) => string): string {
  if (field.startsWith(CATEGORY_PREFIX)) {
    const key = field.slice(CATEGORY_PREFIX.length);
    return enterCategory(Object.hasOwn(CATEGORIES, key) ? labelOf(CATEGORIES, key as CategoryKey, locale) : key);
  }
  const camel = field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return fieldLabels[camel] ?? field;
}

/** How a list of names is joined in running text. */
export function listJoin(items: readonly string[], locale: Locale): string {
  return items.join(locale === "en" ? ", " : "、");
}
