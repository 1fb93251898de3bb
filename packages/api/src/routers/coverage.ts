import { z } from "zod";
import { coverageByDivision } from "../coverage/coverage-by-division.ts";
import { authedProcedure, router } from "../trpc.ts";

export const coverageRouter = router({
  /** R2 progress per unit under a division: station counts only, no personal data. */
  byDivision: authedProcedure
    .meta({ access: "division", permission: "coverage.read" })
    .input(z.object({ divisionCode: z.string() }))
    .query(({ ctx, input }) => ctx.tx((tx) => coverageByDivision(tx, input.divisionCode))),
});
