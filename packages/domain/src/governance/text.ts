import { z } from "zod";
import { bilingual, type BilingualMessage } from "../errors.ts";
import { normalizeProse } from "../registry/text.ts";

/** One line of required text on the governance forms, cleaned like the registry's, with a message naming the field. */
export function requiredLine(max: number, label: BilingualMessage) {
  return z
    .string()
    .transform(normalizeProse)
    .pipe(
      z
        .string()
        .min(1, { error: bilingual({ zh: `请填写${label.zh}`, en: `${label.en} is required` }) })
        .max(max, { error: bilingual({ zh: `${label.zh}不能超过${max}个字`, en: `${label.en} must be at most ${max} characters` }) }),
    );
}

/** Optional text, cleaned, at most `max` characters. */
export function optionalLine(max: number) {
  return z.string().transform(normalizeProse).pipe(z.string().max(max));
}
