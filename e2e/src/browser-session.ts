import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { ARTIFACTS } from "./demo-session.ts";
import { startShegongServer, type RunningServer } from "./shegong-server.ts";

export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page: each test file ends by expecting none. */
  pageErrors: string[];
  /** What the page's Content-Security-Policy refused (an inline style without the nonce, …). */
  cspViolations: string[];
  close(): Promise<void>;
}

/**
 * A fresh server on the demo region and a Chromium page on it, in Chinese and Beijing time (a
 * desktop window unless the test gives a phone's viewport), at the login page.
 */
export async function openBrowserSession(options: BrowserContextOptions = {}): Promise<BrowserSession> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launchChromium();
  const server = await startShegongServer();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const cspViolations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${message.text()} (at ${page.url()}; ${message.location().url}:${message.location().lineNumber})`);
  });
  await page.goto(server.baseUrl + "/");
  return {
    server,
    browser,
    context,
    page,
    pageErrors,
    cspViolations,
    async close() {
      await context.close();
      await browser.close();
      await server.stop();
      // The app's policy allows no inline style or script: whatever a test did, nothing was refused.
      if (cspViolations.length > 0) throw new Error(`Content-Security-Policy refused:\n${cspViolations.join("\n")}`);
    },
  };
}
