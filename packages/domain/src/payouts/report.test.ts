import { describe, expect, it } from "vitest";
import { canonicalJson, payoutRecipientCode, tallyPayoutFindings } from "./report.ts";

describe("payout report", () => {
  it("counts every rule in rule order, open and settled, and settled ones by outcome", () => {
    const tally = tallyPayoutFindings([
      { rule: "amount", status: "open", outcome: null },
      { rule: "amount", status: "settled", outcome: "correct" },
      { rule: "not_in_registry", status: "settled", outcome: "stop_payment" },
    ]);
    expect(tally.byRule[0]).toEqual({ rule: "not_in_registry", total: 1, open: 0, settled: 1 });
    expect(tally.byRule.find((r) => r.rule === "amount")).toEqual({ rule: "amount", total: 2, open: 1, settled: 1 });
    expect(tally.byRule.find((r) => r.rule === "age")).toEqual({ rule: "age", total: 0, open: 0, settled: 0 });
    expect(tally.byOutcome).toEqual({ correct: 1, stop_payment: 1, recover_overpayment: 0, add_to_roster: 0 });
    expect(tally.totals).toEqual({ discrepancies: 3, open: 1, settled: 2 });
  });

  it("canonical JSON does not depend on key order, at any depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: null }], c: "文" } })).toBe('{"a":{"c":"文","d":[1,{"x":null,"y":2}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it("sends to the station's township or its county", () => {
    expect(payoutRecipientCode("652301105", "township")).toBe("652301105");
    expect(payoutRecipientCode("652301105", "county")).toBe("652301");
  });
});
