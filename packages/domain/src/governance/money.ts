import { z } from "zod";
import { bilingual } from "../errors.ts";
import { MAX_AMOUNT_FEN } from "../visits/economic-survey.ts";

/**
 * Money is integer fen (分) everywhere, never floating point: 200,000 CNY is 20,000,000 fen.
 * Typing and showing amounts reuse yuanToFen / formatFen (visits/economic-survey.ts).
 */
export const ZAmountFenSchema = z
  .number()
  .int({ error: bilingual({ zh: "金额须以分为单位的整数", en: "Amounts are whole fen" }) })
  .positive({ error: bilingual({ zh: "金额须大于零", en: "The amount must be above zero" }) })
  .max(MAX_AMOUNT_FEN, { error: bilingual({ zh: "金额过大，请核对", en: "The amount is implausibly large; check it" }) });

/** A database bigint (string, bigint or number depending on the driver) as an exact number of fen. */
export function fenFromDb(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an exact fen amount: ${String(value)}`);
  return n;
}
