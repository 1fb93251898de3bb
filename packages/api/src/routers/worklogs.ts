import { todayInShanghai, ZLogDateSchema, ZMonthSchema, ZWorkLogInputSchema } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite } from "../shared/station-procedures.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";
import { periodRange } from "../visits/visit-ledger.ts";
import { exportMonthlyReport, monthlyReport } from "../worklogs/monthly-report.ts";
import { saveWorkLog, submitWorkLog, workLogDay, workLogMonth } from "../worklogs/work-log.ts";

const notFuture = (date: string) => {
  if (date > todayInShanghai()) throw appError("VALIDATION", { fieldErrors: { date: ["日期不能晚于今天 / The date cannot be after today"] } });
};

/**
 * Daily work logs and the monthly report (issue 4 item 8). A worker writes only their own log;
 * anyone who may read the station may read a member's log (`userId`), as a station lead reviews them.
 */
export const worklogsRouter = router({
  day: stationRead
    .input(stationInput.extend({ date: ZLogDateSchema, userId: z.uuid().optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => workLogDay(tx, input.stationId, input.userId ?? ctx.userId, input.date))),

  month: stationRead
    .input(stationInput.extend({ month: ZMonthSchema, userId: z.uuid().optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => workLogMonth(tx, input.stationId, input.userId ?? ctx.userId, periodRange({ month: input.month })))),

  /** `version` is the one the page read (0 before the first save): a stale tab cannot overwrite. */
  save: stationWrite
    .input(stationInput.extend({ date: ZLogDateSchema, version: z.number().int().min(0), log: ZWorkLogInputSchema }))
    .mutation(({ ctx, input }) => {
      notFuture(input.date);
      return ctx.tx((tx) => saveWorkLog(tx, actorOf(ctx, input.stationId), input.date, input.version, input.log));
    }),

  submit: stationWrite
    .input(stationInput.extend({ date: ZLogDateSchema, version: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => {
      notFuture(input.date);
      return ctx.tx((tx) => submitWorkLog(tx, actorOf(ctx, input.stationId), input.date, input.version));
    }),

  monthlyReport: stationRead.input(stationInput.extend({ month: ZMonthSchema })).query(({ ctx, input }) => ctx.tx((tx) => monthlyReport(tx, input.stationId, input.month, todayInShanghai()))),

  /** The monthly report as xlsx; every export is audited. */
  exportMonthlyReport: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(stationInput.extend({ month: ZMonthSchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const plaque = await tx.selectFrom("station").select("plaque_name").where("id", "=", input.stationId).executeTakeFirstOrThrow();
        const file = await exportMonthlyReport(tx, input.stationId, plaque.plaque_name, input.month, todayInShanghai());
        await auditFrom(ctx, input.stationId)(tx, { action: "monthly_report.export", detail: { month: input.month } });
        return { fileName: file.fileName, base64: Buffer.from(file.bytes).toString("base64") };
      }),
    ),
});
