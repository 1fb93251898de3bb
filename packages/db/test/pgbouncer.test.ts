import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type ShegongDb } from "../src/database.ts";
import { withStation } from "../src/tenant.ts";
import { createTestDatabases, type TestDatabases } from "../src/test-db.ts";

/**
 * Issue 8 item 6: the server runs behind PgBouncer in transaction mode, where consecutive
 * transactions of one client land on whatever server connection is free and one server connection
 * serves many clients. Tenant settings must never outlive their transaction there. Proven with one
 * server connection shared by interleaved transactions of two stations.
 */
const BOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => existsSync(p));
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const ci = process.env.CI === "true" || process.env.CI === "1";
if (onPostgres && !BOUNCER && ci) throw new Error("CI=true: the PgBouncer test needs pgbouncer (apt-get install pgbouncer)");

async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        done(true);
      });
      socket.on("error", () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pgbouncer did not listen: ${log()}`);
}

describe.skipIf(!onPostgres || !BOUNCER)("behind PgBouncer in transaction mode (issue 8 item 6)", () => {
  let dbs: TestDatabases;
  let bouncer: ChildProcess;
  let pooled: ShegongDb;
  let dir: string;
  let log = "";
  let a: string;
  let b: string;

  beforeAll(async () => {
    dbs = await createTestDatabases("postgres");
    const target = new URL(dbs.url!);
    const port = await freePort();
    dir = mkdtempSync(join(tmpdir(), "shegong-pgbouncer-"));
    chmodSync(dir, 0o777);
    const user = decodeURIComponent(target.username || "postgres");
    writeFileSync(join(dir, "userlist.txt"), `"${user}" "${decodeURIComponent(target.password)}"\n`);
    // One server connection for everyone: every transaction below shares it.
    writeFileSync(
      join(dir, "pgbouncer.ini"),
      [
        "[databases]",
        `* = host=${target.hostname} port=${target.port || 5432}`,
        "[pgbouncer]",
        `listen_addr = 127.0.0.1`,
        `listen_port = ${port}`,
        "unix_socket_dir =",
        "auth_type = trust",
        `auth_file = ${join(dir, "userlist.txt")}`,
        "pool_mode = transaction",
        "default_pool_size = 1",
        "max_client_conn = 50",
        "ignore_startup_parameters = extra_float_digits",
        `pidfile = ${join(dir, "pgbouncer.pid")}`,
      ].join("\n") + "\n",
    );
    for (const f of ["userlist.txt", "pgbouncer.ini"]) chmodSync(join(dir, f), 0o644);
    // PgBouncer refuses to run as root.
    const [cmd, args] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", BOUNCER!, join(dir, "pgbouncer.ini")]] : [BOUNCER!, [join(dir, "pgbouncer.ini")]];
    bouncer = spawn(cmd, args as string[], { stdio: ["ignore", "pipe", "pipe"] });
    bouncer.stdout?.on("data", (c: Buffer) => (log += c.toString()));
    bouncer.stderr?.on("data", (c: Buffer) => (log += c.toString()));
    await waitForPort(port, bouncer, () => log);
    const via = new URL(target);
    via.hostname = "127.0.0.1";
    via.port = String(port);
    // The server's own handle, as DATABASE_URL would point it at the bouncer.
    pooled = await openDatabase({ role: "owner", connectionString: via.toString() });

    const rows = await dbs.owner.db
      .insertInto("station")
      .values([
        { division_code: "652301105", slug: "liugong", plaque_name: "昌吉市六工镇社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
        { division_code: "654002001", slug: "saybag", plaque_name: "伊宁市萨依布依街道社会工作服务站", status: "active", status_since: "2026-01-01", primary_color: "#b7282e" },
      ])
      .returning("id")
      .execute();
    [a, b] = rows.map((r) => r.id) as [string, string];
    await dbs.owner.db
      .insertInto("staff_member")
      .values([
        { station_id: a, display_name: "李娜", position: "驻站社工", qualification: null },
        { station_id: b, display_name: "阿依古丽", position: "驻站社工", qualification: null },
      ])
      .execute();
  }, 60_000);

  afterAll(async () => {
    await pooled?.close();
    bouncer?.kill("SIGTERM");
    await dbs?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("interleaved transactions of two stations over one server connection each see only their own rows", async () => {
    const backends = new Set<number>();
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const station = i % 2 === 0 ? a : b;
        return withStation(pooled.db, station, async (tx) => {
          const { rows } = await sql<{ pid: number; station: string; role: string }>`
            select pg_backend_pid() as pid, current_setting('app.station_id', true) as station, current_user as role, pg_sleep(0.002)`.execute(tx);
          backends.add(rows[0]!.pid);
          const staff = await tx.selectFrom("staff_member").select(["station_id", "display_name"]).execute();
          return { station, setting: rows[0]!.station, role: rows[0]!.role, staff };
        });
      }),
    );
    // One server connection served all forty: the sharing really happened.
    expect(backends.size).toBe(1);
    for (const s of seen) {
      expect(s.setting).toBe(s.station);
      expect(s.role).toBe("shegong_app");
      expect(s.staff).toEqual([{ station_id: s.station, display_name: s.station === a ? "李娜" : "阿依古丽" }]);
    }
  });

  it("nothing of a transaction survives it on the shared connection: no station, no role", async () => {
    await withStation(pooled.db, a, (tx) => tx.selectFrom("staff_member").selectAll().execute());
    const after = await sql<{ station: string | null; role: string }>`select current_setting('app.station_id', true) as station, current_user as role`.execute(pooled.db);
    expect(after.rows[0]!.station ?? "").toBe("");
    expect(after.rows[0]!.role).not.toBe("shegong_app");
    // And a failed transaction rolls its settings back too.
    await expect(
      withStation(pooled.db, b, async (tx) => {
        await tx.selectFrom("staff_member").selectAll().execute();
        throw new Error("the request failed");
      }),
    ).rejects.toThrow("the request failed");
    const afterFailure = await sql<{ station: string | null }>`select current_setting('app.station_id', true) as station`.execute(pooled.db);
    expect(afterFailure.rows[0]!.station ?? "").toBe("");
  });
});
