// A throwaway PgBouncer in transaction mode in front of a PostgreSQL server (tests and benchmarks).
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./pg-throwaway.mjs";

export function findPgBouncer() {
  return ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => existsSync(p)) ?? null;
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * Starts PgBouncer (pool_mode = transaction, `poolSize` server connections per database and user)
 * for the server of `targetUrl`, trusting the users named (the throwaway clusters trust loopback).
 * Resolves to { url(user, database), stop() }, or null when pgbouncer is not installed.
 */
export async function startPgBouncer(targetUrl, { poolSize = 20, users = ["postgres"], maxClients = 500 } = {}) {
  const binary = findPgBouncer();
  if (!binary) return null;
  const target = new URL(targetUrl);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "shegong-pgbouncer-"));
  // PgBouncer runs as postgres and writes its pidfile here.
  chmodSync(dir, 0o777);
  const userlist = join(dir, "userlist.txt");
  writeFileSync(userlist, users.map((u) => `"${u}" ""`).join("\n") + "\n");
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=${target.hostname} port=${target.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${userlist}`,
      "pool_mode = transaction",
      `default_pool_size = ${poolSize}`,
      `max_client_conn = ${maxClients}`,
      "ignore_startup_parameters = extra_float_digits",
      `pidfile = ${join(dir, "pgbouncer.pid")}`,
    ].join("\n") + "\n",
  );
  for (const f of [userlist, ini]) chmodSync(f, 0o644);
  // PgBouncer refuses to run as root.
  const [cmd, args] = process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", binary, ini]] : [binary, [ini]];
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (c) => (log += c.toString()));
  child.stderr.on("data", (c) => (log += c.toString()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited ${child.exitCode}: ${log}`);
    if (await listening(port)) break;
    if (i > 100) throw new Error(`pgbouncer did not listen: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url(user = "postgres", database = target.pathname.slice(1)) {
      return `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`;
    },
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
