import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn } from "./demo-session.ts";

/**
 * Issue 5 items 4 and 9 in the browser: the station head sees staff compliance and records a
 * worker's day, posts news, and the public page (no login, no script) shows it; a member of the
 * public sends a suggestion, gets a reference, and the station finds it in its inbox.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("staff compliance and the public disclosure page", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let stationPath = "";

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "liugong.admin");
    await page.waitForURL("**/station/*");
    stationPath = new URL(page.url()).pathname;
  });

  afterAll(async () => {
    await session?.close();
  });

  it("shows each resident worker's qualification flags and records a day's attendance", async () => {
    await page.locator("[data-testid=station-nav-staff]").click();
    const table = page.locator("[data-testid=staff-compliance-table]");
    await expect.poll(() => table.textContent()).toContain("李娜");
    await expect.poll(() => table.locator("[data-testid=flag-needs_supervisor]").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "staff-compliance.png"), fullPage: true });
    await page.getByRole("tab", { name: "考勤" }).click();
    await page.locator("[data-testid=record-attendance]").click();
    await page.locator("[data-testid=check-in]").fill("09:30");
    await page.locator("[data-testid=check-out]").fill("19:00");
    await page.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => page.locator("[data-testid=attendance-table] .ant-table-row").allTextContents()).toContainEqual(expect.stringMatching(/9\.5/));
  });

  it("posts news that the public page shows at once, with no script and nothing refused by its policy", async () => {
    await page.locator("[data-testid=station-nav-disclosure]").click();
    await page.getByRole("tab", { name: "工作动态" }).click();
    await page.locator("[data-testid=new-news]").click();
    await page.locator("[data-testid=news-title]").fill("社工站冬季送温暖入户走访");
    await page.locator("[data-testid=news-body]").fill("本站走访辖区独居老人，检查取暖设施。");
    await page.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => page.locator("[data-testid=news-table]").textContent()).toContain("社工站冬季送温暖入户走访");
    const href = await page.locator("[data-testid=open-public-page]").getAttribute("href");
    expect(href).toMatch(/^\/p\/[a-z0-9-]+$/);
    const violationsBefore = session!.cspViolations.length;
    await page.goto(session!.server.baseUrl + href);
    await expect.poll(() => page.locator("h1").textContent()).toBe("昌吉市六工镇社会工作服务站");
    expect(await page.locator("#news").textContent()).toContain("社工站冬季送温暖入户走访");
    expect(await page.locator("script").count()).toBe(0);
    // The stylesheet and the hashed colour block are applied: the plaque is in the station's colour.
    expect(await page.locator("header.plaque").evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    expect(session!.cspViolations.slice(violationsBefore)).toEqual([]);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ARTIFACTS, "public-page.png"), fullPage: true });
  });

  it("a suggestion from the public gets a reference and lands in the station's inbox", async () => {
    await page.locator("#kind").selectOption("suggestion");
    await page.locator("#body").fill("建议周末也安排社工值班，方便上班的子女陪老人来咨询。");
    await page.locator("#messages button[type=submit]").click();
    const reference = (await page.locator(".receipt").textContent())?.trim() ?? "";
    expect(reference).toMatch(/^\d{8}-[0-9A-Z]{6}$/);
    await page.goto(session!.server.baseUrl + stationPath + "/disclosure");
    await page.locator("[data-testid=tab-inbox]").click();
    await expect.poll(() => page.locator("[data-testid=inbox-table]").textContent()).toContain(reference);
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
