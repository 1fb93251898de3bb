import { beginTotpEnrolment, confirmTotpEnrolment, getMfaStatus, regenerateRecoveryCodes } from "@shegong/auth";
import { z } from "zod";
import { appError } from "../errors.ts";
import { authedProcedure, router, type AuthedContext } from "../trpc.ts";
import { changeOwnPassword } from "../users/change-password.ts";
import { getMe } from "../users/get-me.ts";

/** Enrolment must stay reachable to a session that is waiting to enrol or to replace its password. */
const enrolment = authedProcedure.meta({ access: "user", during: ["mfa_enrol", "password_change"] });
const ZTotpCode = z.string().trim().regex(/^\d{6}$/);

const mfaStatusOf = (ctx: AuthedContext) => ctx.tx((tx) => getMfaStatus(tx, ctx.session.user, ctx.grants));

const mfaRouter = router({
  status: enrolment.query(({ ctx }) => mfaStatusOf(ctx)),

  /** A new key to scan (otpauth URI) or type (base32); it is the user's only once a code from it is confirmed. */
  beginEnrol: enrolment.mutation(async ({ ctx }) => {
    const user = ctx.session.user;
    return ctx.tx((tx) => beginTotpEnrolment(tx, ctx.pii, { id: user.id, username: user.username }));
  }),

  /** Returns the recovery codes: the only time they are ever shown. */
  confirmEnrol: enrolment.input(z.object({ code: ZTotpCode })).mutation(async ({ ctx, input }) => {
    const who = { userId: ctx.userId, username: ctx.session.user.username, sessionId: ctx.session.sessionId, ip: ctx.ip };
    const result = await ctx.tx((tx) => confirmTotpEnrolment(tx, ctx.pii, who, input.code));
    if (!result.ok) throw appError(result.code);
    return { recoveryCodes: result.recoveryCodes };
  }),

  regenerateRecoveryCodes: authedProcedure.meta({ access: "user" }).mutation(async ({ ctx }) => {
    const codes = await ctx.tx((tx) => regenerateRecoveryCodes(tx, { userId: ctx.userId, username: ctx.session.user.username, ip: ctx.ip }));
    if (!codes) throw appError("MFA_NOT_ENROLLED");
    return { recoveryCodes: codes };
  }),
});

export const meRouter = router({
  get: authedProcedure.meta({ access: "user" }).query(async ({ ctx }) => ({
    user: ctx.session.user,
    ...(await ctx.tx((tx) => getMe(tx, ctx.grants))),
    mfa: await mfaStatusOf(ctx),
  })),

  changePassword: authedProcedure
    .meta({ access: "user", during: ["password_change"] })
    .input(z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.tx, { userId: ctx.userId, sessionId: ctx.session.sessionId, ip: ctx.ip }, input);
      return { ok: true as const };
    }),

  mfa: mfaRouter,
});
