import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { citizenIdCheckChar, maskCitizenId } from "@shegong/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession, type BrowserSession } from "./browser-session.ts";
import { ARTIFACTS, signIn } from "./demo-session.ts";
import { writeLedgerWorkbook } from "./ledger-workbook.ts";

/** A valid 18-character ID number of a Changji City resident (address code 652301). */
const citizenId = (birth: string, sequence: string) => {
  const first17 = `652301${birth}${sequence}`;
  return first17 + citizenIdCheckChar(first17);
};

const ZHANG = { name: "张淑珍", id: citizenId("19500315", "122") };
const MA = { name: "马德福", id: citizenId("19480702", "231") };
// A typo in the last digit: the check character no longer matches.
const good = citizenId("19520101", "111");
const TYPO = { name: "王小明", id: good.slice(0, 17) + (good.endsWith("1") ? "2" : "1") };

/** Issue 3's browser test: a worker imports a hand-kept ledger, then finds an imported person in the registers. */
describe.skipIf(process.env.SHEGONG_SKIP_BROWSER === "1")("registry and ledgers in a real browser", () => {
  let session: BrowserSession | undefined;
  let page: Page;
  let workDir: string;
  let ledgerPath: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "shegong-ledger-"));
    ledgerPath = join(workDir, "六工镇特困老人台账.xlsx");
    // Title row above the header (merged across it), header names as stations write them, one bad row.
    await writeLedgerWorkbook(
      ledgerPath,
      [
        ["六工镇特困老人台账（2026年）", null, null, null, null, null, null],
        ["序号", "姓名", "公民身份号码", "性别", "民族", "村（社区）", "纳入时间"],
        [1, ZHANG.name, ZHANG.id, "女", "汉族", "下六工村村委会", "2024-01-05"],
        [2, MA.name, MA.id.toLowerCase(), "男", "回族", null, "2023/6/1"],
        [3, TYPO.name, TYPO.id, "男", "汉族", null, null],
      ],
      ["A1:G1"],
    );
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("previews a hand-kept ledger with the bad row named by its Excel row number", async () => {
    await signIn(page, "liugong.worker");
    await page.waitForURL("**/station/*");
    await page.locator("[data-testid=station-nav-ledgers]").click();
    await page.waitForURL("**/ledgers");

    await page.locator("[data-testid=import-kind]").click();
    await page.locator('.ant-select-item-option[title="特困老人台账"]').click();
    await page.locator("[data-testid=import-wizard] input[type=file]").setInputFiles(ledgerPath);
    await page.locator("[data-testid=import-upload]").click();

    const preview = page.locator("[data-testid=import-preview]");
    await preview.waitFor();
    const count = (key: string) => page.locator(`[data-testid=import-count-${key}] .ant-statistic-content-value`).textContent();
    await expect(count("created")).resolves.toBe("2");
    await expect(count("rejected")).resolves.toBe("1");
    const errorRows = page.locator("[data-testid=import-errors] tbody tr.ant-table-row");
    await expect.poll(() => errorRows.count()).toBe(1);
    const error = await errorRows.first().textContent();
    // Row 5 as Excel shows it: a title row and the header sit above the data.
    expect(error).toMatch(/^5/);
    expect(error).toContain("校验位");
    const sample = await page.locator("[data-testid=import-sample] tbody").textContent();
    expect(sample).toContain(ZHANG.name);
    expect(sample).toContain(maskCitizenId(MA.id));

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ARTIFACTS, "import-preview.png"), fullPage: true });
  });

  it("commits the valid rows and lists the import in the history", async () => {
    await page.locator("[data-testid=import-commit]").click();
    const result = page.locator("[data-testid=import-result]");
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain("特困老人台账导入完成");
    const history = page.locator("[data-testid=import-history] tbody tr.ant-table-row");
    await expect.poll(() => history.count()).toBe(1);
    await expect(history.first().textContent()).resolves.toContain("六工镇特困老人台账.xlsx");
  });

  it("finds the imported person in the registers by pinyin initials", async () => {
    await page.locator("[data-testid=import-to-people]").click();
    await page.waitForURL("**/people");

    const search = page.getByPlaceholder("姓名、拼音首字母（如 zs）或身份证号后几位");
    await search.fill("zsz");
    await search.press("Enter");
    const rows = page.locator("[data-testid=people-table] tbody tr.ant-table-row");
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(ZHANG.name)]);
    const row = await rows.first().textContent();
    expect(row).toContain(maskCitizenId(ZHANG.id));
    expect(row).toContain("特困老人");
    expect(row).toContain("下六工村");

    // The 特困老人 register (the elderly group's first) holds her too, with the search still applied.
    await page.locator("[data-testid=register-groups] .ant-tabs-tab", { hasText: "老年人" }).click();
    await expect.poll(() => page.locator("[data-testid=register-categories] .ant-radio-button-wrapper-checked").textContent()).toMatch(/^特困老人\d+$/);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(ZHANG.name)]);
  });

  it("opens the person's page with the ID masked and the import on the timeline", async () => {
    await page.locator("[data-testid=register-groups] .ant-tabs-tab", { hasText: "全部服务对象" }).click();
    const rows = page.locator("[data-testid=people-table] tbody tr.ant-table-row");
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(ZHANG.name)]);
    await rows.first().click();
    await page.waitForURL("**/people/*");
    await expect(page.locator("[data-testid=person-name]").textContent()).resolves.toBe(ZHANG.name);
    await expect(page.locator("[data-testid=person-masked-id]").textContent()).resolves.toBe(maskCitizenId(ZHANG.id));
    // A social worker may not reveal full numbers (person.id.reveal), so the action is not offered.
    await expect(page.locator("[data-testid=reveal-id]").count()).resolves.toBe(0);
    const categories = await page.locator("[data-testid=person-categories]").textContent();
    expect(categories).toContain("特困老人");
    expect(categories).toContain("2024-01-05");
    await expect(page.locator("[data-testid=person-timeline]").textContent()).resolves.toContain("由特困老人台账第 3 行导入");
    await expect(page.locator("[data-testid=minor-marker]").count()).resolves.toBe(0);

    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(ARTIFACTS, "person.png"), fullPage: true });
  });

  it("raised no uncaught errors in the page", () => {
    expect(session?.pageErrors).toEqual([]);
  });
});
