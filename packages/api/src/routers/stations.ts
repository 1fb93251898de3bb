import { STATION_STATUSES, ZIsoDateSchema } from "@shegong/domain";
import { z } from "zod";
import { changeStationStatus, listStatusHistory } from "../stations/change-station-status.ts";
import { findStations } from "../stations/find-stations.ts";
import { onboardStations } from "../stations/onboard-stations.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

const ZTownshipCode = z.string().regex(/^\d{9}$/, { message: "township codes have 9 digits" });

export const stationsRouter = router({
  list: authedProcedure
    .meta({ access: "division", permission: "station.read" })
    .input(
      z.object({
        divisionCode: z.string(),
        status: z.enum(STATION_STATUSES).optional(),
        query: z.string().trim().max(50).optional(),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => ctx.tx((tx) => findStations(tx, input))),

  /** One township, a list, or all under a county/prefecture (`allUnder`) in one action (R2, R8). */
  onboard: authedProcedure
    .meta({ access: "division", permission: "station.onboard", write: true })
    .input(
      z
        .object({
          divisionCode: z.string(),
          townshipCodes: z.array(ZTownshipCode).min(1).max(5000).optional(),
          allUnder: z.string().regex(/^\d{2}(\d{2}){0,2}$/).optional(),
          initialStatus: z.enum(["planned", "onboarding"]).default("onboarding"),
          idempotencyKey: ZIdempotencyKeySchema,
        })
        .refine((v) => (v.townshipCodes === undefined) !== (v.allUnder === undefined), {
          message: "give either townshipCodes or allUnder",
        }),
    )
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "stations.onboard", input }, () =>
          onboardStations(
            tx,
            {
              scopeCode: input.divisionCode,
              townshipCodes: input.townshipCodes,
              allUnder: input.allUnder,
              initialStatus: input.initialStatus,
            },
            { userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip },
          ),
        ),
      ),
    ),

  setStatus: authedProcedure
    .meta({ access: "station", permission: "station.status.change", write: true })
    .input(
      z.object({
        stationId: z.uuid(),
        status: z.enum(STATION_STATUSES),
        effectiveDate: ZIsoDateSchema,
        note: z.string().trim().max(500).default(""),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const result = await changeStationStatus(tx, {
          stationId: input.stationId,
          to: input.status,
          effectiveDate: input.effectiveDate,
          note: input.note,
          actorUserId: ctx.userId,
        });
        await auditFrom(ctx, input.stationId)(tx, { action: "station.status", target: input.status, detail: result });
        return result;
      }),
    ),

  history: authedProcedure
    .meta({ access: "station", permission: "station.read" })
    .input(z.object({ stationId: z.uuid() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listStatusHistory(tx, input.stationId))),
});
