import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { prepareDatabase, prepareFileStore, preparePersonalData } from "./bootstrap.ts";
import { readServerEnv } from "./env.ts";
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
  trustProxy: env.SHEGONG_TRUST_PROXY === "true",
  webDist,
});
const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Shegong on http://${info.address === "127.0.0.1" ? "localhost" : info.address}:${info.port} (${database.kind}, ready in ${Date.now() - started} ms)`);
});

const stopRollups = startRollupRefresher(database, env.SHEGONG_ROLLUP_REFRESH_SECONDS * 1000, console.error);

const shutdown = async () => {
  server.close();
  await stopRollups();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
