import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn } from "./demo-session.ts";

/**
 * Issue 4 item 8 in the browser: a worker opens today's log (drafted from what she recorded), adds
 * what left no record, submits it, and reads the station's monthly report drafted from the records.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("work logs and the monthly report", () => {
  let session: BrowserSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "liugong.worker");
    await page.waitForURL("**/station/*");
  });

  afterAll(async () => {
    await session?.close();
  });

  it("completes and submits today's log by hand", async () => {
    await page.locator("[data-testid=station-nav-worklog]").click();
    await page.locator("[data-testid=worklog-day]").waitFor();
    await page.locator("[data-testid=worklog-add]").click();
    await page.locator("[data-testid=worklog-what]").last().fill("参加镇民政办例会");
    await page.locator("[data-testid=worklog-summary]").fill("整理台账，参加例会。");
    await page.locator("[data-testid=worklog-submit]").click();
    await expect.poll(() => page.locator("[data-testid=worklog-day] .ant-tag").first().textContent()).toBe("已提交");
    await expect(page.locator("[data-testid=worklog-what]").last().isDisabled()).resolves.toBe(true);
    await expect.poll(() => page.locator("[data-testid=worklog-total]").textContent()).toMatch(/当日合计 [\d.]+ 小时/);
  });

  it("shows the station's monthly report drafted from the records", async () => {
    const report = page.locator("[data-testid=monthly-report]");
    await report.scrollIntoViewIfNeeded();
    await expect.poll(() => report.locator("[data-testid=monthly-report-count]").textContent()).toMatch(/^\d+$/);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ARTIFACTS, "worklog-desktop.png"), fullPage: true });
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
