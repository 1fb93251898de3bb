import { createPersonalDataCipher, hashPassword, login, totpCodeAt, verifySecondFactor } from "@shegong/auth";
import { withOwnerScope } from "@shegong/db";
import { createTestDatabases, type TestDatabases } from "@shegong/db/test-db";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "@shegong/domain";
import { createDiskFileStore } from "../src/attachments/file-store.ts";
import { createCaller } from "../src/root.ts";
import { onboardStations } from "../src/stations/onboard-stations.ts";
import { createUser } from "../src/users/manage-users.ts";

export const PASSWORD = "correct horse battery staple";
/** A fixed test key: the tests read ciphertexts back with it. */
export const pii = createPersonalDataCipher(new Uint8Array(32).fill(42));

/** Two stations in Changji City and one in Ili, with an account for each role that matters. */
export interface World {
  dbs: TestDatabases;
  stations: { a: string; b: string; ili: string };
  contractorId: string;
  as(username: string): Promise<ReturnType<typeof createCaller>>;
  /** Drops the cached caller, so the next `as` signs in again: a new session. */
  forget(username: string): void;
  close(): Promise<void>;
}

export const LIUGONG = "652301105";
export const DAXIQU = "652301104";
export const ILI_TOWNSHIP = "654002001";

const ACCOUNTS: { username: string; role: Role; scope: "a" | "b" | "ili" | "changji" | "ili-pref" | "city" | "region" | "contractor" | "town-a" }[] = [
  { username: "a.admin", role: "station_admin", scope: "a" },
  { username: "a.worker", role: "social_worker", scope: "a" },
  { username: "a.inspector", role: "inspector", scope: "a" },
  { username: "b.admin", role: "station_admin", scope: "b" },
  { username: "b.worker", role: "social_worker", scope: "b" },
  { username: "ili.admin", role: "station_admin", scope: "ili" },
  { username: "changji.pref", role: "prefecture_admin", scope: "changji" },
  { username: "ili.pref", role: "prefecture_admin", scope: "ili-pref" },
  { username: "city.sup", role: "county_supervisor", scope: "city" },
  { username: "town.a", role: "township_officer", scope: "town-a" },
  { username: "region.admin", role: "region_admin", scope: "region" },
  { username: "region.viewer", role: "region_viewer", scope: "region" },
  { username: "contractor.a", role: "contractor_admin", scope: "contractor" },
];

export async function createWorld(): Promise<World> {
  const dbs = await createTestDatabases();
  const owner = dbs.owner.db;
  const passwordHash = await hashPassword(PASSWORD);
  const actor = { userId: "00000000-0000-0000-0000-000000000000", username: "test", ip: "127.0.0.1" };
  const ids = await withOwnerScope(owner, "65", async (tx) => {
    const created = await onboardStations(tx, { scopeCode: "65", townshipCodes: [LIUGONG, DAXIQU, ILI_TOWNSHIP], initialStatus: "onboarding" }, actor);
    const byCode = new Map(created.created.map((s) => [s.divisionCode, s.id]));
    const contractor = await tx.insertInto("contractor").values({ name: "测试社工机构", credit_code: null }).returning("id").executeTakeFirstOrThrow();
    const a = byCode.get(LIUGONG) as string;
    await tx.updateTable("station").set({ contractor_id: contractor.id }).where("id", "=", a).execute();
    const stations = { a, b: byCode.get(DAXIQU) as string, ili: byCode.get(ILI_TOWNSHIP) as string };
    const scopes = {
      a: { stationId: stations.a },
      b: { stationId: stations.b },
      ili: { stationId: stations.ili },
      changji: { divisionCode: "6523" },
      "ili-pref": { divisionCode: "6540" },
      city: { divisionCode: "652301" },
      "town-a": { divisionCode: LIUGONG },
      region: { divisionCode: "65" },
      contractor: { contractorId: contractor.id },
    } as const;
    for (const account of ACCOUNTS) {
      await createUser(
        tx,
        {
          username: account.username,
          displayName: account.username,
          passwordHash,
          role: account.role,
          expiresAt: account.role === "inspector" ? new Date(Date.now() + 86400_000) : undefined,
          ...scopes[account.scope],
        },
        null,
      );
    }
    return { stations, contractorId: contractor.id };
  });
  const callers = new Map<string, ReturnType<typeof createCaller>>();
  const recoveryCodes = new Map<string, string[]>();
  const files = createDiskFileStore(mkdtempSync(join(tmpdir(), "shegong-files-")));
  return {
    dbs,
    ...ids,
    async as(username: string) {
      const cached = callers.get(username);
      if (cached) return cached;
      const result = await login(dbs.app.db, { username, password: PASSWORD, ip: "10.0.0.1" });
      if (!result.ok) throw new Error(`login ${username}: ${result.code}`);
      // Accounts an administrator created in a test carry must_change_password (ASVS 5); the tests act
      // as if the person had already chosen their own (mfa.test.ts checks the gate itself).
      await dbs.owner.db.updateTable("app_user").set({ must_change_password: false }).where("id", "=", result.userId).execute();
      let token = result.token;
      // The caller carries the session's token, as a request carries its cookie: every call checks
      // the session (on PostgreSQL a station procedure in its transaction's opening round trip).
      const callerWith = async (t: string) =>
        createCaller({ database: dbs.app, pii, files, session: null, grants: [], sessionToken: t, ip: "10.0.0.1", userAgent: "vitest" });
      // Accounts that must have a second factor enrol through the real procedures, as a person would.
      if (result.mfa === "enrol") {
        const pending = await callerWith(token);
        const { secret } = await pending.me.mfa.beginEnrol();
        const { recoveryCodes: codes } = await pending.me.mfa.confirmEnrol({ code: totpCodeAt(secret) });
        recoveryCodes.set(username, codes);
      } else if (result.mfa === "verify") {
        const code = recoveryCodes.get(username)?.pop();
        const verified = await verifySecondFactor(dbs.app.db, pii, { sessionId: result.sessionId, userId: result.userId, username, ip: "10.0.0.1", recoveryCode: code });
        if (!verified.ok) throw new Error(`second factor ${username}: ${verified.code}`);
        token = verified.token;
      }
      const caller = await callerWith(token);
      callers.set(username, caller);
      return caller;
    },
    forget(username: string) {
      callers.delete(username);
    },
    close: () => dbs.close(),
  };
}
