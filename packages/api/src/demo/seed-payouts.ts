import type { PersonalDataCipher } from "@shegong/auth";
import { withStation, type Database } from "@shegong/db";
import { monthsBefore, todayInShanghai, type TPayoutStandard } from "@shegong/domain";
import type { Kysely } from "kysely";
import { upsertPayoutStandards, verifyPayouts } from "../payouts/verify-roster.ts";
import { demoId } from "./seed-registry.ts";

/**
 * Payment standards for the demo, as data (issue 6 item 1): the advanced-age subsidy by age band
 * (80–89, 90–99, 100 and over, per month) and the children's basic-living allowance for orphans and
 * de-facto unsupported children (the latter paid at the orphans' rate, as Xinjiang's practice
 * is), with a region default ('65'), a county's own higher band and a new period from 2026.
 * Illustrative figures in the shape of the region's standards, not quoted from a gazette: a real
 * deployment loads the county's published standard with `pnpm shegong payouts standards FILE.json`.
 */
export const DEMO_PAYOUT_STANDARDS: TPayoutStandard[] = [
  { kind: "advanced_age", regionCode: "65", band: "80_89", validFrom: "2024-01-01", validTo: null, amountFen: 10_000 },
  { kind: "advanced_age", regionCode: "65", band: "90_99", validFrom: "2024-01-01", validTo: null, amountFen: 20_000 },
  { kind: "advanced_age", regionCode: "65", band: "100_plus", validFrom: "2024-01-01", validTo: null, amountFen: 50_000 },
  // Changji City tops up the oldest band from its own budget.
  { kind: "advanced_age", regionCode: "652301", band: "100_plus", validFrom: "2025-01-01", validTo: null, amountFen: 60_000 },
  { kind: "child_allowance", regionCode: "65", band: "orphan", validFrom: "2025-01-01", validTo: "2025-12-31", amountFen: 140_000 },
  { kind: "child_allowance", regionCode: "65", band: "unsupported", validFrom: "2025-01-01", validTo: "2025-12-31", amountFen: 140_000 },
  { kind: "child_allowance", regionCode: "65", band: "orphan", validFrom: "2026-01-01", validTo: null, amountFen: 150_000 },
  { kind: "child_allowance", regionCode: "65", band: "unsupported", validFrom: "2026-01-01", validTo: null, amountFen: 150_000 },
];

/**
 * The standards, and last month's advanced-age roster for Liugong as a bank would send it, verified,
 * so the 补贴核对 page opens on a worklist: one amount off the standard, one person paid who does
 * not hold the category, one ID the registry does not know.
 */
export async function seedDemoPayouts(owner: Kysely<Database>, cipher: PersonalDataCipher, stationId: string): Promise<void> {
  await owner.transaction().execute((tx) => upsertPayoutStandards(tx, DEMO_PAYOUT_STANDARDS));
  const today = todayInShanghai();
  const month = monthsBefore(today.slice(0, 7), 1);
  const sheet = [
    [`六工镇${month.slice(0, 4)}年${Number(month.slice(5))}月高龄补贴发放花名册`],
    ["序号", "户名", "公民身份号码", "银行账号", "发放金额（元）", "发放月份"],
    [1, "马秀兰", demoId("19380412", 22), "6217002940001234", 100, month],
    [2, "张德福", demoId("19410730", 31), "6217002940005678", 120, month],
    [3, "杨玉珍", demoId("19440205", 82), "6217002940002468", 100, month],
    [4, "周永福", demoId("19400101", 99), "6217002940009999", 100, month],
    ["合计", null, null, null, 420, null],
  ];
  await withStation(owner, stationId, (tx) =>
    verifyPayouts(
      tx,
      { stationId, userId: null, username: "seed", ip: "127.0.0.1", today },
      cipher,
      { kind: "advanced_age", month, visitWithinMonths: 6 },
      { name: `六工镇高龄补贴发放花名册-${month}.xlsx`, sha256: "demo" },
      sheet,
    ),
  );
}
