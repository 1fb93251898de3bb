import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, parseCreditCode } from "../credit-code.ts";
import { agreementActionAllowed, agreementInForceOn, checkFunding, defaultServiceEnd, ZAgreementSchema } from "./agreements.ts";
import { checkBusinessScope, ZContractorSchema } from "./contractors.ts";
import { checkDisbursement, fundBalances } from "./funds.ts";
import { fenFromDb } from "./money.ts";
import { formatFen, yuanToFen } from "../visits/economic-survey.ts";

const CODE17 = "52652300MJ0000001";
const VALID_CODE = CODE17 + creditCodeCheckChar(CODE17);

describe("credit code (GB 32100) on the contractor form", () => {
  it("accepts a valid code, normalising case and spaces", () => {
    expect(parseCreditCode(VALID_CODE.toLowerCase().replace(/(.{6})/, "$1 "))).toEqual({ ok: true, value: VALID_CODE });
  });
  it("refuses a wrong check character, a wrong length and forbidden letters", () => {
    const wrong = CODE17 + (VALID_CODE.endsWith("0") ? "1" : "0");
    expect(parseCreditCode(wrong)).toMatchObject({ ok: false, error: { code: "CREDIT_CHECK" } });
    expect(parseCreditCode(CODE17)).toMatchObject({ ok: false, error: { code: "CREDIT_LENGTH" } });
    expect(parseCreditCode("52652300MJ000000I1")).toMatchObject({ ok: false, error: { code: "CREDIT_CHARS" } });
  });
  it("the contractor schema carries the credit code check", () => {
    const base = {
      name: "昌吉市启航社会工作服务中心",
      divisionCode: "652301",
      registeringAuthority: "昌吉市民政局",
      legalRepresentative: "张明",
      contactName: "李华",
      contactPhone: "13899990000",
      businessScope: "社会工作服务；社区服务",
    };
    expect(ZContractorSchema.safeParse({ ...base, creditCode: VALID_CODE }).success).toBe(true);
    expect(ZContractorSchema.safeParse({ ...base, creditCode: CODE17 + "Z" }).success).toBe(false);
    expect(ZContractorSchema.parse({ ...base, creditCode: VALID_CODE }).incubationStatus).toBe("none");
  });
});

describe("business scope includes social work (R6)", () => {
  it("accepts the usual wordings", () => {
    expect(checkBusinessScope("开展社会工作服务、社区服务、志愿服务").ok).toBe(true);
    expect(checkBusinessScope("社工服务；心理咨询").ok).toBe(true);
    expect(checkBusinessScope("社 会 工 作").ok).toBe(true);
    expect(checkBusinessScope("Social work services").ok).toBe(true);
  });
  it("refuses a scope without social work, saying why", () => {
    const result = checkBusinessScope("养老服务；家政服务；技能培训");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.zh).toMatch(/未包含社会工作/);
    expect(checkBusinessScope("").ok).toBe(false);
  });
});

describe("money in fen", () => {
  it("parses yuan text exactly, without floats", () => {
    expect(yuanToFen("200000")).toBe(20_000_000);
    expect(yuanToFen("¥1,234.5")).toBe(123_450);
    expect(yuanToFen("0.29")).toBe(29);
    expect(yuanToFen("1.234")).toBeNull();
  });
  it("formats and reads database values", () => {
    expect(formatFen(20_000_000)).toBe("200000.00元");
    expect(fenFromDb("123456789012")).toBe(123_456_789_012);
    expect(fenFromDb(10n)).toBe(10);
    expect(fenFromDb(null)).toBe(0);
  });
});

describe("agreements (R13, R14)", () => {
  const agreement = {
    purchaserName: "六工镇人民政府",
    contractorId: "7d1b2c3e-1111-4222-8333-444455556666",
    signedOn: "2026-03-01",
    serviceStart: "2026-03-15",
    amountFen: 30_000_000,
    funding: [
      { source: "region_pilot" as const, amountFen: 20_000_000 },
      { source: "local_budget" as const, amountFen: 10_000_000 },
    ],
    staffingRequired: 3,
    deliverables: [{ kind: "visits_per_month" as const, target: 40 }],
  };
  it("the service period ends on 31 December of the start year by default", () => {
    expect(defaultServiceEnd("2026-03-15")).toBe("2026-12-31");
    expect(ZAgreementSchema.parse(agreement).serviceEnd).toBe("2026-12-31");
    expect(ZAgreementSchema.parse({ ...agreement, serviceEnd: "2027-02-28" }).serviceEnd).toBe("2027-02-28");
    expect(ZAgreementSchema.safeParse({ ...agreement, serviceEnd: "2026-03-01" }).success).toBe(false);
  });
  it("funding sources must add up to the amount, each source once", () => {
    expect(checkFunding(30_000_000, agreement.funding)).toBeNull();
    expect(checkFunding(30_000_001, agreement.funding)?.zh).toMatch(/不一致/);
    expect(checkFunding(20_000_000, [{ source: "region_pilot", amountFen: 10_000_000 }, { source: "region_pilot", amountFen: 10_000_000 }])?.en).toMatch(/twice/);
    const bad = ZAgreementSchema.safeParse({ ...agreement, amountFen: 25_000_000 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["funding"]);
  });
  it("refuses fractional fen and empty deliverables", () => {
    expect(ZAgreementSchema.safeParse({ ...agreement, amountFen: 300000.5 }).success).toBe(false);
    expect(ZAgreementSchema.safeParse({ ...agreement, deliverables: [] }).success).toBe(false);
  });
  it("filing: a returned agreement can be corrected and resubmitted; an acknowledged one is frozen", () => {
    expect(agreementActionAllowed("edit", "draft")).toBe(true);
    expect(agreementActionAllowed("edit", "returned")).toBe(true);
    expect(agreementActionAllowed("submit", "returned")).toBe(true);
    expect(agreementActionAllowed("edit", "submitted")).toBe(false);
    expect(agreementActionAllowed("acknowledge", "submitted")).toBe(true);
    expect(agreementActionAllowed("return", "draft")).toBe(false);
    for (const action of ["edit", "submit", "acknowledge", "return"] as const) expect(agreementActionAllowed(action, "acknowledged")).toBe(false);
  });
});

describe("fund balances (R14, R15)", () => {
  it("balance = allocated − disbursed, and disbursed − spent", () => {
    expect(fundBalances({ allocatedFen: 20_000_000, disbursedFen: 12_000_000, spentFen: 5_000_000 })).toEqual({
      allocatedFen: 20_000_000,
      disbursedFen: 12_000_000,
      spentFen: 5_000_000,
      undisbursedFen: 8_000_000,
      unspentFen: 7_000_000,
    });
  });
  it("a payment may reach the allocation but not pass it", () => {
    expect(checkDisbursement({ allocatedFen: 100, disbursedFen: 60 }, 40)).toBeNull();
    expect(checkDisbursement({ allocatedFen: 100, disbursedFen: 60 }, 41)).toMatchObject({ overByFen: 1 });
    expect(checkDisbursement({ allocatedFen: 0, disbursedFen: 0 }, 1)?.message.zh).toMatch(/超出已下达资金 0.01元/);
  });
});

describe("the agreement in force on a day (staff panel and staffing rollup)", () => {
  const at = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
  const draft2026 = { id: "draft", serviceStart: "2026-03-01", serviceEnd: "2026-12-31", status: "draft", createdAt: at("2026-02-01") };
  const filed2026 = { id: "filed", serviceStart: "2026-03-01", serviceEnd: "2026-12-31", status: "acknowledged", createdAt: at("2026-01-15") };
  const newer = { id: "newer", serviceStart: "2026-06-01", serviceEnd: "2026-12-31", status: "submitted", createdAt: at("2026-05-20") };

  it("is none before any service period starts or after all have ended", () => {
    expect(agreementInForceOn([draft2026, filed2026], "2026-02-28")).toBeNull();
    expect(agreementInForceOn([draft2026, filed2026], "2027-01-01")).toBeNull();
  });

  it("prefers a filed agreement, then the newest entered", () => {
    expect(agreementInForceOn([draft2026, filed2026, newer], "2026-07-01")?.id).toBe("filed");
    expect(agreementInForceOn([draft2026, newer], "2026-07-01")?.id).toBe("newer");
    expect(agreementInForceOn([draft2026, newer], "2026-05-31")?.id).toBe("draft");
  });

  it("counts the first and last days of the period", () => {
    expect(agreementInForceOn([filed2026], "2026-03-01")?.id).toBe("filed");
    expect(agreementInForceOn([filed2026], "2026-12-31")?.id).toBe("filed");
  });
});
