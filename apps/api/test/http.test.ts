import { createPersonalDataCipher, hashPassword } from "@shegong/auth";
import { withOwnerScope } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { createDiskFileStore, onboardStations, createUser } from "@shegong/api";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";

const PASSWORD = "a long enough passphrase";
const ORIGIN = "http://localhost";

// Response bodies are read loosely here: the assertions are the schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

describe("HTTP surface", () => {
  let dbs: TestDatabases;
  let app: ReturnType<typeof createApp>;
  let stationId: string;

  beforeAll(async () => {
    dbs = await createTestDatabases();
    const passwordHash = await hashPassword(PASSWORD);
    stationId = await withOwnerScope(dbs.owner.db, "65", async (tx) => {
      const result = await onboardStations(tx, { scopeCode: "65", townshipCodes: ["652301105"], initialStatus: "onboarding" }, { userId: "00000000-0000-0000-0000-000000000000", username: "t", ip: "t" });
      const id = result.created[0]!.id;
      await createUser(tx, { username: "pref", displayName: "州", passwordHash, role: "prefecture_admin", divisionCode: "6523" }, null);
      await createUser(tx, { username: "station", displayName: "站", passwordHash, role: "station_admin", stationId: id }, null);
      return id;
    });
    app = createApp({ database: dbs.app, pii: createPersonalDataCipher(new Uint8Array(32).fill(3)), files: createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-http-files-"))), maxBodyBytes: 64 * 1024 });
  }, 60_000);
  afterAll(() => dbs?.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${path}`, { method: "POST", body, headers: { "content-type": "application/json", origin: ORIGIN, ...headers } });

  async function loginCookie(username: string): Promise<string> {
    const res = await post("/auth/login", JSON.stringify({ username, password: PASSWORD }));
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^shegong_session=[a-z2-7]{16}\.[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    return cookie.split(";")[0]!;
  }

  it("GET /healthz reports the database", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "ok", database: dbs.kind });
  });

  it("POST /auth/login sets the cookie; GET /auth/session reads it; POST /auth/logout ends it server-side", async () => {
    const cookie = await loginCookie("station");
    const session = await app.request(`${ORIGIN}/auth/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
    expect((await json(session)).user.username).toBe("station");
    expect((await post("/auth/logout", "", { cookie })).status).toBe(200);
    // The old cookie, replayed, is dead: the session was deleted on the server.
    expect((await app.request(`${ORIGIN}/auth/session`, { headers: { cookie } })).status).toBe(401);
  });

  it("a wrong password gets 401 with a stable code and a message in both languages", async () => {
    const res = await post("/auth/login", JSON.stringify({ username: "station", password: "not the password" }));
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({
      error: expect.objectContaining({ code: "AUTH_INVALID_CREDENTIALS", messageZh: "用户名或密码不正确", messageEn: expect.any(String) }),
    });
  });

  it("refuses a cross-origin POST before doing anything", async () => {
    const res = await post("/auth/login", JSON.stringify({ username: "station", password: PASSWORD }), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await json(res)).error.code).toBe("AUTH_ORIGIN");
    expect(res.headers.get("set-cookie")).toBeNull();
    const cookie = await loginCookie("pref");
    const sneaky = await app.request(`${ORIGIN}/trpc/stations.onboard`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, "sec-fetch-site": "cross-site" },
      body: JSON.stringify({ divisionCode: "6523", townshipCodes: ["652301104"], idempotencyKey: "abcdefgh1" }),
    });
    expect(sneaky.status).toBe(403);
    const count = await dbs.owner.db.selectFrom("station").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("malformed JSON and oversized bodies get clear errors", async () => {
    const bad = await post("/auth/login", "{not json");
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe("BAD_JSON");
    const big = await post("/auth/login", JSON.stringify({ username: "x", password: "y".repeat(100 * 1024) }));
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe("BODY_TOO_LARGE");
    const bigTrpc = await post("/trpc/stations.onboard", JSON.stringify({ divisionCode: "6523", pad: "x".repeat(100 * 1024) }));
    expect(bigTrpc.status).toBe(413);
    expect((await json(bigTrpc)).error.data).toMatchObject({ appCode: "BODY_TOO_LARGE", messageZh: "提交的内容过大" });
  });

  it("tRPC errors carry the app code and both messages; nothing changes on refusal", async () => {
    const cookie = await loginCookie("pref");
    const dup = await app.request(`${ORIGIN}/trpc/stations.onboard`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: ORIGIN },
      body: JSON.stringify({ divisionCode: "6523", townshipCodes: ["652301105"], idempotencyKey: "abcdefgh2" }),
    });
    expect(dup.status).toBe(409);
    const body = await json(dup);
    expect(body.error.data).toMatchObject({ appCode: "STATION_ALREADY_ONBOARDED", messageZh: expect.stringContaining("不能重复开通") });
    const invalid = await app.request(`${ORIGIN}/trpc/workspace.updateBranding`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await loginCookie("station"), origin: ORIGIN },
      body: JSON.stringify({ stationId, primaryColor: "not-a-colour", showSocialWorkMark: true, showVolunteerMark: false }),
    });
    expect(invalid.status).toBe(400);
    const invalidBody = await json(invalid);
    expect(invalidBody.error.data.appCode).toBe("VALIDATION");
    expect(invalidBody.error.data.fieldErrors.primaryColor).toBeDefined();
    const garbage = await app.request(`${ORIGIN}/trpc/stations.onboard`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: ORIGIN },
      body: "{oops",
    });
    expect(garbage.status).toBe(400);
  });

  it("unauthenticated tRPC calls are refused; API responses are not cached", async () => {
    const res = await app.request(`${ORIGIN}/trpc/me.get`);
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("serves a station's logo with the type sniffed from its bytes", async () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    const res = await app.request(`${ORIGIN}/trpc/workspace.updateBranding`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: await loginCookie("station"), origin: ORIGIN },
      body: JSON.stringify({ stationId, primaryColor: "#123456", showSocialWorkMark: true, showVolunteerMark: false, logoBase64: png }),
    });
    expect(res.status).toBe(200);
    const logo = await app.request(`${ORIGIN}/branding/${stationId}/logo`);
    expect(logo.status).toBe(200);
    expect(logo.headers.get("content-type")).toBe("image/png");
    expect((await app.request(`${ORIGIN}/branding/not-a-uuid/logo`)).status).toBe(404);
  });
});
