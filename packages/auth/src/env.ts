import { z } from "zod";

const ZAuthEnvSchema = z.object({
  // A social worker's day in the field: idle sessions end after 2 hours, every session after 12.
  SHEGONG_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SHEGONG_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
});

export type TAuthEnv = z.infer<typeof ZAuthEnvSchema>;

export function readAuthEnv(env: NodeJS.ProcessEnv = process.env): TAuthEnv {
  return ZAuthEnvSchema.parse({
    SHEGONG_SESSION_IDLE_MINUTES: env.SHEGONG_SESSION_IDLE_MINUTES || undefined,
    SHEGONG_SESSION_ABSOLUTE_HOURS: env.SHEGONG_SESSION_ABSOLUTE_HOURS || undefined,
  });
}

let current: { key: string; env: TAuthEnv } | undefined;

/** readAuthEnv for every request: parsed again only when the variables change. */
export function currentAuthEnv(): TAuthEnv {
  const key = `${process.env.SHEGONG_SESSION_IDLE_MINUTES ?? ""}|${process.env.SHEGONG_SESSION_ABSOLUTE_HOURS ?? ""}`;
  if (current?.key !== key) current = { key, env: readAuthEnv() };
  return current.env;
}
