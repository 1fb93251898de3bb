import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { citizenIdCheckChar } from "@shegong/domain";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn, signOut } from "./demo-session.ts";
import { writeLedgerWorkbook } from "./ledger-workbook.ts";

/** The demo registry's advanced-age people (seed): 马秀兰, born 1938, and 张德福, born 1941. */
const demoId = (birth: string, serial: number) => {
  const first17 = `652301${birth}${String(serial).padStart(3, "0")}`;
  return first17 + citizenIdCheckChar(first17);
};

/**
 * Issue 6 in the browser: the station head verifies a bank's roster, filters the worklist by rule,
 * assigns a finding to a worker and settles it with a note, exports the report, signs it off and
 * sends it to the county bureau; the city bureau then sees the station's counts, signed and sent.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("payout verification", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let workDir: string;
  let rosterPath: string;
  const option = (text: string) => page.locator(".ant-select-item-option").filter({ hasText: text }).first();
  const settled = async (shown: ReturnType<Page["locator"]>) => {
    await shown.waitFor();
    await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "shegong-payout-"));
    rosterPath = join(workDir, "六工镇2026年6月高龄补贴发放花名册.xlsx");
    await writeLedgerWorkbook(
      rosterPath,
      [
        ["六工镇2026年6月高龄补贴发放花名册", null, null, null, null],
        ["序号", "户名", "公民身份号码", "银行账号", "发放金额（元）"],
        [1, "马秀兰", demoId("19380412", 22), "6217002940001234", 100],
        [2, "张德福", demoId("19410730", 31), "6217002940005678", 150],
        ["合计", null, null, null, 250],
      ],
      ["A1:E1"],
    );
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "liugong.admin");
    await page.waitForURL("**/station/*");
  });

  afterAll(async () => {
    await session?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("verifies a roster: the amount off the standard is found", async () => {
    await page.locator("[data-testid=station-nav-payouts]").click();
    await page.locator("[data-testid=payouts-page]").waitFor();
    // The demo's own roster of last month is there from the start.
    await expect.poll(() => page.locator("[data-testid=payouts-rosters]").textContent()).toContain("六工镇高龄补贴发放花名册");
    await page.locator("[data-testid=payouts-month]").fill("2026-06");
    await page.locator("[data-testid=payouts-page] input[type=file]").setInputFiles(rosterPath);
    await expect.poll(() => page.locator("[data-testid=payouts-verified]").textContent()).toContain("金额与标准不符1");
    await expect.poll(() => page.locator("[data-testid=payouts-worklist]").textContent()).toContain("张德福");
  });

  it("filters by rule, assigns the finding and settles it with a note", async () => {
    await page.locator("[data-testid=payouts-rule-filter]").click();
    await option("金额与标准不符").click();
    const worklist = page.locator("[data-testid=payouts-worklist]");
    // The filtered list replaces the whole one: wait for its one row, not the "no data" row between.
    await expect.poll(() => worklist.textContent()).toContain("标准为100.00元，实发150.00元");
    await expect.poll(() => worklist.locator("tbody tr:not(.ant-table-placeholder)").count()).toBe(1);
    await worklist.locator("[data-testid=payouts-open-item]").click();
    const item = page.locator("[data-testid=payouts-item]");
    await settled(item);
    await item.locator("[data-testid=payouts-assign]").click();
    await option("驻站社工 李娜").click();
    await expect.poll(() => item.textContent()).toMatch(/经办人.*驻站社工 李娜/);
    await item.locator("[data-testid=payouts-outcome]").click();
    await option("追回多发").click();
    await item.locator("[data-testid=payouts-note]").fill("银行按90岁档发放，已通知追回多发的50元");
    await item.locator("[data-testid=payouts-settle]").click();
    await expect.poll(() => item.textContent()).toContain("办结人");
    await page.screenshot({ path: join(ARTIFACTS, "payouts-item.png"), fullPage: true });
    await page.locator(".ant-drawer-close").click();
    await item.waitFor({ state: "hidden" });
    await expect.poll(() => worklist.textContent()).toContain("追回多发");
  });

  it("exports the report, signs it off (frozen, fingerprinted) and sends it to the county bureau", async () => {
    const row = page.locator("[data-testid=payouts-rosters] tbody tr").filter({ hasText: "2026-06" });
    await row.locator("[data-testid=payouts-open-report]").click();
    const report = page.locator("[data-testid=payout-report]");
    await report.waitFor();
    await expect.poll(() => report.locator("[data-testid=payout-report-settled]").textContent()).toContain("张德福");
    await report.locator("[data-testid=payout-report-draft]").waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), report.locator("[data-testid=payout-report-export]").click()]);
    expect(download.suggestedFilename()).toMatch(/2026-06高龄补贴发放核对报告\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join("|");
    expect(cells).toContain("草稿（未签发）");
    expect(cells).toContain("追回多发");

    await report.locator("[data-testid=payout-report-sign]").click();
    await page.locator("[data-testid=payout-report-sign-confirm]").click();
    await expect.poll(() => report.locator("[data-testid=payout-report-signature]").textContent()).toMatch(/SHA-256 [0-9a-f]{64}.*内容与指纹一致/);
    await report.locator("[data-testid=payout-report-to]").click();
    await option("市（县）民政局").click();
    await report.locator("[data-testid=payout-report-send]").click();
    await expect.poll(() => report.locator("[data-testid=payout-report-signature]").textContent()).toContain("已报送市（县）民政局");
    await page.screenshot({ path: join(ARTIFACTS, "payouts-report.png"), fullPage: true });
  });

  it("the city bureau sees the station's counts, the report signed and sent, and no names", async () => {
    await signOut(page);
    await signIn(page, "changji.city");
    await page.waitForURL(/\/(console|region)\//);
    await page.goto(`${session!.server.baseUrl}/console/652301/payouts`);
    const summary = page.locator("[data-testid=payout-summary-page]");
    await summary.waitFor();
    await page.locator("[data-testid=payout-summary-month]").fill("2026-06");
    await expect.poll(() => summary.textContent()).toContain("已报送 1");
    const text = (await summary.textContent()) ?? "";
    expect(text).toContain("六工镇");
    expect(text).not.toContain("张德福");
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
