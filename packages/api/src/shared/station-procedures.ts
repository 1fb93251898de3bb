import { z } from "zod";
import { authedProcedure } from "../trpc.ts";

/** The two access levels of station work: any member (and supervisors, read-only), or writers. */
export const stationInput = z.object({ stationId: z.uuid() });
export const stationRead = authedProcedure.meta({ access: "station", permission: "workspace.read" });
export const stationWrite = authedProcedure.meta({ access: "station", permission: "workspace.write", write: true });

/** A calendar year of reports: evaluators look at a year, and the bureaus at one at a time. */
export const ZReportYearSchema = z.number().int().min(2000).max(2100);
