import { hashPassword, verifyPassword } from "@shegong/auth";
import { recordAudit, type Tx } from "@shegong/db";
import { checkPassword } from "@shegong/domain";
import { appError } from "../errors.ts";

type TxRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/**
 * The user's own password change. Argon2 runs between two short transactions, never inside one
 * (the embedded database has a single connection). Every other session of the user ends.
 */
export async function changeOwnPassword(
  run: TxRunner,
  who: { userId: string; sessionId: string; ip: string },
  passwords: { currentPassword: string; newPassword: string },
) {
  const user = await run((tx) =>
    tx.selectFrom("app_user").select(["password_hash", "username"]).where("id", "=", who.userId).executeTakeFirstOrThrow(),
  );
  if (!(await verifyPassword(user.password_hash, passwords.currentPassword))) throw appError("AUTH_INVALID_CREDENTIALS");
  const verdict = checkPassword(passwords.newPassword, { username: user.username });
  if (!verdict.ok) throw appError(verdict.code);
  const passwordHash = await hashPassword(passwords.newPassword);
  await run(async (tx) => {
    await tx.updateTable("app_user").set({ password_hash: passwordHash, must_change_password: false }).where("id", "=", who.userId).execute();
    await tx.deleteFrom("user_session").where("user_id", "=", who.userId).where("id", "!=", who.sessionId).execute();
    await recordAudit(tx, { actorUserId: who.userId, actorName: user.username, action: "user.password.change", outcome: "success", ip: who.ip });
  });
}
