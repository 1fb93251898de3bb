import { findStationGrant } from "@shegong/auth";
import { todayInShanghai, ZAttendanceSchema, ZMonthSchema, ZStationingSchema, ZTrainingSchema } from "@shegong/domain";
import { z } from "zod";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite, ZReportYearSchema } from "../shared/station-procedures.ts";
import { attendanceMonthView, recordAttendance } from "../staff/attendance.ts";
import { compliancePanel, setStationing, staffOverview } from "../staff/staff-compliance.ts";
import { createTraining, listTrainings } from "../staff/training.ts";
import { authedProcedure, router, type AuthedContext } from "../trpc.ts";

const manage = authedProcedure.meta({ access: "station", permission: "staff.manage", write: true });
// Certificates are flagged this many days ahead; the panel lets a lead look further.
const ZWarningDaysSchema = z.number().int().min(1).max(365).optional();

function mayManageStaff(ctx: AuthedContext): boolean {
  return ctx.access.kind === "station" && findStationGrant(ctx.grants, "staff.manage", ctx.access.station) !== null;
}

/** Staff compliance (issue 5 item 4, R7, R16, R18): stationing, attendance, training and the panels. */
export const staffRouter = router({
  overview: stationRead
    .input(stationInput.extend({ warningDays: ZWarningDaysSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => staffOverview(tx, input.stationId, todayInShanghai(), input.warningDays))),

  setStationing: manage
    .input(stationInput.extend({ staffId: z.uuid(), stationing: ZStationingSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => setStationing(tx, actorOf(ctx, input.stationId), input.staffId, input.stationing))),

  /** A worker records their own day; the station lead records or corrects anyone's. */
  recordAttendance: stationWrite
    .input(stationInput.extend({ attendance: ZAttendanceSchema }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => recordAttendance(tx, actorOf(ctx, input.stationId), input.attendance, mayManageStaff(ctx)))),

  attendanceMonth: stationRead
    .input(stationInput.extend({ month: ZMonthSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => attendanceMonthView(tx, input.stationId, input.month, todayInShanghai()))),

  createTraining: manage
    .input(stationInput.extend({ training: ZTrainingSchema, idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "staff.createTraining", input }, () => createTraining(tx, actorOf(ctx, input.stationId), input.training))),
    ),

  trainings: stationRead
    .input(stationInput.extend({ year: ZReportYearSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => listTrainings(tx, input.stationId, input.year))),

  /** The bureaus' and township's panel over the stations under a division: counts, no names. */
  compliancePanel: authedProcedure
    .meta({ access: "division", permission: "staff.compliance" })
    .input(z.object({ divisionCode: z.string(), warningDays: ZWarningDaysSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => compliancePanel(tx, input.divisionCode, todayInShanghai(), input.warningDays))),
});
