import { todayInShanghai } from "@shegong/domain";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, validateSession } from "@shegong/auth";
import { createWorld, DAXIQU, LIUGONG, PASSWORD, type World } from "./world.ts";

const PNG_1x1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const key = () => `k${Math.random().toString(36).slice(2, 12)}`;

async function appCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    // Input validation fails before any procedure runs: tRPC wraps the ZodError (HTTP clients see appCode VALIDATION).
    (e: { appCode?: string; cause?: unknown }) => e.appCode ?? (e.cause instanceof ZodError ? "VALIDATION" : "NO_APP_CODE"),
  );
}

describe("onboarding and station lifecycle", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("onboards one township with the plan's plaque pattern, a pinyin slug and a dated first status", async () => {
    const pref = await world.as("changji.pref");
    const result = await pref.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301103"], idempotencyKey: key() });
    expect(result.created).toEqual([{ id: expect.any(String), divisionCode: "652301103", slug: "changjishi-erliugongzhen", plaqueName: "昌吉市二六工镇社会工作服务站" }]);
    const history = await pref.stations.history({ stationId: result.created[0]!.id });
    expect(history).toMatchObject([{ from_status: null, to_status: "onboarding", effective_date: todayInShanghai() }]);
  });

  it("refuses to onboard the same township twice, naming it, and changes nothing", async () => {
    const pref = await world.as("changji.pref");
    const before = await pref.stations.list({ divisionCode: "6523" });
    const error = await pref.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301100", LIUGONG], idempotencyKey: key() }).catch((e) => e);
    expect(error.code).toBe("CONFLICT");
    expect(error.appCode).toBe("STATION_ALREADY_ONBOARDED");
    expect(error.details).toMatchObject({ codes: [LIUGONG], plaqueNames: ["昌吉市六工镇社会工作服务站"] });
    expect((await pref.stations.list({ divisionCode: "6523" })).total).toBe(before.total);
  });

  it("refuses unknown and non-township codes with their own messages", async () => {
    const pref = await world.as("changji.pref");
    expect(await appCodeOf(pref.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301999"], idempotencyKey: key() }))).toBe("DIVISION_UNKNOWN");
    expect(await appCodeOf(pref.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301"], idempotencyKey: key() }))).toBe("VALIDATION");
    expect(await appCodeOf(pref.stations.onboard({ divisionCode: "6523", allUnder: "652301105", idempotencyKey: key() } as never))).toBe("VALIDATION");
    expect(await appCodeOf(pref.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301105001"], idempotencyKey: key() }))).toBe("VALIDATION");
  });

  it("onboards every township under a county in one action, leaving existing stations as they were", async () => {
    const pref = await world.as("changji.pref");
    const result = await pref.stations.onboard({ divisionCode: "6523", allUnder: "652301", idempotencyKey: key() });
    const towns = await world.dbs.owner.db.selectFrom("division").select("code").where("parent_code", "=", "652301").execute();
    expect(result.created.length + result.alreadyOnboarded.length).toBe(towns.length);
    expect(result.alreadyOnboarded.map((s) => s.divisionCode).sort()).toEqual(["652301103", DAXIQU, LIUGONG].sort());
    const list = await pref.stations.list({ divisionCode: "652301", pageSize: 200 });
    expect(list.total).toBe(towns.length);
    expect(new Set(list.items.map((s) => s.slug)).size).toBe(towns.length);
  });

  it("a retried onboarding with the same key does the work once and answers the same", async () => {
    const pref = await world.as("changji.pref");
    const k = key();
    const first = await pref.stations.onboard({ divisionCode: "6523", allUnder: "652302", idempotencyKey: k });
    const second = await pref.stations.onboard({ divisionCode: "6523", allUnder: "652302", idempotencyKey: k });
    expect(second).toEqual(JSON.parse(JSON.stringify(first)));
    expect(first.created.length).toBeGreaterThan(5);
    expect(await appCodeOf(pref.stations.onboard({ divisionCode: "6523", allUnder: "652323", idempotencyKey: k }))).toBe("IDEMPOTENCY_CONFLICT");
  });

  it("moves a station along its lifecycle with dated history, refusing impossible moves", async () => {
    const pref = await world.as("changji.pref");
    const today = todayInShanghai();
    expect(await appCodeOf(pref.stations.setStatus({ stationId: world.stations.b, status: "planned", effectiveDate: today }))).toBe("STATUS_TRANSITION");
    expect(await appCodeOf(pref.stations.setStatus({ stationId: world.stations.b, status: "active", effectiveDate: "2099-01-01" }))).toBe("VALIDATION");
    await pref.stations.setStatus({ stationId: world.stations.b, status: "active", effectiveDate: today, note: "workers stationed" });
    await pref.stations.setStatus({ stationId: world.stations.b, status: "suspended", effectiveDate: today });
    await pref.stations.setStatus({ stationId: world.stations.b, status: "active", effectiveDate: today });
    const history = await pref.stations.history({ stationId: world.stations.b });
    expect(history.map((h) => h.to_status)).toEqual(["active", "suspended", "active", "onboarding"]);
    const audit = await (await world.as("b.admin")).audit.list({ stationId: world.stations.b });
    expect(audit.filter((a) => a.action === "station.status")).toHaveLength(3);
    // A county supervisor reads but may not change status.
    expect(await appCodeOf((await world.as("city.sup")).stations.setStatus({ stationId: world.stations.b, status: "closed", effectiveDate: today }))).toBe("FORBIDDEN");
  });

  it("coverage counts township units with an active station, per county", async () => {
    const viewer = await world.as("region.viewer");
    const region = await viewer.coverage.byDivision({ divisionCode: "65" });
    expect(region.children).toHaveLength(15);
    const changji = region.children.find((c) => c.code === "6523")!;
    expect(changji.stations.active).toBe(1);
    expect(changji.coverage).toBeCloseTo(1 / changji.townships);
    expect(region.total.townships).toBe(1405);
    const city = await (await world.as("changji.pref")).coverage.byDivision({ divisionCode: "6523" });
    expect(city.children.find((c) => c.code === "652301")!.stations.active).toBe(1);
    expect(await appCodeOf((await world.as("changji.pref")).coverage.byDivision({ divisionCode: "65" }))).toBe("FORBIDDEN");
  });
});

describe("station workspace and branding", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("a station member opens the workspace with the plaque and no supervisor audit", async () => {
    const admin = await world.as("a.admin");
    const ws = await admin.workspace.enter({ stationId: world.stations.a });
    expect(ws).toMatchObject({ plaqueName: "昌吉市六工镇社会工作服务站", countyName: "昌吉市", prefectureName: "昌吉回族自治州", readOnly: false });
    expect(ws.permissions).toEqual(expect.arrayContaining(["workspace.write", "station.branding.edit", "users.manage"]));
    expect((await (await world.as("a.worker")).workspace.enter({ stationId: world.stations.a })).permissions).not.toContain("station.branding.edit");
    expect(ws.villageCount).toBeGreaterThan(5);
    const audit = await admin.audit.list({ stationId: world.stations.a });
    expect(audit.filter((a) => a.action === "workspace.enter")).toHaveLength(0);
  });

  it("a supervisor's entry is read-only and audited in the station's chain", async () => {
    for (const username of ["city.sup", "town.a", "a.inspector"]) {
      const ws = await (await world.as(username)).workspace.enter({ stationId: world.stations.a });
      expect(ws.readOnly).toBe(true);
    }
    const audit = await (await world.as("a.admin")).audit.list({ stationId: world.stations.a });
    expect(audit.filter((a) => a.action === "workspace.enter").map((a) => a.actorName).sort()).toEqual(["a.inspector", "city.sup", "town.a"]);
    // Region roles never enter a workspace: it would show personal data.
    expect(await appCodeOf((await world.as("region.admin")).workspace.enter({ stationId: world.stations.a }))).toBe("FORBIDDEN");
  });

  it("sets colours, marks and a logo; refuses a colour that is not one and an image that is not one", async () => {
    const admin = await world.as("a.admin");
    const base = { stationId: world.stations.a, showSocialWorkMark: true, showVolunteerMark: true };
    expect(await appCodeOf(admin.workspace.updateBranding({ ...base, primaryColor: "red" }))).toBe("VALIDATION");
    const notImage = Buffer.from("<html><script>alert(1)</script></html>").toString("base64");
    expect(await appCodeOf(admin.workspace.updateBranding({ ...base, primaryColor: "#1677ff", logoBase64: notImage }))).toBe("LOGO_NOT_IMAGE");
    const svgWithScript = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>').toString("base64");
    expect(await appCodeOf(admin.workspace.updateBranding({ ...base, primaryColor: "#1677ff", logoBase64: svgWithScript }))).toBe("LOGO_NOT_IMAGE");
    let ws = await admin.workspace.get({ stationId: world.stations.a });
    expect(ws.branding).toMatchObject({ primaryColor: "#b7282e", logoUrl: null });

    ws = await admin.workspace.updateBranding({ ...base, primaryColor: "#1677FF", logoBase64: PNG_1x1 });
    expect(ws.branding).toMatchObject({ primaryColor: "#1677ff", showVolunteerMark: true, logoUrl: expect.stringMatching(/^\/branding\//) });
    // A worker cannot change branding; a supervisor cannot either.
    for (const username of ["a.worker", "city.sup"]) {
      expect(await appCodeOf((await world.as(username)).workspace.updateBranding({ ...base, primaryColor: "#000000" }))).toBe("FORBIDDEN");
    }
  });
});

describe("accounts", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("a station admin creates a worker who must change the initial password; weak passwords are refused", async () => {
    const admin = await world.as("a.admin");
    const base = { stationId: world.stations.a, username: "new.worker", displayName: "新社工", role: "social_worker" as const };
    expect(await appCodeOf(admin.users.station.create({ ...base, password: "12345678", idempotencyKey: key() }))).toBe("PASSWORD_COMMON");
    expect(await appCodeOf(admin.users.station.create({ ...base, password: "short", idempotencyKey: key() }))).toBe("PASSWORD_TOO_SHORT");
    const k = key();
    const created = await admin.users.station.create({ ...base, password: "a long enough passphrase", idempotencyKey: k });
    const again = await admin.users.station.create({ ...base, password: "a long enough passphrase", idempotencyKey: k });
    expect(again.id).toBe(created.id);
    expect(await appCodeOf(admin.users.station.create({ ...base, password: "a long enough passphrase", idempotencyKey: key() }))).toBe("USER_EXISTS");
    const row = await world.dbs.owner.db.selectFrom("app_user").select("must_change_password").where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(true);
    // A station admin cannot mint a bureau role.
    expect(await appCodeOf(admin.users.station.create({ ...base, username: "sneaky", role: "region_admin", password: "a long enough passphrase", idempotencyKey: key() }))).toBe("FORBIDDEN");
  });

  it("disabling a user ends their sessions; an admin can list and end sessions", async () => {
    const admin = await world.as("a.admin");
    await world.as("a.worker");
    const users = await admin.users.station.list({ stationId: world.stations.a });
    const worker = users.find((u) => u.username === "a.worker")!;
    const sessions = await admin.users.station.sessions({ stationId: world.stations.a, userId: worker.id });
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    await admin.users.station.setDisabled({ stationId: world.stations.a, userId: worker.id, disabled: true });
    expect(await admin.users.station.sessions({ stationId: world.stations.a, userId: worker.id })).toEqual([]);
    const pref = await world.as("changji.pref");
    const listed = await pref.users.division.list({ divisionCode: "6523" });
    expect(listed.find((u) => u.username === "a.worker")?.disabled).toBe(true);
  });

  it("a user changes their own password: the current one is checked, weak ones refused, other sessions end", async () => {
    const me = await world.as("b.worker");
    expect(await appCodeOf(me.me.changePassword({ currentPassword: "wrong", newPassword: "another long passphrase" }))).toBe("AUTH_INVALID_CREDENTIALS");
    expect(await appCodeOf(me.me.changePassword({ currentPassword: PASSWORD, newPassword: "password" }))).toBe("PASSWORD_COMMON");
    expect(await appCodeOf(me.me.changePassword({ currentPassword: PASSWORD, newPassword: "b.worker" }))).toBe("PASSWORD_IS_USERNAME");
    expect(await appCodeOf(me.me.changePassword({ currentPassword: PASSWORD, newPassword: "short" }))).toBe("PASSWORD_TOO_SHORT");
    const other = await login(world.dbs.app.db, { username: "b.worker", password: PASSWORD, ip: "10.9.9.9" });
    if (!other.ok) throw new Error(other.code);
    await me.me.changePassword({ currentPassword: PASSWORD, newPassword: "another long passphrase" });
    expect(await validateSession(world.dbs.app.db, other.token)).toBeNull();
    expect((await login(world.dbs.app.db, { username: "b.worker", password: "another long passphrase", ip: "10.9.9.9" })).ok).toBe(true);
  });

  it("a prefecture creates a county supervisor within its prefecture only", async () => {
    const pref = await world.as("changji.pref");
    const created = await pref.users.division.create({
      divisionCode: "6523",
      username: "fukang.sup",
      displayName: "阜康市民政局",
      password: "a long enough passphrase",
      role: "county_supervisor",
      grantDivisionCode: "652302",
      idempotencyKey: key(),
    });
    expect(created.role).toBe("county_supervisor");
    expect(
      await appCodeOf(
        pref.users.division.create({
          divisionCode: "6523",
          username: "wrong.level",
          displayName: "x",
          password: "a long enough passphrase",
          role: "county_supervisor",
          grantDivisionCode: "6523",
          idempotencyKey: key(),
        }),
      ),
    ).toBe("VALIDATION");
  });
});
