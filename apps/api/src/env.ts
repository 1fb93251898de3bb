import { AUDIT_RETENTION_MIN_MONTHS } from "@shegong/db";
import { z } from "zod";

const ZServerEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  // Demo accounts exist only on the embedded database unless asked for explicitly.
  SHEGONG_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
  SHEGONG_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  SHEGONG_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  // A handler answering later than this gets 503 REQUEST_TIMEOUT (uploads get 5 minutes).
  SHEGONG_HANDLER_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  // On SIGTERM/SIGINT, requests in flight get this long to finish before connections are cut.
  SHEGONG_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  SHEGONG_WEB_DIST: z.string().optional(),
  // base64 of 32 bytes; required on PostgreSQL, generated into the data folder on the embedded default.
  SHEGONG_PII_KEY: z.string().optional(),
  // Attachment bytes (photos, signed forms); default: the data folder's files/.
  SHEGONG_FILES_DIR: z.string().optional(),
  // How often the reporting rollups catch up with the writes.
  SHEGONG_ROLLUP_REFRESH_SECONDS: z.coerce.number().min(1).max(3600).default(5),
  // Where `pnpm shegong backup` writes (default: backups/ beside the data folder's parent, i.e. where the command runs).
  SHEGONG_BACKUP_DIR: z.string().default("backups"),
  // Audit events are kept at least this long (Cybersecurity Law art. 21: six months); shorter is refused.
  SHEGONG_AUDIT_RETENTION_MONTHS: z.coerce
    .number()
    .int()
    .min(AUDIT_RETENTION_MIN_MONTHS, `SHEGONG_AUDIT_RETENTION_MONTHS must be at least ${AUDIT_RETENTION_MIN_MONTHS}: audit logs are kept six months or more`)
    .default(12),
  // base64 of a 32-byte Ed25519 seed (pnpm shegong audit keygen): signs audit exports.
  SHEGONG_AUDIT_SIGNING_KEY: z.string().optional(),
});

export type TServerEnv = z.infer<typeof ZServerEnvSchema>;

export function readServerEnv(env: NodeJS.ProcessEnv = process.env): TServerEnv {
  return ZServerEnvSchema.parse({
    PORT: env.PORT || undefined,
    HOST: env.HOST || undefined,
    SHEGONG_DEMO: env.SHEGONG_DEMO || undefined,
    SHEGONG_MAX_BODY_BYTES: env.SHEGONG_MAX_BODY_BYTES || undefined,
    SHEGONG_TRUST_PROXY: env.SHEGONG_TRUST_PROXY || undefined,
    SHEGONG_HANDLER_TIMEOUT_MS: env.SHEGONG_HANDLER_TIMEOUT_MS || undefined,
    SHEGONG_SHUTDOWN_GRACE_MS: env.SHEGONG_SHUTDOWN_GRACE_MS || undefined,
    SHEGONG_WEB_DIST: env.SHEGONG_WEB_DIST || undefined,
    SHEGONG_PII_KEY: env.SHEGONG_PII_KEY || undefined,
    SHEGONG_FILES_DIR: env.SHEGONG_FILES_DIR || undefined,
    SHEGONG_ROLLUP_REFRESH_SECONDS: env.SHEGONG_ROLLUP_REFRESH_SECONDS || undefined,
    SHEGONG_BACKUP_DIR: env.SHEGONG_BACKUP_DIR || undefined,
    SHEGONG_AUDIT_RETENTION_MONTHS: env.SHEGONG_AUDIT_RETENTION_MONTHS || undefined,
    SHEGONG_AUDIT_SIGNING_KEY: env.SHEGONG_AUDIT_SIGNING_KEY || undefined,
  });
}
