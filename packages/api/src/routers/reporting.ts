import { INDICATORS, INDICATOR_IDS, ZDivisionReportViewSchema, ZIndicatorIdSchema, ZMonthSchema, ZStationReportViewSchema } from "@shegong/domain";
import { z } from "zod";
import { divisionReport, divisionTrend, stationReport } from "../reporting/read-rollups.ts";
import { listSnapshots, snapshotReport } from "../reporting/report-snapshots.ts";
import { exportDivisionReport, exportStationReport, type ReportFile } from "../reporting/export-report.ts";
import { keptWhileRollupsUnchanged } from "../reporting/report-cache.ts";
import { auditFrom, authedProcedure, router, type AuthedContext } from "../trpc.ts";

// Aggregates above station level are read with the permission that already reads rollout
// coverage: counts only, never a person.
const aggregate = authedProcedure.meta({ access: "division", permission: "coverage.read" });
const division = z.object({ divisionCode: z.string().regex(/^\d{2,9}$/) });
const months = z.number().int().min(1).max(24).default(12);
/** Live rollups, or the month as frozen at its end. */
const source = z.enum(["live", "snapshot"]).default("live");

/** Live answers are kept while the rollups stand still; a frozen month is read as it is. */
function liveKept<T>(ctx: AuthedContext, source: "live" | "snapshot", key: (string | number | null)[], compute: () => Promise<T>): Promise<T> {
  return source === "live" ? keptWhileRollupsUnchanged(ctx.database, JSON.stringify(key), compute) : compute();
}

const download = (file: ReportFile) => ({ fileName: file.fileName, rows: file.rows, base64: Buffer.from(file.bytes).toString("base64") });

/** Region-scale reporting (issue 7): indicators from the station × month rollup. */
export const reportingRouter = router({
  /** The indicator definitions (shared vocabulary). */
  indicators: authedProcedure.meta({ access: "user" }).query(() => INDICATOR_IDS.map((id) => INDICATORS[id])),

  division: aggregate
    .input(division.extend({ month: ZMonthSchema, source }))
    .query(({ ctx, input }) => liveKept(ctx, input.source, ["division", input.divisionCode, input.month], () => ctx.tx((tx) => divisionReport(tx, input.divisionCode, input.month, input.source)))),

  trend: aggregate
    .input(division.extend({ indicator: ZIndicatorIdSchema, month: ZMonthSchema, months, dimension: z.string().max(40).optional(), source }))
    .query(({ ctx, input }) =>
      liveKept(ctx, input.source, ["trend", input.divisionCode, input.indicator, input.month, input.months, input.dimension ?? null], () =>
        ctx.tx((tx) => divisionTrend(tx, input.divisionCode, input.indicator, input.month, input.months, { dimension: input.dimension, source: input.source })),
      ),
    ),

  /** The months frozen as reported at their end (issue 7 item 4), newest first. */
  snapshots: aggregate.input(division).query(({ ctx }) => ctx.tx((tx) => listSnapshots(tx))),

  /** A division's month as frozen, beside the month before as frozen. */
  snapshot: aggregate.input(division.extend({ month: ZMonthSchema })).query(({ ctx, input }) => ctx.tx((tx) => snapshotReport(tx, input.divisionCode, input.month))),

  station: authedProcedure
    .meta({ access: "station", permission: "workspace.read" })
    .input(z.object({ stationId: z.uuid(), month: ZMonthSchema, months }))
    .query(({ ctx, input }) => ctx.tx((tx) => stationReport(tx, input.stationId, input.month, input.months))),

  /** A dashboard table as the house-style xlsx; counts leave as the dashboard shows them ("<5" above station level). Audited. */
  exportDivision: authedProcedure
    .meta({ access: "division", permission: "coverage.read", write: true })
    .input(division.extend({ month: ZMonthSchema, view: ZDivisionReportViewSchema, source }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const file = await exportDivisionReport(tx, input.divisionCode, input.month, input.view, input.source);
        await auditFrom(ctx, null)(tx, { action: "report.export", target: input.divisionCode, detail: { month: input.month, view: input.view, source: input.source, rows: file.rows } });
        return download(file);
      }),
    ),

  /** The station's own dashboard table as xlsx, unsuppressed; audited in the station's chain. */
  exportStation: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(z.object({ stationId: z.uuid(), month: ZMonthSchema, view: ZStationReportViewSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const station = await tx.selectFrom("station").select("plaque_name").where("id", "=", input.stationId).executeTakeFirstOrThrow();
        const file = await exportStationReport(tx, input.stationId, station.plaque_name, input.month, input.view);
        await auditFrom(ctx, input.stationId)(tx, { action: "report.export", target: input.view, detail: { month: input.month, rows: file.rows } });
        return download(file);
      }),
    ),
});
