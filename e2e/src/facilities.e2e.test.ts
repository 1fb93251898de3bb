import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn, signOut } from "./demo-session.ts";

/**
 * Issue 5 item 5 in the browser: Liugong's station head sees the readiness checklist, takes the
 * group room off the list (the checklist turns red), records a multi-use room (green again) and a
 * new revision of a house rule (the checklist names the new revision, the history keeps the old);
 * the prefecture bureau's panel shows Liugong ready and the demo's other station short.
 */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("facilities, signage and house rules", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  const okOf = (item: string) => page.locator(`[data-testid=readiness-${item}]`).getAttribute("data-ok");

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await signIn(page, "liugong.admin");
    await page.waitForURL("**/station/*");
  });

  afterAll(async () => {
    await session?.close();
  });

  it("records a room and the checklist follows", async () => {
    await page.locator("[data-testid=station-nav-facilities]").click();
    await expect.poll(() => page.locator("[data-testid=readiness-ready]").count()).toBe(1);
    await page.locator("[data-testid=remove-room-group_activity]").click();
    await page.locator("[data-testid=confirm-remove]").click();
    await expect.poll(() => okOf("group_room")).toBe("false");
    expect(await page.locator("[data-testid=readiness-not-ready]").textContent()).toContain("1");
    await page.locator("[data-testid=add-room]").click();
    // The dialog opens on a multi-use room, which serves group work as well as counselling.
    await page.locator("[data-testid=room-name]").fill("多功能活动室");
    await page.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => okOf("group_room")).toBe("true");
    await expect.poll(() => page.locator("[data-testid=readiness-ready]").count()).toBe(1);
    expect(await page.locator("[data-testid=rooms-table]").textContent()).toContain("多功能活动室");
  });

  it("revises a house rule: the new revision is in force and the old ones are kept", async () => {
    expect(await page.locator("[data-testid=readiness-volunteers]").textContent()).toContain("第 2 版");
    await page.locator("[data-testid=tab-house-rules]").click();
    await page.locator("[data-testid=revise-volunteers]").click();
    await page.locator("[data-testid=rule-body]").fill("第一条 志愿者须实名登记。\n第二条 冬季入户陪伴须两人同行。");
    await page.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => page.locator("[data-testid=readiness-volunteers]").textContent()).toContain("第 3 版");
    await expect.poll(() => page.locator("[data-testid=rule-current-volunteers]").textContent()).toContain("第 3 版");
    await page.locator("[data-testid=history-volunteers]").click();
    await expect.poll(() => page.locator("[data-testid=rule-history] .ant-list-item").count()).toBe(3);
    expect(await page.locator("[data-testid=rule-history]").textContent()).toContain("冬季入户陪伴须两人同行");
    await page.screenshot({ path: join(ARTIFACTS, "facilities.png"), fullPage: true });
  });

  it("the prefecture bureau's panel shows Liugong ready and another station short", async () => {
    await page.keyboard.press("Escape");
    await signOut(page);
    await signIn(page, "changji.pref");
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto(session!.server.baseUrl + "/console/6523/facilities");
    const table = page.locator("[data-testid=facility-readiness-table]");
    await expect.poll(() => table.textContent()).toContain("六工镇");
    const liugong = table.locator(".ant-table-row", { hasText: "六工镇" });
    expect(await liugong.textContent()).toContain("已就绪");
    await expect.poll(() => table.locator(".ant-table-row", { hasText: "例外" }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "facility-readiness.png"), fullPage: true });
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
