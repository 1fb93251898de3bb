import { PAYOUT_REPORT_RECIPIENTS, ZPayoutKindSchema, ZPayoutMonthSchema } from "@shegong/domain";
import { z } from "zod";
import { decodeLedgerFile, ZLedgerFileSchema } from "../ledgers/ledger-file.ts";
import { readWorkbookRows } from "../ledgers/read-workbook.ts";
import { payoutMonthlySummary } from "../payouts/monthly-summary.ts";
import { exportPayoutReport, payoutReport, sendPayoutReport, signPayoutReport } from "../payouts/report.ts";
import { listDiscrepancies, listRosters, settleDiscrepancy, ZDiscrepancyFilterSchema, ZSettleDiscrepancySchema } from "../payouts/worklist.ts";
import { payoutStandards, verifyPayouts } from "../payouts/verify-roster.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite } from "../shared/station-procedures.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

const rosterInput = stationInput.extend({ rosterId: z.uuid() });

/** Payout verification against the registry (issue 6): 高龄补贴 (R9) and children's allowances (R10). */
export const payoutsRouter = router({
  /** The payment standards of a kind: reference data, the same for everyone signed in. */
  standards: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ kind: ZPayoutKindSchema }))
    .query(({ ctx, input }) => ctx.tx((tx) => payoutStandards(tx, input.kind))),

  /** Reads, verifies and keeps a roster: all or nothing; the same file twice changes nothing. */
  verify: authedProcedure
    .meta({ access: "station", permission: "ledger.import", write: true })
    .input(
      stationInput
        .extend({
          kind: ZPayoutKindSchema,
          month: ZPayoutMonthSchema,
          visitWithinMonths: z.number().int().min(1).max(24).default(6),
          idempotencyKey: ZIdempotencyKeySchema,
        })
        .extend(ZLedgerFileSchema.shape),
    )
    .mutation(async ({ ctx, input }) => {
      const file = decodeLedgerFile(input);
      const sheet = await readWorkbookRows(file.bytes);
      return ctx.tx((tx) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "payouts.verify", input: { ...input, fileBase64: file.sha256 } }, () =>
          verifyPayouts(tx, actorOf(ctx, input.stationId), ctx.pii, input, { name: file.name, sha256: file.sha256 }, sheet),
        ),
      );
    }),

  rosters: stationRead.input(stationInput).query(({ ctx, input }) => ctx.tx((tx) => listRosters(tx, input.stationId))),

  discrepancies: stationRead
    .input(stationInput.extend(ZDiscrepancyFilterSchema.shape))
    .query(({ ctx, input }) => ctx.tx((tx) => listDiscrepancies(tx, input.stationId, input))),

  /** Assign, link a visit as evidence, settle with an outcome and note (who and when recorded). */
  settle: stationWrite
    .input(stationInput.extend(ZSettleDiscrepancySchema.shape))
    .mutation(({ ctx, input }) => ctx.tx((tx) => settleDiscrepancy(tx, actorOf(ctx, input.stationId), input))),

  /** The verification report of a roster: the signed one (frozen) or the draft from the worklist. */
  report: stationRead.input(rosterInput).query(({ ctx, input }) => ctx.tx((tx) => payoutReport(tx, input.stationId, input.rosterId))),

  /** The report as xlsx in the house style; it carries names and masked IDs, so every export is audited. */
  exportReport: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(rosterInput)
    .mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const file = await exportPayoutReport(tx, input.stationId, input.rosterId);
        await auditFrom(ctx, input.stationId)(tx, { action: "payouts.report.export", target: input.rosterId, detail: { rows: file.rows, signed: file.signed } });
        return { fileName: file.fileName, rows: file.rows, base64: Buffer.from(file.bytes).toString("base64") };
      }),
    ),

  /**
   * The station head signs the report off: frozen and fingerprinted (SHA-256), once. Keyed, so a
   * retry after a lost answer gets the signature back rather than "already signed".
   */
  signReport: authedProcedure
    .meta({ access: "station", permission: "payouts.sign", write: true })
    .input(rosterInput.extend({ idempotencyKey: ZIdempotencyKeySchema }))
    .mutation(({ ctx, input }) =>
      ctx.tx((tx) => once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "payouts.signReport", input }, () => signPayoutReport(tx, actorOf(ctx, input.stationId), input.rosterId))),
    ),

  /** Sends the signed report to the township or the county bureau, once. */
  sendReport: authedProcedure
    .meta({ access: "station", permission: "payouts.sign", write: true })
    .input(rosterInput.extend({ to: z.enum(PAYOUT_REPORT_RECIPIENTS) }))
    .mutation(({ ctx, input }) => ctx.tx((tx) => sendPayoutReport(tx, actorOf(ctx, input.stationId), input.rosterId, input.to))),

  /** The bureau's month across its stations: counts per rule, open and settled, reports signed and sent. */
  monthlySummary: authedProcedure
    .meta({ access: "division", permission: "payouts.supervise" })
    .input(z.object({ divisionCode: z.string(), month: ZPayoutMonthSchema, kind: ZPayoutKindSchema.optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => payoutMonthlySummary(tx, input.divisionCode, input.month, input.kind))),
});
