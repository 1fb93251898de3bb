export * from "./schema.ts";
export * from "./database.ts";
export * from "./tenant.ts";
export * from "./migrate.ts";
export * from "./divisions.ts";
export { readDbEnv, type TDbEnv } from "./env.ts";
export * from "./audit.ts";
export * from "./bulk-insert.ts";
export * from "./embedded-statistics.ts";
