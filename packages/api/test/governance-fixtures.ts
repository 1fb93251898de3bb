import { creditCodeCheckChar } from "@shegong/domain";

/** A valid GB 32100 code (social organization 52, Changji 652300) ending in `serial`. */
export function creditCode(serial: number): string {
  const first17 = `52652300MJ${String(serial).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export function contractorInput(serial: number, extra: Record<string, unknown> = {}) {
  return {
    name: `昌吉市测试社会工作服务中心${serial}`,
    creditCode: creditCode(serial),
    divisionCode: "652301",
    registeringAuthority: "昌吉市民政局",
    legalRepresentative: "张明",
    contactName: "李华",
    contactPhone: "13899990000",
    businessScope: "社会工作服务；社区服务；志愿服务",
    incubationStatus: "incubating" as const,
    ...extra,
  };
}

export function agreementInput(contractorId: string, extra: Record<string, unknown> = {}) {
  return {
    agreementNo: "LG-2026-01",
    purchaserName: "六工镇人民政府",
    contractorId,
    signedOn: "2026-03-01",
    serviceStart: "2026-03-15",
    amountFen: 30_000_000,
    funding: [
      { source: "region_pilot" as const, amountFen: 20_000_000 },
      { source: "assistance_share" as const, amountFen: 10_000_000 },
    ],
    staffingRequired: 3,
    deliverables: [
      { kind: "visits_per_month" as const, target: 40 },
      { kind: "cases" as const, target: 10 },
      { kind: "group_activities" as const, target: 12 },
    ],
    ...extra,
  };
}
