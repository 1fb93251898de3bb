import { serviceHoursByWorker } from "../service-hours/worker-service-hours.ts";
import { stationInput, stationRead, ZReportYearSchema } from "../shared/station-procedures.ts";
import { router } from "../trpc.ts";

/** Service hours per worker and month, from visits, activities and follow-ups (issue 4 item 7). */
export const serviceHoursRouter = router({
  byWorker: stationRead.input(stationInput.extend({ year: ZReportYearSchema })).query(({ ctx, input }) => ctx.tx((tx) => serviceHoursByWorker(tx, input.stationId, input.year))),
});
