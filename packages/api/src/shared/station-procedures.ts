import { z } from "zod";
import { authedProcedure } from "../trpc.ts";

/** The two access levels of station work: any member (and supervisors, read-only), or writers. */
export const stationInput = z.object({ stationId: z.uuid() });
export const stationRead = authedProcedure.meta({ access: "station", permission: "workspace.read" });
export const stationWrite = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });

/** A calendar year of reports: evaluators look at a year, and the bureaus at one at a time. */
export const ZReportYearSchema = z.number().int().min(2000).max(2100);

/** A ledger's period: a month ('2026-11') or a quarter ('2026-Q4'). */
export const ZLedgerPeriodSchema = z.union([
  z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/) }),
]);
