import { permissionsOnStation } from "@shegong/auth";
import { LEDGER_KINDS, LEDGER_KIND_KEYS, todayInShanghai, ZIsoDateSchema, ZLedgerKindKeySchema } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { commitImport } from "../ledgers/commit-import.ts";
import { exportLedger } from "../ledgers/export-ledger.ts";
import { decodeLedgerFile, ZLedgerFileSchema } from "../ledgers/ledger-file.ts";
import { importsOfFile, listImports } from "../ledgers/list-imports.ts";
import { planImport } from "../ledgers/plan-import.ts";
import { readWorkbookRows } from "../ledgers/read-workbook.ts";
import { inRegistry } from "../shared/in-registry.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router } from "../trpc.ts";

const station = z.object({ stationId: z.uuid() });

/** Ledgers (台账) out of and into the registry (issue 3 items 6–7). */
export const ledgersRouter = router({
  kinds: authedProcedure.meta({ access: "user" }).query(() =>
    LEDGER_KIND_KEYS.map((key) => ({ key, title: LEDGER_KINDS[key].title, category: LEDGER_KINDS[key].category, columns: LEDGER_KINDS[key].columns.map((c) => ({ key: c.key, header: c.header, required: c.required })) })),
  ),

  /** Masked IDs unless the caller may and chooses to export them in full; every export is audited. */
  export: authedProcedure
    .meta({ access: "station", permission: "workspace.read", write: true })
    .input(station.extend({ kind: ZLedgerKindKeySchema, asOf: ZIsoDateSchema.optional(), fullIds: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => {
      const access = ctx.access.kind === "station" ? ctx.access : null;
      if (!access) throw appError("FORBIDDEN");
      if (input.fullIds && !permissionsOnStation(ctx.grants, access.station).includes("ledger.export.full_ids")) throw appError("FORBIDDEN");
      return ctx.tx(async (tx) => {
        const station = await tx.selectFrom("station").select("plaque_name").where("id", "=", input.stationId).executeTakeFirstOrThrow();
        const asOf = input.asOf ?? todayInShanghai();
        const file = await exportLedger(tx, { stationId: input.stationId, kind: LEDGER_KINDS[input.kind], asOf, fullIds: input.fullIds }, ctx.pii, station.plaque_name);
        await auditFrom(ctx, input.stationId)(tx, { action: "ledger.export", target: input.kind, detail: { asOf, fullIds: input.fullIds, rows: file.rows } });
        return { fileName: file.fileName, rows: file.rows, base64: Buffer.from(file.bytes).toString("base64") };
      });
    }),

  /** What an import would do, row by row; writes nothing. */
  preview: authedProcedure
    .meta({ access: "station", permission: "ledger.import" })
    .input(station.extend({ kind: ZLedgerKindKeySchema }).extend(ZLedgerFileSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const file = decodeLedgerFile(input);
      const rows = await readWorkbookRows(file.bytes);
      return inRegistry(ctx, input.stationId, async (tx, registry) => {
        const plan = await planImport(tx, registry, ctx.pii, LEDGER_KINDS[input.kind], rows);
        return { ...plan.report, sha256: file.sha256, previousImports: await importsOfFile(tx, input.stationId, file.sha256) };
      });
    }),

  /** All or nothing: the valid rows land in one transaction; rejected rows are reported, never half-applied. */
  commit: authedProcedure
    .meta({ access: "station", permission: "ledger.import", write: true })
    .input(station.extend({ kind: ZLedgerKindKeySchema, idempotencyKey: ZIdempotencyKeySchema }).extend(ZLedgerFileSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const file = decodeLedgerFile(input);
      const rows = await readWorkbookRows(file.bytes);
      return inRegistry(ctx, input.stationId, (tx, registry) =>
        once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: "ledgers.commit", input: { ...input, fileBase64: file.sha256 } }, async () => {
          const plan = await planImport(tx, registry, ctx.pii, LEDGER_KINDS[input.kind], rows);
          const committed = await commitImport(tx, registry, plan, file, { username: ctx.session.user.username, ip: ctx.ip });
          return { ...plan.report, ...committed, sha256: file.sha256 };
        }),
      );
    }),

  history: authedProcedure
    .meta({ access: "station", permission: "workspace.read" })
    .input(station)
    .query(({ ctx, input }) => ctx.tx((tx) => listImports(tx, input.stationId))),
});
