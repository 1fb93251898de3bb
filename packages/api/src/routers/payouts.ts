import { ZPayoutKindSchema, ZPayoutMonthSchema } from "@shegong/domain";
import { z } from "zod";
import { decodeLedgerFile, ZLedgerFileSchema } from "../ledgers/ledger-file.ts";
import { readWorkbookRows } from "../ledgers/read-workbook.ts";
import { listDiscrepancies, listRosters, settleDiscrepancy, ZSettleDiscrepancySchema } from "../payouts/worklist.ts";
import { payoutStandards, verifyPayouts } from "../payouts/verify-roster.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { actorOf } from "../shared/service-actor.ts";
import { stationInput, stationRead, stationWrite } from "../shared/station-procedures.ts";
import { authedProcedure, router } from "../trpc.ts";

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
    .input(stationInput.extend({ rosterId: z.uuid().optional(), status: z.enum(["open", "settled"]).optional() }))
    .query(({ ctx, input }) => ctx.tx((tx) => listDiscrepancies(tx, input.stationId, input))),

  /** Assign, link a visit as evidence, settle with an outcome and note (who and when recorded). */
  settle: stationWrite
    .input(stationInput.extend(ZSettleDiscrepancySchema.shape))
    .mutation(({ ctx, input }) => ctx.tx((tx) => settleDiscrepancy(tx, actorOf(ctx, input.stationId), input))),
});
