import type { Tx } from "@shegong/db";
import { auditFrom, type AuthedContext } from "../trpc.ts";

interface LedgerFile {
  fileName: string;
  bytes: Uint8Array;
  rows: number;
  range: { from: string; to: string; label: string };
}

/**
 * A ledger workbook made for the station under its plaque name and handed back as base64, the
 * export recorded in the audit chain (ledgers carry personal data out of the system).
 */
export function downloadLedger(ctx: AuthedContext, stationId: string, action: string, make: (tx: Tx, plaqueName: string) => Promise<LedgerFile>) {
  return ctx.tx(async (tx) => {
    const plaque = await tx.selectFrom("station").select("plaque_name").where("id", "=", stationId).executeTakeFirstOrThrow();
    const file = await make(tx, plaque.plaque_name);
    await auditFrom(ctx, stationId)(tx, { action, detail: { ...file.range, rows: file.rows } });
    return { fileName: file.fileName, rows: file.rows, base64: Buffer.from(file.bytes).toString("base64") };
  });
}
