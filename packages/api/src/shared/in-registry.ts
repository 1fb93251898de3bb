import type { Tx } from "@shegong/db";
import { registryContext, type RegistryContext } from "../registry/registry-context.ts";
import type { AuthedContext } from "../trpc.ts";

/** Registry work in the station's transaction, with its context (cipher, today, the region's age rules). */
export function inRegistry<T>(ctx: AuthedContext, stationId: string, fn: (tx: Tx, registry: RegistryContext) => Promise<T>): Promise<T> {
  return ctx.tx(async (tx) => fn(tx, await registryContext(tx, stationId, ctx.pii, ctx.userId)));
}
