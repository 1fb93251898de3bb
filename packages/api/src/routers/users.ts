import { ROLES, ROLE_SCOPE, type Role } from "@shegong/domain";
import { z } from "zod";
import { appError } from "../errors.ts";
import { once, ZIdempotencyKeySchema } from "../shared/idempotency.ts";
import { auditFrom, authedProcedure, router, type AuthedContext } from "../trpc.ts";
import { resetUserSecondFactor } from "../users/reset-second-factor.ts";
import { createUser, endUserSessions, hashAcceptablePassword, listUserSessions, listUsers, setUserDisabled } from "../users/manage-users.ts";
import type { UserScope } from "../users/user-scope.ts";

const ZUsername = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: "3–64 lowercase letters, digits, . _ -" });

/**
 * Account administration exists twice with the same rules: a station administrator over the
 * station's members (`users.station.*`), and a bureau administrator over everyone granted under
 * its division (`users.division.*`). The scope comes from the one access middleware.
 */
function userAdminRouter(access: "station" | "division") {
  const target = access === "station" ? z.object({ stationId: z.uuid() }) : z.object({ divisionCode: z.string() });
  const scopeOf = (ctx: AuthedContext): UserScope => {
    if (ctx.access.kind === "station") return { stationId: ctx.access.station.id };
    if (ctx.access.kind === "division") return { divisionCode: ctx.access.divisionCode };
    throw appError("FORBIDDEN");
  };
  const stationOf = (ctx: AuthedContext) => (ctx.access.kind === "station" ? ctx.access.station.id : null);
  const read = authedProcedure.meta({ access, permission: "users.read" });
  const manage = authedProcedure.meta({ access, permission: "users.manage", write: true });

  return router({
    list: read.input(target).query(({ ctx }) => ctx.tx((tx) => listUsers(tx, scopeOf(ctx)))),

    create: manage
      .input(
        target.extend({
          username: ZUsername,
          displayName: z.string().trim().min(1).max(60),
          password: z.string().max(200),
          role: z.enum(ROLES),
          /** For division roles: the division granted, within the caller's own. */
          grantDivisionCode: z.string().optional(),
          expiresAt: z.coerce.date().optional(),
          idempotencyKey: ZIdempotencyKeySchema,
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const scope = scopeOf(ctx);
        const role: Role = input.role;
        const grant =
          "stationId" in scope
            ? { stationId: ROLE_SCOPE[role] === "station" ? scope.stationId : undefined }
            : { divisionCode: input.grantDivisionCode, stationId: undefined };
        if ("stationId" in scope && ROLE_SCOPE[role] !== "station") throw appError("FORBIDDEN", { role });
        if ("divisionCode" in scope) {
          // A bureau grants only within its own division, so never a role above itself.
          if (ROLE_SCOPE[role] !== "division" || !input.grantDivisionCode?.startsWith(scope.divisionCode)) {
            throw appError("FORBIDDEN", { role });
          }
        }
        const passwordHash = await hashAcceptablePassword(input.password, input.username);
        return ctx.tx((tx) =>
          once(tx, { userId: ctx.userId, key: input.idempotencyKey, procedure: `users.${access}.create`, input: { ...input, password: "" } }, async () => {
            const created = await createUser(
              tx,
              { username: input.username, displayName: input.displayName, passwordHash, role, expiresAt: input.expiresAt, ...grant },
              ctx.userId,
            );
            await auditFrom(ctx, stationOf(ctx))(tx, { action: "user.create", target: input.username, detail: { role } });
            return created;
          }),
        );
      }),

    setDisabled: manage
      .input(target.extend({ userId: z.uuid(), disabled: z.boolean() }))
      .mutation(({ ctx, input }) =>
        ctx.tx(async (tx) => {
          await setUserDisabled(tx, scopeOf(ctx), input.userId, input.disabled);
          await auditFrom(ctx, stationOf(ctx))(tx, { action: input.disabled ? "user.disable" : "user.enable", target: input.userId });
          return { ok: true as const };
        }),
      ),

    /** A lost phone: the administrator of the account removes its second factor; the user enrols again. */
    resetSecondFactor: manage.input(target.extend({ userId: z.uuid() })).mutation(({ ctx, input }) =>
      ctx.tx(async (tx) => {
        const result = await resetUserSecondFactor(tx, scopeOf(ctx), input.userId);
        await auditFrom(ctx, stationOf(ctx))(tx, { action: "mfa.reset", target: result.username, detail: { userId: input.userId, hadSecondFactor: result.hadSecondFactor, sessionsEnded: result.sessionsEnded } });
        return { ok: true as const, hadSecondFactor: result.hadSecondFactor };
      }),
    ),

    sessions: authedProcedure
      .meta({ access, permission: "sessions.manage" })
      .input(target.extend({ userId: z.uuid() }))
      .query(({ ctx, input }) => ctx.tx((tx) => listUserSessions(tx, scopeOf(ctx), input.userId))),

    endSessions: authedProcedure
      .meta({ access, permission: "sessions.manage", write: true })
      .input(target.extend({ userId: z.uuid(), sessionId: z.string().max(40).optional() }))
      .mutation(({ ctx, input }) =>
        ctx.tx(async (tx) => {
          const result = await endUserSessions(tx, scopeOf(ctx), input.userId, input.sessionId);
          await auditFrom(ctx, stationOf(ctx))(tx, { action: "session.end", target: input.userId, detail: result });
          return result;
        }),
      ),
  });
}

export const usersRouter = router({
  station: userAdminRouter("station"),
  division: userAdminRouter("division"),
});
