import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/root.ts";
import { createWorld, type World } from "./world.ts";

/**
 * The cross-tenant harness (foundation issue): every procedure, called by station A's members with
 * station B's ids (or by one prefecture over another's division), must answer NOT_FOUND or
 * FORBIDDEN. A procedure added without an entry here fails the completeness test below.
 */
type Caller = Awaited<ReturnType<World["as"]>>;
type Attack = (w: World) => Promise<unknown>[] | Promise<Promise<unknown>[]>;

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;

async function asMany(w: World, usernames: string[]): Promise<Caller[]> {
  return Promise.all(usernames.map((u) => w.as(u)));
}

// Station-scoped procedures are attacked by A's station admin, worker, inspector and contractor
// and by B's prefecture's neighbour (Ili); division-scoped ones by Ili's prefecture over Changji.
const STATION_ATTACKERS = ["a.admin", "a.worker", "a.inspector", "contractor.a", "ili.pref", "town.a"];

export const CROSS_TENANT: Record<string, Attack> = {
  "me.get": async () => [], // own data only: nothing of another tenant to name
  "me.changePassword": async () => [], // acts on the caller alone
  "divisions.children": async () => [], // shared reference data
  "divisions.path": async () => [], // shared reference data
  "stations.list": async (w) => (await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.stations.list({ divisionCode: "6523" })),
  "stations.onboard": async (w) =>
    (await asMany(w, ["ili.pref", "a.admin", "city.sup"])).map((c) =>
      c.stations.onboard({ divisionCode: "6523", townshipCodes: ["652301103"], idempotencyKey: key() }),
    ),
  "stations.setStatus": async (w) =>
    (await asMany(w, [...STATION_ATTACKERS, "b.admin"])).map((c) =>
      c.stations.setStatus({ stationId: w.stations.b, status: "active", effectiveDate: "2026-11-26" }),
    ),
  "stations.history": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.stations.history({ stationId: w.stations.b })),
  "workspace.enter": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.workspace.enter({ stationId: w.stations.b })),
  "workspace.get": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.workspace.get({ stationId: w.stations.b })),
  "workspace.updateBranding": async (w) =>
    (await asMany(w, STATION_ATTACKERS)).map((c) =>
      c.workspace.updateBranding({ stationId: w.stations.b, primaryColor: "#000000", showSocialWorkMark: true, showVolunteerMark: true }),
    ),
  "coverage.byDivision": async (w) => (await asMany(w, ["ili.pref", "a.admin", "city.sup"])).map((c) => c.coverage.byDivision({ divisionCode: "6523" })),
  "users.station.list": async (w) => (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.list({ stationId: w.stations.b })),
  "users.station.create": async (w) =>
    (await asMany(w, STATION_ATTACKERS)).map((c) =>
      c.users.station.create({
        stationId: w.stations.b,
        username: `x${Math.random().toString(36).slice(2, 8)}`,
        displayName: "x",
        password: "a long enough passphrase",
        role: "social_worker",
        idempotencyKey: key(),
      }),
    ),
  "users.station.setDisabled": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.setDisabled({ stationId: w.stations.b, userId: victim, disabled: true }));
  },
  "users.station.sessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.sessions({ stationId: w.stations.b, userId: victim }));
  },
  "users.station.endSessions": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, STATION_ATTACKERS)).map((c) => c.users.station.endSessions({ stationId: w.stations.b, userId: victim })),
      // A's admin, on A's own station, naming B's worker: the user is outside A's scope.
      (await w.as("a.admin")).users.station.endSessions({ stationId: w.stations.a, userId: victim }),
    ];
  },
  "users.division.list": async (w) => (await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.users.division.list({ divisionCode: "6523" })),
  "users.division.create": async (w) =>
    [
      ...(await asMany(w, ["changji.pref", "a.admin"])).map((c) => ({ c, divisionCode: "6540", grant: "654002" })),
      ...(await asMany(w, ["ili.pref", "city.sup"])).map((c) => ({ c, divisionCode: "6523", grant: "652301" })),
      // Ili's prefecture, on its own division, granting a county of Changji.
      { c: await w.as("ili.pref"), divisionCode: "6540", grant: "652301" },
    ].map(({ c, divisionCode, grant }) =>
      c.users.division.create({
        divisionCode,
        username: `y${Math.random().toString(36).slice(2, 8)}`,
        displayName: "y",
        password: "a long enough passphrase",
        role: "county_supervisor",
        grantDivisionCode: grant,
        idempotencyKey: key(),
      }),
    ),
  "users.division.setDisabled": async (w) => {
    const victim = await bWorkerId(w);
    return [
      ...(await asMany(w, ["ili.pref", "a.admin"])).map((c) => c.users.division.setDisabled({ divisionCode: "6523", userId: victim, disabled: true })),
      // Ili's prefecture on its own division, naming Changji's worker.
      (await w.as("ili.pref")).users.division.setDisabled({ divisionCode: "6540", userId: victim, disabled: true }),
    ];
  },
  "users.division.sessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, ["ili.pref"])).map((c) => c.users.division.sessions({ divisionCode: "6540", userId: victim }));
  },
  "users.division.endSessions": async (w) => {
    const victim = await bWorkerId(w);
    return (await asMany(w, ["ili.pref"])).map((c) => c.users.division.endSessions({ divisionCode: "6540", userId: victim }));
  },
  "audit.list": async (w) => (await asMany(w, [...STATION_ATTACKERS, "region.viewer"])).map((c) => c.audit.list({ stationId: w.stations.b })),
};

async function bWorkerId(w: World): Promise<string> {
  const row = await w.dbs.owner.db.selectFrom("app_user").select("id").where("username", "=", "b.worker").executeTakeFirstOrThrow();
  return row.id;
}

function procedurePaths(): string[] {
  return Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
}

describe("cross-tenant harness", () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  }, 120_000);
  afterAll(() => world?.close());

  it("has an entry for every procedure", () => {
    const missing = procedurePaths().filter((p) => !(p in CROSS_TENANT));
    expect(missing).toEqual([]);
  });

  for (const path of Object.keys(CROSS_TENANT)) {
    it(`${path}: another tenant gets NOT_FOUND or FORBIDDEN`, async () => {
      const outcomes = await Promise.allSettled(await CROSS_TENANT[path]!(world));
      for (const outcome of outcomes) {
        const error = outcome.status === "rejected" ? outcome.reason : new Error(`succeeded: ${JSON.stringify(outcome.value).slice(0, 200)}`);
        expect((error as { code?: string }).code, String((error as Error).message)).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      }
    });
  }

  it("B's data is untouched after all the attempts", async () => {
    const b = await world.as("b.admin");
    const workspace = await b.workspace.get({ stationId: world.stations.b });
    expect(workspace.status).toBe("onboarding");
    expect(workspace.branding.primaryColor).toBe("#b7282e");
    const users = await b.users.station.list({ stationId: world.stations.b });
    expect(users.every((u) => !u.disabled)).toBe(true);
    expect(users.map((u) => u.username).sort()).toEqual(["b.admin", "b.worker"]);
  });
});
