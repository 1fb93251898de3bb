import { createPersonalDataCipher, hashPassword } from "@shegong/auth";
import { withOwnerScope, withStation } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { createDiskFileStore, createUser, onboardStations, publicPageCache, refreshStation } from "@shegong/api";
import { citizenIdCheckChar, todayInShanghai } from "@shegong/domain";
import { mkdtempSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";

const PASSWORD = "a long enough passphrase";
const ORIGIN = "http://localhost";
const withCheck = (first17: string) => first17 + citizenIdCheckChar(first17);
// Three people the page must never name: names, full IDs and the masked form the registry shows.
const PEOPLE = [
  { name: "阿依古丽·买买提", citizenId: withCheck("65230119400101212") },
  { name: "马秀英", citizenId: withCheck("65230119400303232") },
  { name: "王建国", citizenId: withCheck("65230119380708111") },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe("public disclosure page /p/<slug> (issue 5 item 9)", () => {
  let dbs: TestDatabases;
  let app: ReturnType<typeof createApp>;
  let stationId: string;
  let slug: string;

  beforeAll(async () => {
    dbs = await createTestDatabases();
    const passwordHash = await hashPassword(PASSWORD);
    ({ stationId, slug } = await withOwnerScope(dbs.owner.db, "65", async (tx) => {
      const result = await onboardStations(tx, { scopeCode: "65", townshipCodes: ["652301105"], initialStatus: "onboarding" }, { userId: "00000000-0000-0000-0000-000000000000", username: "t", ip: "t" });
      const id = result.created[0]!.id;
      const contractor = await tx.insertInto("contractor").values({ name: "昌吉市启航社会工作服务中心", credit_code: null }).returning("id").executeTakeFirstOrThrow();
      await tx.updateTable("station").set({ contractor_id: contractor.id }).where("id", "=", id).execute();
      await createUser(tx, { username: "worker", displayName: "社工", passwordHash, role: "social_worker", stationId: id }, null);
      await createUser(tx, { username: "org", displayName: "机构", passwordHash, role: "contractor_admin", contractorId: contractor.id }, null);
      const station = await tx.selectFrom("station").select("slug").where("id", "=", id).executeTakeFirstOrThrow();
      return { stationId: id, slug: station.slug };
    }));
    await dbs.owner.db.updateTable("app_user").set({ must_change_password: false }).execute();
    app = createApp({ database: dbs.app, pii: createPersonalDataCipher(new Uint8Array(32).fill(5)), files: createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-public-files-"))) });
    publicPageCache.clear();
  }, 60_000);
  afterAll(() => dbs?.close());

  async function login(username: string): Promise<string> {
    const res = await app.request(`${ORIGIN}/auth/login`, { method: "POST", headers: { "content-type": "application/json", origin: ORIGIN }, body: JSON.stringify({ username, password: PASSWORD }) });
    expect(res.status).toBe(200);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }
  const trpc = async (path: string, cookie: string, body: unknown) => {
    const res = await app.request(`${ORIGIN}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: ORIGIN }, body: JSON.stringify(body) });
    const data = await json(res);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(data)}`);
    return data.result.data;
  };
  const page = () => app.request(`${ORIGIN}/p/${slug}`);
  const postMessage = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}/p/${slug}/messages`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers }, body: new URLSearchParams(fields).toString() });

  it("serves the station's page without a login, with a strict policy and no script", async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).toContain("昌吉市六工镇社会工作服务站");
    expect(html).toContain("昌吉市启航社会工作服务中心");
    expect(html).toContain("最低生活保障（低保）");
    expect(html).toContain("高龄补贴");
    expect(html).not.toMatch(/<script|style="|onclick=/i);
    const css = html.match(/href="(\/p\/assets\/public-[0-9a-f]+\.css)"/)?.[1];
    const stylesheet = await app.request(`${ORIGIN}${css}`);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toMatch(/text\/css/);
    expect((await app.request(`${ORIGIN}/p/no-such-station`)).status).toBe(404);
    // A repeat within the cache's life is the same page, and a browser holding it gets 304.
    const etag = res.headers.get("etag")!;
    expect((await app.request(`${ORIGIN}/p/${slug}`, { headers: { "if-none-match": etag } })).status).toBe(304);
    // Browsers get it gzipped, the same page.
    const zipped = await app.request(`${ORIGIN}/p/${slug}`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8")).toBe(html);
  });

  it("names no one: people seeded in the registry appear nowhere on the page, and small counts show as <5", async () => {
    const worker = await login("worker");
    for (const person of PEOPLE) {
      await trpc("people.create", worker, { stationId, person, categories: [{ category: "elderly_advanced_age", startDate: "2025-01-01" }], idempotencyKey: `p${person.citizenId}` });
    }
    await withStation(dbs.owner.db, stationId, (tx) => refreshStation(tx, stationId, todayInShanghai()));
    publicPageCache.clear();
    const html = await (await page()).text();
    for (const person of PEOPLE) {
      expect(html).not.toContain(person.name);
      expect(html).not.toContain(person.citizenId);
      expect(html).not.toContain(person.citizenId.slice(-4));
      expect(html).not.toContain(person.citizenId.slice(0, 6) + "********");
    }
    expect(html).toMatch(/<b>&lt;5<\/b>在册服务对象/);
  });

  it("what the station edits shows at once: the cached page is dropped on each edit", async () => {
    expect((await page()).status).toBe(200);
    const org = await login("org");
    await trpc("disclosure.saveProfile", org, {
      stationId,
      profile: { address: "昌吉市六工镇便民服务中心二楼", openingHours: "周一至周五 10:00—19:30", phone: "0994-2345678", intro: "本站由昌吉市启航社会工作服务中心承接运营。" },
    });
    await trpc("disclosure.createNews", org, { stationId, news: { title: "重阳节敬老志愿服务活动", body: "本站联合志愿者开展重阳节敬老活动。", publishedOn: "2026-10-29" }, idempotencyKey: "news-0001" });
    await trpc("disclosure.saveExplainer", org, { stationId, topic: "advanced_age_allowance", explainer: { title: "高龄津贴（昌吉市）", conditions: "本地户籍、年满80周岁。", procedure: "向村（社区）提出申请。", standards: "按昌吉市公布标准按月发放。" } });
    const html = await (await page()).text();
    expect(html).toContain("昌吉市六工镇便民服务中心二楼");
    expect(html).toContain("0994-2345678");
    expect(html).toContain("重阳节敬老志愿服务活动");
    expect(html).toContain("高龄津贴（昌吉市）");
  });

  it("a complaint lands in the station's inbox with the reference shown to the sender", async () => {
    const res = await postMessage({ kind: "complaint", body: "上周三下午来站咨询时无人值守，希望公布值班电话。", contact: "13800001111" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    const html = await res.text();
    const reference = html.match(/class="receipt">(\d{8}-[0-9A-Z]{6})</)?.[1];
    expect(reference).toBeDefined();
    // Sent twice (a reload of the result page), it is stored once under the same reference.
    expect(await (await postMessage({ kind: "complaint", body: "上周三下午来站咨询时无人值守，希望公布值班电话。", contact: "13800001111" })).text()).toContain(reference!);
    const org = await login("org");
    const inbox = await app.request(`${ORIGIN}/trpc/disclosure.inbox?input=${encodeURIComponent(JSON.stringify({ stationId }))}`, { headers: { cookie: org } });
    const messages = (await json(inbox)).result.data;
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ reference, kind: "complaint", status: "new", contact: "13800001111" });
    // The contact is for the reply only: the public page never shows a message.
    publicPageCache.clear();
    expect(await (await page()).text()).not.toContain("13800001111");
  });

  it("refuses a cross-site post, a too-short or too-long message, then throttles a flood", async () => {
    expect((await postMessage({ kind: "suggestion", body: "希望增加周末开放时间。" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await postMessage({ kind: "suggestion", body: "希望增加周末开放时间。" }, { origin: "", "sec-fetch-site": "cross-site" })).status).toBe(403);
    const short = await postMessage({ kind: "suggestion", body: "好" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("内容至少5个字");
    expect((await postMessage({ kind: "suggestion", body: "长".repeat(1001) })).status).toBe(400);
    expect((await postMessage({ kind: "suggestion", body: "长".repeat(20_000) })).status).toBe(400);
    const outcomes: number[] = [];
    for (let i = 0; i < 6; i += 1) outcomes.push((await postMessage({ kind: "suggestion", body: `建议第${i}条：希望增加周末开放时间。` })).status);
    // The complaint and its resubmission above count too: five posts per address in the window.
    expect(outcomes).toEqual([200, 200, 200, 429, 429, 429]);
  });
});
