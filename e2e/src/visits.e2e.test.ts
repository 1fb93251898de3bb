import { join } from "node:path";
import { BARTHEL_ITEM_KEYS, normalizeMultilineText, todayInShanghai } from "@shegong/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn } from "./demo-session.ts";

/** A 特困 elderly woman living alone in the demo registry, never visited: due (or late) from the start. */
const MA = "马秀兰";
const SUMMARY = "老人精神尚可，屋内取暖正常，提醒按时服药。";
/** A real 1×1 PNG: the photo taken at the door. */
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** Issue 4's browser test: a worker records a visit on a phone and the person leaves the due list. */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("visits on a phone-sized screen", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  const today = todayInShanghai();

  const maRow = () => page.locator("[data-testid=due-list-mine] [data-testid=due-row]", { has: page.locator("[data-testid=due-name]", { hasText: MA }) });

  beforeAll(async () => {
    session = await openBrowserSession({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it("lists a never-visited person as late or due in the worker's own list", async () => {
    await signIn(page, "liugong.worker");
    await page.waitForURL("**/station/*");
    await page.locator("[data-testid=station-nav-visits]").tap();
    await page.waitForURL("**/visits");
    // The list comes a page at a time, most urgent first; the search box finds her by name.
    const search = page.locator("[data-testid=due-list-mine] input[data-testid=due-search], [data-testid=due-list-mine] [data-testid=due-search] input");
    await search.fill(MA);
    await search.press("Enter");
    await maRow().waitFor();
    await expect.poll(() => page.locator("[data-testid=due-list-mine] [data-testid=due-row]").count()).toBe(1);
    await expect(maRow().getAttribute("data-status")).resolves.toMatch(/^(overdue|due_today)$/);
    const row = await maRow().textContent();
    expect(row).toContain("从未走访");
    expect(row).toContain("每月一次");
    // 马秀兰 lives alone: said on the list even though 特困 is monthly anyway.
    expect(row).toContain("独居");
  });

  it("records the visit on the phone form, checked with the domain's rules before sending", async () => {
    await maRow().locator("[data-testid=record-visit]").tap();
    const drawer = page.locator("[data-testid=visit-drawer]");
    await drawer.waitFor();
    // The drawer slides up from the bottom; taps during the slide land beside their targets.
    // A cancelled animation (a re-render mid-slide) rejects `finished`: settled, not all fulfilled.
    await page.evaluate(() => Promise.allSettled(document.getAnimations().map((a) => a.finished)));
    await expect.poll(() => drawer.locator("[data-testid=visit-date]").inputValue()).toBe(today);
    // The worker is on the visit by default (named once the member list has loaded).
    await expect.poll(() => drawer.locator("[data-testid=visit-workers]").textContent()).toContain("李娜");

    await drawer.locator("[data-testid=visit-mode] label", { hasText: "上门" }).tap();
    // A tap that lands while the form re-renders can be lost on a busy machine: tap until it took.
    const duration = drawer.locator("input[data-testid=visit-duration], [data-testid=visit-duration] input");
    await expect
      .poll(async () => {
        if ((await duration.inputValue()) !== "30") await drawer.locator("[data-testid=duration-30]").tap();
        return duration.inputValue();
      })
      .toBe("30");
    await drawer.locator("[data-testid=visit-summary]").fill(SUMMARY);

    // Three Barthel items, then submit: a partial assessment is refused, item by item.
    const pickLevel = async (key: string, index: number) => {
      const label = drawer.locator(`[data-testid=barthel-${key}] label.ant-radio-wrapper`).nth(index);
      await expect
        .poll(async () => {
          if (!(await label.locator("input").isChecked())) await label.tap();
          return label.locator("input").isChecked();
        })
        .toBe(true);
    };
    await pickLevel("feeding", 0);
    await pickLevel("bathing", 1);
    await pickLevel("stairs", 1);
    await expect.poll(() => drawer.locator("[data-testid=barthel-progress]").textContent()).toBe("已评 3/10 项");
    await drawer.locator("[data-testid=visit-submit]").tap();
    await expect.poll(() => drawer.locator(".ant-form-item-explain-error", { hasText: "须完成全部 10 项" }).count()).toBe(7);

    // The rest answered as independent: 100 − 5 (bathing) − 5 (stairs) = 90, mildly dependent.
    for (const key of BARTHEL_ITEM_KEYS.filter((k) => !["feeding", "bathing", "stairs"].includes(k))) await pickLevel(key, 0);
    await expect.poll(() => drawer.locator("[data-testid=barthel-total]").textContent()).toBe("总分 90 轻度依赖");

    await page.evaluate(() => document.fonts.ready);
    await drawer.locator(".ant-drawer-body").evaluate((body) => body.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "visit-form-phone.png") });

    // A photo from the phone's camera goes up with the visit.
    await drawer.locator("[data-testid=attachment-picker] input[type=file]").setInputFiles({ name: "入户照片.png", mimeType: "image/png", buffer: PHOTO });
    await expect.poll(() => drawer.locator("[data-testid=attachment-pending]").count()).toBe(1);

    await drawer.locator("[data-testid=visit-submit]").tap();
    await drawer.waitFor({ state: "detached" });
  });

  it("moves the person out of the late and due-today groups, due again a month on", async () => {
    await expect.poll(() => maRow().getAttribute("data-status")).toBe("later");
    const dueOn = await maRow().locator("[data-testid=due-on]").textContent();
    expect(dueOn! > today).toBe(true);
    await expect(page.locator("[data-testid=due-group-overdue]", { hasText: MA }).count()).resolves.toBe(0);
    await expect(page.locator("[data-testid=due-group-due_today]", { hasText: MA }).count()).resolves.toBe(0);
    await expect(maRow().textContent()).resolves.toContain(`上次走访：${today}`);

    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, "due-list-phone.png") });
    await maRow().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "due-list-visited-phone.png") });
  });

  it("names the calendar's months and weekdays in Chinese, the week from Monday", async () => {
    const calendar = page.locator("[data-testid=station-calendar]");
    await calendar.scrollIntoViewIfNeeded();
    const weekdays = await calendar.locator("thead th").allTextContents();
    expect(weekdays.map((d) => d.trim())).toEqual(["一", "二", "三", "四", "五", "六", "日"]);
    await expect(calendar.locator(".ant-picker-calendar-month-select").textContent()).resolves.toBe(`${Number(today.slice(5, 7))}月`);
    await expect(calendar.locator(".ant-picker-calendar-year-select").textContent()).resolves.toBe(`${today.slice(0, 4)}年`);
  });

  it("shows the visit on the person's page", async () => {
    await maRow().locator("[data-testid=due-name]").tap();
    await page.waitForURL("**/people/*");
    const visit = page.locator("[data-testid=person-visits] [data-testid=person-visit]");
    await expect.poll(() => visit.count()).toBe(1);
    const text = await visit.first().textContent();
    expect(text).toContain(today);
    expect(text).toContain("巡访");
    expect(text).toContain("上门");
    expect(text).toContain("30 分钟");
    // Stored as the domain folds text typed on a Chinese IME (full-width punctuation).
    expect(text).toContain(normalizeMultilineText(SUMMARY));
    await page.locator("[data-testid=person-visits]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "person-visits-phone.png") });

    // The photo is on the visit and opens in a preview.
    await visit.first().locator("[data-testid=visit-attachments]").tap();
    const item = visit.first().locator("[data-testid=attachment-item]");
    await expect.poll(() => item.count()).toBe(1);
    await expect(item.textContent()).resolves.toContain("入户照片.png");
    await item.locator("button").tap();
    await page.locator(".ant-image-preview img").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "visit-photo-phone.png") });
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
