import { fileURLToPath } from "node:url";
import { createApp } from "./app.ts";
import { prepareDatabase, prepareFileStore, preparePersonalData } from "./bootstrap.ts";
import { readServerEnv } from "./env.ts";
import { listen } from "./listen.ts";
import { startRollupRefresher } from "./rollup-refresher.ts";

const env = readServerEnv();
const started = Date.now();
const pii = preparePersonalData(env);
const database = await prepareDatabase(env, pii);
const webDist = env.SHEGONG_WEB_DIST ?? fileURLToPath(new URL("../../web/dist", import.meta.url));
const app = createApp({
  database,
  pii,
  files: prepareFileStore(env),
  maxBodyBytes: env.SHEGONG_MAX_BODY_BYTES,
  handlerTimeoutMs: env.SHEGONG_HANDLER_TIMEOUT_MS,
  trustProxy: env.SHEGONG_TRUST_PROXY === "true",
  webDist,
});
const running = listen(app.fetch, { port: env.PORT, hostname: env.HOST });
void running.ready.then((info) => {
  console.log(`Shegong on http://${info.address === "127.0.0.1" ? "localhost" : info.address}:${info.port} (${database.kind}, ready in ${Date.now() - started} ms)`);
});

const stopRollups = startRollupRefresher(database, env.SHEGONG_ROLLUP_REFRESH_SECONDS * 1000, console.error);

// Requests in flight finish (up to the grace period) before the database closes under them.
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight, then stopping`);
  await running.stop(env.SHEGONG_SHUTDOWN_GRACE_MS);
  await stopRollups();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
