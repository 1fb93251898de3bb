import { publicProcedure, router } from "../trpc.ts";

/**
 * A constant through the whole Hono + tRPC stack and nothing else: the baseline the HTTP benchmark
 * (issue 7) measures a station read against, and a liveness probe that does not touch the database.
 */
export const healthRouter = router({
  ping: publicProcedure.query(() => ({ ok: true as const })),
});
