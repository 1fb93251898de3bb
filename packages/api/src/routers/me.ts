import { hashPassword, verifyPassword } from "@shegong/auth";
import { recordAudit } from "@shegong/db";
import { checkPassword } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { authedProcedure, router } from "../trpc.ts";
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
      const user = await ctx.tx((tx) =>
        tx.selectFrom("app_user").select(["password_hash", "username"]).where("id", "=", ctx.userId).executeTakeFirstOrThrow(),
      );
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw appError("AUTH_INVALID_CREDENTIALS");
      const verdict = checkPassword(input.newPassword, { username: user.username });
      if (!verdict.ok) throw appError(verdict.code);
      const passwordHash = await hashPassword(input.newPassword);
      await ctx.tx(async (tx) => {
        await tx
          .updateTable("app_user")
          .set({ password_hash: passwordHash, must_change_password: false })
          .where("id", "=", ctx.userId)
          .execute();
        // Other sessions end: whoever knew the old password is out.
        await tx.deleteFrom("user_session").where("user_id", "=", ctx.userId).where("id", "!=", ctx.session.sessionId).execute();
        await recordAudit(tx, { actorUserId: ctx.userId, actorName: user.username, action: "user.password.change", outcome: "success", ip: ctx.ip });
      });
      return { ok: true as const };
    }),
});
