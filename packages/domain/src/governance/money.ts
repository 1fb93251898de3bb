import { z } from "zod";
import { bilingual } from "../errors.ts";

/**
 * Money is integer fen (分) everywhere, never floating point: 200,000 CNY is 20,000,000 fen.
 * Amounts stay far below 2^53 fen, so a JS number holds them exactly.
 */
export const MAX_FEN = 100_000_000_000; // 10 亿元: no single station agreement comes near

export const ZFenSchema = z
  .number()
  .int({ error: bilingual({ zh: "金额须以分为单位的整数", en: "Amounts are whole fen" }) })
  .positive({ error: bilingual({ zh: "金额须大于零", en: "The amount must be above zero" }) })
  .max(MAX_FEN, { error: bilingual({ zh: "金额过大", en: "The amount is too large" }) });

/** "200000", "200,000.5", "¥1,234.56" → fen; null when not a plain yuan amount with at most 2 decimals. */
export function yuanToFen(text: string): number | null {
  const cleaned = text.normalize("NFKC").replace(/[\s,¥￥元]/g, "");
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  return whole * 100 + cents;
}

/** 20000000 → "200,000.00" (no currency sign, so tables line up). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

/** A database bigint (string from node-postgres, bigint or number from PGlite) as an exact number of fen. */
export function fenFromDb(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an exact fen amount: ${String(value)}`);
  return n;
}
