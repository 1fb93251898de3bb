import type { BilingualMessage } from "../errors.ts";
import type { PayoutKindKey } from "./kinds.ts";
import { PAYOUT_RULE_KEYS, type PayoutRuleKey } from "./verify.ts";

/**
 * The verification report of one roster (issue 6 item 4): counts per rule, open and settled, and
 * the list of items, as the station signs it and sends it to the township or the bureau. Once
 * signed it is frozen: the content is stored and fingerprinted (SHA-256 of its canonical JSON).
 */
export const PAYOUT_OUTCOME_KEYS = ["correct", "stop_payment", "recover_overpayment", "add_to_roster"] as const;
export type PayoutOutcomeKey = (typeof PAYOUT_OUTCOME_KEYS)[number];

export const PAYOUT_OUTCOMES: Readonly<Record<PayoutOutcomeKey, BilingualMessage>> = {
  correct: { zh: "核实无误", en: "Correct after all" },
  stop_payment: { zh: "停发", en: "Stop payment" },
  recover_overpayment: { zh: "追回多发", en: "Recover overpayment" },
  add_to_roster: { zh: "纳入发放", en: "Add to roster" },
};

/** Where a signed report goes: the township (purchaser, R16) or the city/county bureau (R15). */
export const PAYOUT_REPORT_RECIPIENTS = ["township", "county"] as const;
export type PayoutReportRecipient = (typeof PAYOUT_REPORT_RECIPIENTS)[number];

export const PAYOUT_REPORT_RECIPIENT_LABELS: Readonly<Record<PayoutReportRecipient, BilingualMessage>> = {
  township: { zh: "乡镇（街道）民政", en: "Township civil affairs" },
  county: { zh: "市（县）民政局", en: "City/county civil-affairs bureau" },
};

/** The division a report is sent to, from the station's township code. */
export function payoutRecipientCode(stationDivisionCode: string, to: PayoutReportRecipient): string {
  return to === "township" ? stationDivisionCode : stationDivisionCode.slice(0, 6);
}

export interface PayoutReportItem {
  rule: PayoutRuleKey;
  rowNumber: number | null;
  name: string;
  idMasked: string | null;
  messageZh: string;
  messageEn: string;
  status: "open" | "settled";
  outcome: PayoutOutcomeKey | null;
  note: string;
  assignedTo: string | null;
  evidenceVisitOn: string | null;
  settledBy: string | null;
  /** ISO timestamp. */
  settledAt: string | null;
}

export interface PayoutRuleCount {
  rule: PayoutRuleKey;
  total: number;
  open: number;
  settled: number;
}

export interface PayoutReportContent {
  station: { plaqueName: string; divisionCode: string };
  roster: { id: string; kind: PayoutKindKey; month: string; fileName: string; fileSha256: string; rowsTotal: number; totalFen: number; verifiedAt: string };
  byRule: PayoutRuleCount[];
  byOutcome: Record<PayoutOutcomeKey, number>;
  totals: { discrepancies: number; open: number; settled: number };
  items: PayoutReportItem[];
}

/** Counts per rule (every rule, in rule order, zeros included), per outcome, and in total. */
export function tallyPayoutFindings(items: readonly Pick<PayoutReportItem, "rule" | "status" | "outcome">[]) {
  const byRule: PayoutRuleCount[] = PAYOUT_RULE_KEYS.map((rule) => ({ rule, total: 0, open: 0, settled: 0 }));
  const byOutcome = Object.fromEntries(PAYOUT_OUTCOME_KEYS.map((o) => [o, 0])) as Record<PayoutOutcomeKey, number>;
  for (const item of items) {
    const count = byRule[PAYOUT_RULE_KEYS.indexOf(item.rule)];
    if (!count) continue;
    count.total++;
    count[item.status]++;
    if (item.status === "settled" && item.outcome) byOutcome[item.outcome]++;
  }
  const settled = byRule.reduce((n, c) => n + c.settled, 0);
  return { byRule, byOutcome, totals: { discrepancies: items.length, open: items.length - settled, settled } };
}

/**
 * JSON with object keys sorted at every level: the same content always gives the same bytes, so
 * its hash does not depend on how a database (jsonb reorders keys) or a client returned it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
