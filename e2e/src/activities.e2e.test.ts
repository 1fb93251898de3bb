import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { signIn } from "./demo-session.ts";

/**
 * Issue 4 items 5–7 in the browser: a worker registers a volunteer, records a publicity session with
 * a registered attendee, others by count and the volunteer's time, corrects it (the earlier version
 * stays visible), follows it up, and sees the supervision matrix.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("activities, volunteers and supervision", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let station = "";
  // Drawers slide and dialogs zoom in; a click during the animation lands beside its target.
  // A cancelled animation rejects `finished`: settled, not all fulfilled.
  const settled = async (shown: ReturnType<Page["locator"]>) => {
    await shown.waitFor();
    await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
  };
  const option = (text: string) => page.locator(".ant-select-item-option").filter({ hasText: text }).first();

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "liugong.worker");
    await page.waitForURL("**/station/*");
    station = new URL(page.url()).pathname.match(/\/station\/[0-9a-f-]{36}/)?.[0] ?? "";
  });

  afterAll(async () => {
    await session?.close();
  });

  it("registers a volunteer", async () => {
    await page.locator("[data-testid=station-nav-volunteers]").click();
    await page.locator("[data-testid=register-volunteer]").click();
    await settled(page.locator("[data-testid=volunteer-name]"));
    await page.locator("[data-testid=volunteer-name]").fill("韩梅梅");
    await page.locator("[data-testid=volunteer-phone]").fill("139 1111 2222");
    await page.getByRole("button", { name: "提交" }).click();
    await expect.poll(() => page.locator("[data-testid=volunteers-table]").textContent()).toContain("13911112222");
  });

  it("records a publicity session with attendance and volunteer time", async () => {
    await page.locator("[data-testid=station-nav-activities]").click();
    // The demo's activities are listed with their attendance.
    await expect.poll(() => page.locator("[data-testid=activities-table]").textContent()).toContain("暑期防溺水安全教育");
    await page.locator("[data-testid=record-activity]").click();
    const drawer = page.locator("[data-testid=activity-drawer]");
    await settled(drawer);
    await drawer.locator("[data-testid=activity-kind]").getByText("宣传教育").click();
    await drawer.locator("[data-testid=activity-topic]").fill("监护法律宣传进村");
    await drawer.locator("[data-testid=activity-place]").fill("东五工村村委会");
    await drawer.locator("[data-testid=activity-publicity-topic]").click();
    await option("监护法律宣传").click();
    await drawer.locator("[data-testid=attendee-picker]").click();
    await page.keyboard.type("马秀兰");
    await option("马秀兰").click();
    await drawer.locator("[data-testid=activity-others]").fill("25");
    await drawer.locator("[data-testid=activity-add-volunteer]").click();
    await drawer.locator("[data-testid=activity-volunteer-select]").click();
    await option("韩梅梅").click();
    await drawer.locator("[data-testid=activity-submit]").click();
    await page.locator("[data-testid=activity-page]").waitFor();
    await expect.poll(() => page.locator("[data-testid=activity-attendance]").textContent()).toBe("26 人（登记对象 1，其他 25）");
  });

  it("keeps the earlier version when the activity is corrected", async () => {
    await page.locator("[data-testid=edit-activity]").click();
    const drawer = page.locator("[data-testid=activity-drawer]");
    await settled(drawer);
    await drawer.locator("[data-testid=activity-topic]").fill("监护法律宣传进村（第二场）");
    await drawer.locator("[data-testid=activity-submit]").click();
    await expect.poll(() => page.locator("[data-testid=activity-revisions]").textContent()).toContain("第 1 版");
    await expect.poll(() => page.locator("[data-testid=activity-revisions]").textContent()).toContain("监护法律宣传进村（");
  });

  it("follows the activity up and shows the result", async () => {
    // The edit drawer has closed and the dialog has finished zooming in before anything is clicked in it.
    await page.locator("[data-testid=activity-drawer]").waitFor({ state: "hidden" });
    await page.locator("[data-testid=add-followup]").click();
    await settled(page.locator("[data-testid=followup-score]"));
    await page.locator("[data-testid=followup-score]").getByText("5 很满意").click();
    await page.getByRole("button", { name: "提交" }).click();
    await expect.poll(() => page.locator("[data-testid=satisfaction-line]").textContent()).toBe("回访 1 人次，平均 5.00 分，满意率 100%");
  });

  it("shows the volunteer's hours for the year and the supervision matrix", async () => {
    await page.goto(session!.server.baseUrl + station + "/volunteers");
    const row = page.locator("[data-testid=volunteers-table] tr", { hasText: "韩梅梅" });
    await expect.poll(() => row.textContent()).toContain("1.5 小时");
    await page.locator("[data-testid=station-nav-supervision]").click();
    await page.locator("[data-testid=supervision-matrix]").waitFor();
    await expect.poll(() => page.locator("[data-testid=supervision-matrix]").textContent()).toContain("驻站社工 李娜");
    expect(await page.locator("[data-testid=supervision-gap]").count()).toBeGreaterThan(0);
    expect(session!.pageErrors).toEqual([]);
  });
});
