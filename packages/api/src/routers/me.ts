import { z } from "zod";
import { authedProcedure, router } from "../trpc.ts";
import { changeOwnPassword } from "../users/change-password.ts";
import { getMe } from "../users/get-me.ts";

export const meRouter = router({
  get: authedProcedure.meta({ access: "user" }).query(async ({ ctx }) => ({
    user: ctx.session.user,
    ...(await ctx.tx((tx) => getMe(tx, ctx.grants))),
  })),

  changePassword: authedProcedure
    .meta({ access: "user" })
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.tx, { userId: ctx.userId, sessionId: ctx.session.sessionId, ip: ctx.ip }, input);
      return { ok: true as const };
    }),
});
