import { createHash } from "node:crypto";
import type { Tx } from "@shegong/db";
import { z } from "zod";
import { appError } from "../errors.ts";

/** Every create takes a client-made key, so a retried request does the work once. */
export const ZIdempotencyKeySchema = z.string().min(8).max(100).regex(/^[A-Za-z0-9_-]+$/);

function requestHash(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Runs `create` once per (user, key), in the caller's transaction: the key row and the work commit
 * together. A repeat returns the first response; the same key with a different request is refused.
 */
export async function once<T>(
  tx: Tx,
  scope: { userId: string; key: string; procedure: string; input: unknown },
  create: () => Promise<T>,
): Promise<T> {
  const hash = requestHash(scope.input);
  const claimed = await tx
    .insertInto("idempotency_key")
    .values({ user_id: scope.userId, key: scope.key, procedure: scope.procedure, request_hash: hash, response: null })
    .onConflict((oc) => oc.columns(["user_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (!claimed) {
    const existing = await tx
      .selectFrom("idempotency_key")
      .select(["procedure", "request_hash", "response"])
      .where("user_id", "=", scope.userId)
      .where("key", "=", scope.key)
      .executeTakeFirstOrThrow();
    if (existing.procedure !== scope.procedure || existing.request_hash !== hash) throw appError("IDEMPOTENCY_CONFLICT");
    return existing.response as T;
  }
  const response = await create();
  await tx
    .updateTable("idempotency_key")
    .set({ response: JSON.stringify(response) as unknown })
    .where("user_id", "=", scope.userId)
    .where("key", "=", scope.key)
    .execute();
  return response;
}
