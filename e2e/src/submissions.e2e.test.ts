import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn, signOut } from "./demo-session.ts";

/** The last quarter that has ended, by the Beijing calendar the server uses. */
function lastEndedQuarter(): { year: number; quarter: string } {
  const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const q = Math.floor((m - 1) / 3);
  return q === 0 ? { year: y - 1, quarter: `${y - 1}-Q4` } : { year: y, quarter: `${y}-Q${q}` };
}

/**
 * Issue 5 item 6 in the browser: the contractor builds the station's quarterly ledger package,
 * downloads the workbook and submits it; the city bureau finds it on its review desk and returns
 * it with a comment; the contractor sees the comment and rebuilds a new version.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("quarterly ledger package", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let stationPath = "";
  const { year, quarter } = lastEndedQuarter();
  const COMMENT = "走访台账缺少季度末的入户记录，请补充后重新报送";

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "contractor.admin");
    await page.waitForURL("**/station/*");
    stationPath = new URL(page.url()).pathname;
  });

  afterAll(async () => {
    await session?.close();
  });

  const openQuarter = async () => {
    await page.locator("[data-testid=station-nav-quarterly]").click();
    await page.locator("[data-testid=quarterly-page]").waitFor();
    if (year !== new Date().getFullYear()) await page.locator("[data-testid=submission-year]").fill(String(year));
    await page.locator(`[data-testid=quarter-${quarter}]`).click();
    const panel = page.locator("[data-testid=quarter-panel]");
    await panel.waitFor();
    return panel;
  };

  it("the contractor builds the package, downloads the workbook and submits it", async () => {
    const panel = await openQuarter();
    await panel.locator("[data-testid=package-build]").click();
    await expect.poll(() => panel.locator("[data-testid=summary-table]").textContent()).toContain("走访次数");
    await expect.poll(() => panel.textContent()).toContain("草稿");

    const [download] = await Promise.all([page.waitForEvent("download"), panel.locator("[data-testid=package-download]").click()]);
    expect(download.suggestedFilename()).toMatch(/工作台账-第1版（草稿）\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(["季度汇总", "服务对象总台账", "巡访台账", "个案台账", "活动台账", "人员与培训", "资金"]));

    await panel.locator("[data-testid=package-submit]").click();
    await page.locator("[data-testid=package-submit-confirm]").click();
    await expect.poll(() => panel.textContent()).toContain("已报送待审核");
    await expect.poll(() => panel.locator("[data-testid=version-history]").textContent()).toMatch(/SHA-256 [0-9a-f]{16}/);
    // Frozen: nothing left to rebuild or submit.
    await expect.poll(() => panel.locator("[data-testid=package-build]").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "quarterly-submitted.png"), fullPage: true });
  });

  it("the city bureau returns it with a comment from its review desk", async () => {
    await signOut(page);
    await signIn(page, "changji.city");
    await page.waitForURL(/\/(console|region)\//);
    await page.locator(`a[href="/console/652301/submissions"]`).click();
    const desk = page.locator("[data-testid=review-page]");
    await desk.waitFor();
    if (year !== new Date().getFullYear()) await desk.locator("input").first().fill(String(year));
    const row = desk.locator("tbody tr").filter({ hasText: quarter }).filter({ hasText: "六工" }).filter({ hasText: "已报送待审核" });
    await expect.poll(() => row.count()).toBe(1);
    // Submitted after the 10th of the month after the quarter: marked late.
    await expect.poll(() => row.textContent()).toMatch(/逾期报送|按时报送/);
    await row.locator("[data-testid=review-open]").click();
    const drawer = page.locator("[data-testid=review-drawer]");
    await drawer.locator("[data-testid=summary-table]").waitFor();
    await drawer.locator("[data-testid=review-return]").click();
    await page.locator("[data-testid=review-comment-input]").fill(COMMENT);
    await page.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => drawer.locator("[data-testid=review-comment]").textContent()).toContain(COMMENT);
    await page.screenshot({ path: join(ARTIFACTS, "quarterly-returned.png"), fullPage: true });
    await page.locator(".ant-drawer-close").click();
    await expect.poll(() => desk.locator("tbody tr").filter({ hasText: quarter }).filter({ hasText: "六工" }).textContent()).toContain("已退回");
  });

  it("the contractor reads the comment and rebuilds the package as a new version", async () => {
    await signOut(page);
    await signIn(page, "contractor.admin");
    await page.waitForURL(`**${stationPath}`);
    const panel = await openQuarter();
    await expect.poll(() => panel.locator("[data-testid=returned-alert]").textContent()).toContain(COMMENT);
    await panel.locator("[data-testid=package-build]").click();
    await expect.poll(() => panel.locator("[data-testid=version-history]").textContent()).toContain("第 2 版");
    await expect.poll(() => panel.locator("[data-testid=version-1]").textContent()).toContain(COMMENT);
    await expect.poll(() => panel.locator("[data-testid=package-submit]").count()).toBe(1);
  });

  it("the year-end self-check: drafted from the data, narrative written, submitted and printable", async () => {
    await page.locator("[data-testid=station-nav-annual]").click();
    const annual = page.locator("[data-testid=annual-page]");
    await annual.waitFor();
    await annual.locator("[data-testid=annual-build]").click();
    await expect.poll(() => annual.locator("[data-testid=deliverables-table]").textContent()).toContain("驻站人员配备");
    const sections = { workDone: "全年开展入户走访和小组活动。", highlights: "建立特困人员分类台账。", problems: "驻站人员流动较大。", nextYearPlan: "加强督导和培训。" };
    for (const [section, text] of Object.entries(sections)) await annual.locator(`[data-testid=narrative-${section}]`).fill(text);
    await annual.locator("[data-testid=annual-save]").click();
    await annual.locator("[data-testid=annual-submit]").click();
    await page.locator(".ant-popconfirm .ant-btn-primary").click();
    await expect.poll(() => annual.textContent()).toContain("已报送待审核");
    // Submitted: the sections are text now, laid out to print.
    await expect.poll(() => annual.locator("[data-testid=narrative-problems]").textContent()).toContain("驻站人员流动较大");
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(ARTIFACTS, "annual-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
