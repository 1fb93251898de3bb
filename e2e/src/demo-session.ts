import { join } from "node:path";
import type { Page } from "playwright-core";
import { REPO_DIR } from "./shegong-server.ts";

/** Every demo account shares this password (demo seed). */
export const DEMO_PASSWORD = "shegong-demo-2026";
/** Screenshots for people to look at; not checked in (e2e/.gitignore). */
export const ARTIFACTS = join(REPO_DIR, "e2e", "artifacts");

export async function signIn(page: Page, username: string) {
  await page.locator("#login_username").fill(username);
  await page.locator("#login_password").fill(DEMO_PASSWORD);
  await page.locator("[data-testid=login-submit]").click();
}

export async function signOut(page: Page) {
  await page.locator("[data-testid=logout]").click();
  await page.locator("#login_username").waitFor();
}
