import { ZVolunteerInputSchema } from "@shegong/domain";
import { z } from "zod";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZReportYearSchema } from "../shared/station-procedures.ts";
import { router } from "../trpc.ts";
import { listVolunteers, registerVolunteer, updateVolunteer } from "../volunteers/volunteer-registry.ts";

/** The volunteer registry and hours per volunteer and year (issue 4 item 6, R5). */
export const volunteersRouter = router({
  list: stationRead
    .input(stationInput.extend({ year: ZReportYearSchema }))
    .query(({ ctx, input }) =>
      ctx.tx((tx) => listVolunteers(tx, input.stationId, input.year, { maskPhones: ctx.access.kind !== "station" || ctx.access.supervisory })),
    ),

  create: stationWrite
    .input(stationInput.extend({ volunteer: ZVolunteerInputSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "volunteers.create", input }, () => registerVolunteer(tx, actorOf(ctx, input.stationId), input.volunteer))),
    ),

  update: stationWrite
    .input(stationInput.extend({ volunteerId: z.uuid(), version: z.number().int().min(1), volunteer: ZVolunteerInputSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => updateVolunteer(tx, actorOf(ctx, input.stationId), input.volunteerId, input.version, input.volunteer))),
});
