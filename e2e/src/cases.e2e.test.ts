import { join } from "node:path";
import { normalizeMultilineText } from "@shegong/domain";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn, signOut } from "./demo-session.ts";

/** An elderly man on the demo register (高龄, 低保) with no case of his own in the demo seed. */
const ZHANG = "张德福";
const PROBLEM = "老人独自在家时间长，近期情绪低落，子女外出务工。";
const NEEDS = "需要定期精神慰藉，协助联系子女每周通话。";
const GOAL = "每周与子女通话一次";
const MEASURE = "每周电话回访";
const SERVICE_NOTE = "上门陪伴聊天，协助老人与女儿视频通话。";
const CLOSURE_SUMMARY = "老人情绪好转，目标基本达成。";
const RETURN_COMMENT = "请先完成一次阶段评估再申请结案。";

/** R7 end to end: an unqualified worker's plan and closure go to her supervisor, who approves and returns them. */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("cases with supervision sign-off", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let casePath = "";
  let caseNo = "";

  const casePage = () => page.locator("[data-testid=case-page]");
  const dialog = (name: string) => page.locator(".ant-modal", { has: page.locator(`[data-testid=case-dialog-${name}]`) });
  const reviewItem = () => page.locator("[data-testid=review-item]", { hasText: caseNo });

  /** A click that lands while the page re-renders after a request can be lost: click until it took. */
  async function clickUntil(target: Locator, took: () => Promise<boolean>) {
    await expect
      .poll(async () => {
        if (!(await took())) await target.click({ timeout: 2_000 }).catch(() => undefined);
        return took();
      })
      .toBe(true);
  }

  /** Opens a case action's dialog from the buttons under the case's header. */
  async function openAction(action: string, dialogName = action) {
    const form = page.locator(`[data-testid=case-dialog-${dialogName}]`);
    await clickUntil(page.locator(`[data-testid=case-action-${action}]`), () => form.isVisible()).catch(async (error: unknown) => {
      await shoot(`failed-${action}.png`);
      throw error;
    });
    return dialog(dialogName);
  }

  async function submit(modal: Locator) {
    await modal.locator("[data-testid=form-modal-ok]").click();
    await modal.waitFor({ state: "detached" });
  }

  async function pickOption(select: Locator, label: string) {
    const option = page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label });
    await clickUntil(select, () => option.first().isVisible());
    await option.first().click();
  }

  async function shoot(name: string) {
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  }

  async function switchTo(username: string) {
    await signOut(page);
    await signIn(page, username);
    await page.waitForURL("**/station/*");
  }

  async function gotoCase() {
    await page.goto(session!.server.baseUrl + casePath);
    await casePage().waitFor();
  }

  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1280, height: 900 } });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it("opens a case for a person from their page", async () => {
    await signIn(page, "liugong.worker");
    await page.waitForURL("**/station/*");
    await page.locator("[data-testid=station-nav-people]").click();
    await page.waitForURL("**/people");
    await page.locator("[data-testid=people-table] a", { hasText: ZHANG }).click();
    await page.waitForURL("**/people/*");
    const card = page.locator("[data-testid=person-cases]");
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain("暂无个案");

    const form = page.locator("[data-testid=open-case-form]");
    await clickUntil(card.locator("[data-testid=person-open-case]"), () => form.isVisible());
    await form.locator("[data-testid=case-problem]").fill(PROBLEM);
    await page.locator(".ant-modal", { has: form }).locator("[data-testid=form-modal-ok]").click();

    await page.waitForURL("**/cases/*");
    casePath = new URL(page.url()).pathname;
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("intake");
    caseNo = (await page.locator("[data-testid=case-no]").textContent())!.replace("个案", "").trim();
    expect(caseNo).toMatch(/^\d{4}-\d{4}$/);
    await expect(casePage().textContent()).resolves.toContain(ZHANG);
    await expect(casePage().textContent()).resolves.toContain(normalizeMultilineText(PROBLEM));
  });

  it("records an assessment and proposes a plan with a goal", async () => {
    const assess = await openAction("assess");
    await assess.locator("[data-testid=case-field-needs]").fill(NEEDS);
    await submit(assess);
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("assessed");
    await expect.poll(() => casePage().textContent()).toContain(normalizeMultilineText(NEEDS));

    const plan = await openAction("plan");
    await plan.locator("[data-testid=case-goal]").fill(GOAL);
    await plan.locator("[data-testid=case-measure]").fill(MEASURE);
    const due = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await plan.locator("[data-testid=case-goal-due]").fill(due);
    await submit(plan);
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("plan_pending");
    const planCard = page.locator("[data-testid=case-plan]");
    await expect.poll(() => planCard.first().textContent()).toContain(GOAL);
    await expect(planCard.first().textContent()).resolves.toContain("待批");
  });

  it("turns the worker's approval into a request to her supervisor", async () => {
    const button = page.locator("[data-testid=case-action-approvePlan]");
    // 李娜 is not qualified to approve alone (R7): the button says it asks the supervisor.
    await expect.poll(() => button.textContent()).toContain("提交督导审批");
    const ok = page.locator("[data-testid=approve-plan-ok]");
    await clickUntil(button, () => ok.isVisible());
    await ok.click();
    const waiting = page.locator("[data-testid=case-pending-signoff]");
    await expect.poll(() => waiting.isVisible()).toBe(true);
    await expect(waiting.textContent()).resolves.toContain("王芳");
    // Still pending: the plan is not approved, and it cannot be sent twice.
    expect(await casePage().getAttribute("data-status")).toBe("plan_pending");
    await expect.poll(() => button.count()).toBe(0);
    await expect.poll(() => page.locator("[data-testid=case-event][data-kind=signoff_requested]").count()).toBe(1);
    await shoot("case-plan-waiting-desktop.png");
  });

  it("lets the supervisor approve the plan from her review queue", async () => {
    await switchTo("liugong.supervisor");
    await page.locator("[data-testid=station-nav-cases]").click();
    await page.waitForURL("**/cases");
    await reviewItem().waitFor();
    await expect(reviewItem().textContent()).resolves.toContain(GOAL);
    await expect(reviewItem().textContent()).resolves.toContain(ZHANG);
    await shoot("cases-review-queue-desktop.png");

    const modal = page.locator(".ant-modal", { has: page.locator("[data-testid=signoff-comment]") });
    await clickUntil(reviewItem().locator("[data-testid=signoff-approve]"), () => modal.isVisible());
    await submit(modal);
    await expect.poll(() => reviewItem().count()).toBe(0);
  });

  it("shows the worker her plan approved, then records a service with its duration", async () => {
    await switchTo("liugong.worker");
    await gotoCase();
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("plan_approved");
    await expect.poll(() => page.locator("[data-testid=case-plan]").first().textContent()).toContain("已批准");
    await expect(page.locator("[data-testid=case-pending-signoff]").count()).resolves.toBe(0);

    const service = await openAction("service");
    await pickOption(service.locator("[data-testid=case-service-area]"), "精神慰藉");
    await service.locator("[data-testid=case-duration] input, input[data-testid=case-duration]").first().fill("45");
    // The worker herself is on the service by default.
    await expect.poll(() => service.locator(".ant-select-selection-item", { hasText: "李娜" }).count()).toBeGreaterThan(0);
    await service.locator("[data-testid=case-field-note]").fill(SERVICE_NOTE);
    await submit(service);

    await expect.poll(() => casePage().getAttribute("data-status")).toBe("in_service");
    const record = page.locator("[data-testid=case-service]");
    await expect.poll(() => record.count()).toBe(1);
    const text = await record.first().textContent();
    expect(text).toContain("精神慰藉");
    expect(text).toContain("45分钟");
    expect(text).toContain(normalizeMultilineText(SERVICE_NOTE));
    await shoot("case-in-service-desktop.png");
  });

  it("sends the worker's closure to the supervisor, who returns it with a comment", async () => {
    const close = await openAction("close");
    await expect(page.locator(".ant-modal-title", { hasText: "结案" }).count()).resolves.toBeGreaterThan(0);
    await pickOption(close.locator("[data-testid=case-outcome]"), "目标达成");
    await close.locator("[data-testid=case-field-summary]").fill(CLOSURE_SUMMARY);
    await submit(close);
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("closure_pending");
    await expect.poll(() => page.locator("[data-testid=case-pending-signoff]").textContent()).toContain("王芳");

    await switchTo("liugong.supervisor");
    await page.locator("[data-testid=station-nav-cases]").click();
    await page.waitForURL("**/cases");
    await reviewItem().waitFor();
    await expect(reviewItem().textContent()).resolves.toContain(normalizeMultilineText(CLOSURE_SUMMARY));
    const modal = page.locator(".ant-modal", { has: page.locator("[data-testid=signoff-comment]") });
    await clickUntil(reviewItem().locator("[data-testid=signoff-return]"), () => modal.isVisible());
    // A return must say why.
    await modal.locator("[data-testid=form-modal-ok]").click();
    await expect.poll(() => modal.locator(".ant-form-item-explain-error").count()).toBe(1);
    await modal.locator("[data-testid=signoff-comment]").fill(RETURN_COMMENT);
    await submit(modal);
    await expect.poll(() => reviewItem().count()).toBe(0);
  });

  it("shows the worker the supervisor's comment on the case and in her list", async () => {
    await switchTo("liugong.worker");
    await gotoCase();
    await expect.poll(() => casePage().getAttribute("data-status")).toBe("in_service");
    const returned = page.locator("[data-testid=case-returned-alert]");
    await expect.poll(() => returned.textContent()).toContain(normalizeMultilineText(RETURN_COMMENT));
    await expect(returned.textContent()).resolves.toContain("王芳");
    await expect.poll(() => page.locator("[data-testid=case-event][data-kind=signoff_returned]").count()).toBe(1);
    // Handing the case on is the station lead's or the supervisor's call, not the worker's.
    await expect(page.locator("[data-testid=case-action-assign]").count()).resolves.toBe(0);
    await shoot("case-returned-desktop.png");

    await page.locator("[data-testid=station-nav-cases]").click();
    await page.waitForURL("**/cases");
    const row = page.locator("[data-testid=my-cases] tr", { hasText: caseNo });
    await row.waitFor();
    await expect(row.locator("[data-testid=case-returned]").count()).resolves.toBe(1);
    // The demo's sample case (seeded in service, plan approved by 王芳) is on her list too.
    const sample = page.locator("[data-testid=my-cases] tr", { hasText: "杨玉珍" });
    await sample.waitFor();
    await expect(sample.locator("[data-testid=case-status]").getAttribute("data-status")).resolves.toBe("in_service");
    await expect(sample.textContent()).resolves.toContain("1小时");
    await shoot("cases-page-desktop.png");
  });

  it("lets the supervisor hand the case to another worker", async () => {
    await switchTo("liugong.supervisor");
    await gotoCase();
    const assign = await openAction("assign");
    await pickOption(assign.locator("[data-testid=case-assign-worker]"), "王芳");
    await submit(assign);
    await expect.poll(() => page.locator("[data-testid=case-worker]").textContent()).toContain("王芳");
    const event = page.locator("[data-testid=case-event][data-kind=assigned]");
    await expect.poll(() => event.count()).toBe(1);
    await expect(event.textContent()).resolves.toContain("王芳");
    await shoot("case-reassigned-desktop.png");
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
