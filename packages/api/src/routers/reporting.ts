import { INDICATORS, INDICATOR_IDS, ZIndicatorIdSchema, ZMonthSchema } from "@shegong/domain";
import { z } from "zod";
import { divisionReport, divisionTrend, stationReport } from "../reporting/read-rollups.ts";
import { authedProcedure, router } from "../trpc.ts";

// Aggregates above station level are read with the permission that already reads rollout
// coverage: counts only, never a person.
const aggregate = authedProcedure.meta({ access: "division", permission: "coverage.read" });
const division = z.object({ divisionCode: z.string().regex(/^\d{2,9}$/) });

/** Region-scale reporting (issue 7): indicators from the station × month rollup. */
export const reportingRouter = router({
  /** The indicator definitions (shared vocabulary). */
  indicators: authedProcedure.meta({ access: "user" }).query(() => INDICATOR_IDS.map((id) => INDICATORS[id])),

  division: aggregate.input(division.extend({ month: ZMonthSchema })).query(({ ctx, input }) => ctx.tx((tx) => divisionReport(tx, input.divisionCode, input.month))),

  trend: aggregate
    .input(division.extend({ indicator: ZIndicatorIdSchema, month: ZMonthSchema, months: z.number().int().min(1).max(24).default(12), dimension: z.string().max(40).optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => divisionTrend(tx, input.divisionCode, input.indicator, input.month, input.months, input.dimension))),

  station: authedProcedure
    .meta({ access: "station", permission: "workspace.read" })
    .input(z.object({ stationId: z.uuid(), month: ZMonthSchema, months: z.number().int().min(1).max(24).default(12) }))
    .query(({ ctx, input }) => ctx.tx((tx) => stationReport(tx, input.stationId, input.month, input.months))),
});
