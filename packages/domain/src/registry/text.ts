/**
 * Text as stations type it: Chinese IMEs produce full-width letters, digits and spaces (U+3000),
 * and text pasted from web pages or WeChat carries NBSP and zero-width characters. Every matcher
 * in the registry and the ledger importer (R9–R12, issue 3 "Ledgers in") folds text the same way,
 * so a value that looks right to the user also compares equal.
 */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** NFKC (full-width → half-width, U+3000/NBSP → space), zero-width removed, space runs collapsed, trimmed. */
export function normalizeText(value: string): string {
  return value.normalize("NFKC").replace(ZERO_WIDTH, "").replace(/\s+/g, " ").trim();
}

/** `normalizeText` without any spaces and lower-cased: the form in which labels and keys are compared. */
export function foldText(value: string): string {
  return normalizeText(value).replace(/ /g, "").toLowerCase();
}

const FULL_WIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

/**
 * Prose (notes, addresses, visit findings): NFKC would turn Chinese punctuation (，。：（）) into
 * ASCII, which is wrong in a Chinese sentence; only full-width letters and digits are folded, odd
 * spaces collapsed and zero-width characters dropped.
 */
export function normalizeProse(value: string): string {
  return value
    .replace(FULL_WIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(ZERO_WIDTH, "")
    .replace(/[^\S\n]+/g, " ")
    .trim();
}
