import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { normalizeText } from "../registry/text.ts";

/**
 * Free text written in the field: each line folded like every other registry text (full-width
 * characters from Chinese IMEs, stray zero-width characters), but line breaks kept, because
 * findings are written as short paragraphs and the ledger prints them so. Blank counts as not given.
 */
export function normalizeMultilineText(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map(normalizeText)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const multilineText = (max: number, label: BilingualMessage) =>
  z
    .string()
    .transform(normalizeMultilineText)
    .pipe(z.string().max(max, { error: `${label.zh}不能超过${max}个字 / ${label.en} must be at most ${max} characters` }))
    .transform((value) => (value === "" ? undefined : value))
    .optional();
