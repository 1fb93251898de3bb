import { z } from "zod";
import type { BilingualMessage } from "../errors.ts";
import { normalizeProse } from "../registry/text.ts";

/**
 * Free text written in the field: each line cleaned as prose (full-width letters and digits folded,
 * Chinese punctuation kept, stray zero-width characters dropped), and line breaks kept, because
 * findings are written as short paragraphs and the ledger prints them so. Blank counts as not given.
 */
export function normalizeMultilineText(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map(normalizeProse)
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
