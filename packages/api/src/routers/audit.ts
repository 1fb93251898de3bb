import { z } from "zod";
import { listAuditEvents } from "../audit/list-audit-events.ts";
import { authedProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  list: authedProcedure
    .meta({ access: "station", permission: "audit.read" })
    .input(z.object({ stationId: z.uuid(), limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listAuditEvents(tx, input.stationId, input.limit, input.beforeSeq))),
});
