import { resolve } from "node:path";
import { z } from "zod";

// The one place this package reads the environment (STYLE: env validated once per package).
const ZDbEnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // Optional separate login for the server's non-owner role (needed behind PgBouncer in transaction mode).
  APP_DATABASE_URL: z.string().url().optional(),
  SHEGONG_DATA_DIR: z.string(),
  SHEGONG_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export type TDbEnv = z.infer<typeof ZDbEnvSchema>;

export function readDbEnv(env: NodeJS.ProcessEnv = process.env): TDbEnv {
  return ZDbEnvSchema.parse({
    DATABASE_URL: env.DATABASE_URL || undefined,
    APP_DATABASE_URL: env.APP_DATABASE_URL || undefined,
    // Relative to where the person ran the command (pnpm runs scripts inside the package folder).
    SHEGONG_DATA_DIR: resolve(env.INIT_CWD || process.cwd(), env.SHEGONG_DATA_DIR || ".data"),
    SHEGONG_DB_POOL_SIZE: env.SHEGONG_DB_POOL_SIZE || undefined,
  });
}
