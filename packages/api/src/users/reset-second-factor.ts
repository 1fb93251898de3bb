import { resetSecondFactor } from "@shegong/auth";
import type { Tx } from "@shegong/db";
import { appError } from "../errors.ts";
import { userIsInScope, type UserScope } from "./user-scope.ts";

/** Whoever may administer the account (it holds a grant in their scope) may reset its second factor. */
export async function resetUserSecondFactor(tx: Tx, scope: UserScope, userId: string) {
  if (!(await userIsInScope(tx, userId, scope))) throw appError("NOT_FOUND");
  const user = await tx.selectFrom("app_user").select("username").where("id", "=", userId).executeTakeFirstOrThrow();
  const result = await resetSecondFactor(tx, userId);
  return { username: user.username, ...result };
}
