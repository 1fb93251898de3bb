import { z } from "zod";
import { authedProcedure, router } from "../trpc.ts";

const ZCode = z.string().regex(/^\d{2}(\d{2}){0,2}(\d{3}){0,2}$/);

/** Reference data (R1): the division tree, shared by everyone signed in. */
export const divisionsRouter = router({
  children: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ parentCode: ZCode }))
    .query(({ ctx, input }) =>
      ctx.tx((tx) =>
        tx
          .selectFrom("division as d")
          .leftJoin("station as s", "s.division_code", "d.code")
          .select(["d.code", "d.name", "d.level", "s.id as stationId", "s.status as stationStatus"])
          .where("d.parent_code", "=", input.parentCode)
          .orderBy("d.code")
          .execute(),
      ),
    ),
  path: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ code: ZCode }))
    .query(({ ctx, input }) =>
      ctx.tx((tx) =>
        tx
          .selectFrom("division")
          .select(["code", "name", "level"])
          .where("code", "in", [2, 4, 6, 9, 12].filter((n) => n <= input.code.length).map((n) => input.code.slice(0, n)))
          .orderBy("level")
          .execute(),
      ),
    ),
});
