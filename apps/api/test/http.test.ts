import { createPersonalDataCipher, hashPassword, totpCodeAt } from "@shegong/auth";
import { withOwnerScope } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { createDiskFileStore, onboardStations, createUser } from "@shegong/api";
import { mkdtempSync, writeFileSync } from "node:fs";
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
      await createUser(tx, { username: "worker", displayName: "社工", passwordHash, role: "social_worker", stationId: id }, null);
      await createUser(tx, { username: "county", displayName: "市", passwordHash, role: "county_supervisor", divisionCode: "652301" }, null);
      await createUser(tx, { username: "county2", displayName: "市二", passwordHash, role: "county_supervisor", divisionCode: "652301" }, null);
      return id;
    });
    app = createApp({ database: dbs.app, pii: createPersonalDataCipher(new Uint8Array(32).fill(3)), files: createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-http-files-"))), maxBodyBytes: 64 * 1024 });
  }, 60_000);
  afterAll(() => dbs?.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    app.request(`${ORIGIN}${path}`, { method: "POST", body, headers: { "content-type": "application/json", origin: ORIGIN, ...headers } });

  const sessionCookieOf = (res: Response): string => {
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^shegong_session=[a-z2-7]{16}\.[a-z2-7]{32};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    return cookie.split(";")[0]!;
  };

  const trpcPost = (path: string, cookie: string, body: unknown = {}) =>
    app.request(`${ORIGIN}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", cookie, origin: ORIGIN }, body: JSON.stringify(body) });

  /** Each account's authenticator key and unused recovery codes, once enrolled over HTTP. */
  const secondFactors = new Map<string, { secret: string; recoveryCodes: string[] }>();

  /** Enrols over HTTP as a person would: begin, scan (here: compute the code), confirm. */
  async function enrolOverHttp(username: string, cookie: string) {
    const begun = await trpcPost("me.mfa.beginEnrol", cookie);
    expect(begun.status).toBe(200);
    const { secret } = (await json(begun)).result.data;
    const confirmed = await trpcPost("me.mfa.confirmEnrol", cookie, { code: totpCodeAt(secret) });
    expect(confirmed.status).toBe(200);
    secondFactors.set(username, { secret, recoveryCodes: (await json(confirmed)).result.data.recoveryCodes });
  }

  /** A full sign-in: the password, then the second factor the account owes, if any. */
  async function loginCookie(username: string): Promise<string> {
    const res = await post("/auth/login", JSON.stringify({ username, password: PASSWORD }));
    expect(res.status).toBe(200);
    const cookie = sessionCookieOf(res);
    const { mfa } = await json(res);
    if (mfa === "enrol") await enrolOverHttp(username, cookie);
    if (mfa !== "required") return cookie;
    const verified = await post("/auth/mfa/verify", JSON.stringify({ recoveryCode: secondFactors.get(username)!.recoveryCodes.pop() }), { cookie });
    expect(verified.status).toBe(200);
    return sessionCookieOf(verified);
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

  it("a worker signs in with the password alone; a county supervisor must enrol before anything else", async () => {
    const worker = await post("/auth/login", JSON.stringify({ username: "worker", password: PASSWORD }));
    expect((await json(worker)).mfa).toBeUndefined();
    const res = await post("/auth/login", JSON.stringify({ username: "county", password: PASSWORD }));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ok: true, mfa: "enrol", user: { username: "county" } });
    const pending = sessionCookieOf(res);
    const session = await app.request(`${ORIGIN}/auth/session`, { headers: { cookie: pending } });
    expect(await json(session)).toMatchObject({ mfa: "enrol" });
    const refused = await app.request(`${ORIGIN}/trpc/me.get`, { headers: { cookie: pending } });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.data.appCode).toBe("MFA_ENROL_REQUIRED");
    const coverage = await app.request(`${ORIGIN}/trpc/coverage.byDivision?input=${encodeURIComponent(JSON.stringify({ divisionCode: "652301" }))}`, { headers: { cookie: pending } });
    expect(coverage.status).toBe(403);
    await enrolOverHttp("county", pending);
    expect((await app.request(`${ORIGIN}/trpc/me.get`, { headers: { cookie: pending } })).status).toBe(200);
  });

  it("an enrolled account's password-only session can do nothing but /auth/mfa/verify; a code works once", async () => {
    await loginCookie("county2"); // enrols
    const { secret } = secondFactors.get("county2")!;
    const res = await post("/auth/login", JSON.stringify({ username: "county2", password: PASSWORD }));
    expect(await json(res)).toMatchObject({ ok: true, mfa: "required" });
    const pending = sessionCookieOf(res);
    const refused = await app.request(`${ORIGIN}/trpc/me.get`, { headers: { cookie: pending } });
    expect(refused.status).toBe(401);
    expect((await json(refused)).error.data.appCode).toBe("MFA_REQUIRED");
    expect((await trpcPost("me.mfa.beginEnrol", pending)).status).toBe(401);
    // The enrolment code was for this time step: it cannot be replayed.
    const replay = await post("/auth/mfa/verify", JSON.stringify({ code: totpCodeAt(secret) }), { cookie: pending });
    expect(replay.status).toBe(401);
    expect((await json(replay)).error.code).toBe("MFA_CODE_INVALID");
    const next = totpCodeAt(secret, new Date(Date.now() + 30_000));
    const ok = await post("/auth/mfa/verify", JSON.stringify({ code: next }), { cookie: pending });
    expect(ok.status).toBe(200);
    const full = sessionCookieOf(ok);
    expect(full).not.toBe(pending);
    expect((await app.request(`${ORIGIN}/trpc/me.get`, { headers: { cookie: full } })).status).toBe(200);
    expect((await app.request(`${ORIGIN}/auth/session`, { headers: { cookie: pending } })).status).toBe(401);
    // A full session has nothing to verify.
    expect((await post("/auth/mfa/verify", JSON.stringify({ code: next }), { cookie: full })).status).toBe(400);
  });

  it("wrong codes end the waiting session after five, and then the account is throttled like a login", async () => {
    const res = await post("/auth/login", JSON.stringify({ username: "county2", password: PASSWORD }));
    const pending = sessionCookieOf(res);
    for (let i = 1; i <= 4; i++) expect((await post("/auth/mfa/verify", JSON.stringify({ code: "000000" }), { cookie: pending })).status).toBe(401);
    const fifth = await post("/auth/mfa/verify", JSON.stringify({ code: "000000" }), { cookie: pending });
    expect((await json(fifth)).error.code).toBe("AUTH_SESSION_EXPIRED");
    const again = sessionCookieOf(await post("/auth/login", JSON.stringify({ username: "county2", password: PASSWORD })));
    const throttled = await post("/auth/mfa/verify", JSON.stringify({ code: "000000" }), { cookie: again });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toMatch(/^\d+$/);
    const audit = await dbs.owner.db.selectFrom("audit_event").select(["action", "outcome"]).where("target", "=", "county2").where("action", "=", "mfa.verify").execute();
    expect(audit.filter((e) => e.outcome === "failure").length).toBeGreaterThanOrEqual(5);
    expect(audit.some((e) => e.outcome === "denied")).toBe(true);
  });

  it("unauthenticated tRPC calls are refused; API responses are not cached", async () => {
    const res = await app.request(`${ORIGIN}/trpc/me.get`);
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("the page and the API carry the CSP (no inline script or style; the page's styles by a one-time nonce), HSTS only outside localhost, no-store on the page", async () => {
    const webDist = mkdtempSync(join(tmpdir(), "shegong-web-"));
    writeFileSync(join(webDist, "index.html"), "<html><head></head><body></body></html>");
    const withPage = createApp({ database: dbs.app, pii: createPersonalDataCipher(new Uint8Array(32).fill(3)), files: createDiskFileStore(webDist), webDist });
    for (const path of ["/", "/station/00000000-0000-0000-0000-000000000000", "/healthz"]) {
      const res = await withPage.request(`${ORIGIN}${path}`);
      expect(res.status).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    // The page's style nonce is new with every load and is the one written into the page.
    const [first, second] = [await withPage.request(`${ORIGIN}/`), await withPage.request(`${ORIGIN}/`)];
    const nonceOf = (csp: string | null) => /style-src 'self' 'nonce-([A-Za-z0-9+/=]{24})'/.exec(csp ?? "")?.[1];
    const firstNonce = nonceOf(first.headers.get("content-security-policy"));
    expect(firstNonce).toBeDefined();
    expect(await first.text()).toContain(`<meta name="csp-nonce" content="${firstNonce}" />`);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(firstNonce);
    expect((await withPage.request(`${ORIGIN}/healthz`)).headers.get("content-security-policy")).toContain("style-src 'self';");
    expect((await withPage.request(`${ORIGIN}/`)).headers.get("cache-control")).toBe("no-store");
    const remote = await withPage.request("https://shegong.example.cn/healthz");
    expect(remote.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
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
