import { z } from "zod";
import { divisionPath, listChildDivisions } from "../divisions/list-divisions.ts";
import { authedProcedure, router } from "../trpc.ts";

const ZCode = z.string().regex(/^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/);

/** Reference data (R1): the division tree, shared by everyone signed in. */
export const divisionsRouter = router({
  children: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ parentCode: ZCode }))
    .query(({ ctx, input }) => ctx.tx((tx) => listChildDivisions(tx, input.parentCode))),
  path: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ code: ZCode }))
    .query(({ ctx, input }) => ctx.tx((tx) => divisionPath(tx, input.code))),
});
