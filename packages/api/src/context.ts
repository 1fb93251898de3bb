import type { Grant, ValidSession } from "@shegong/auth";
import type { ShegongDb } from "@shegong/db";

/** What every procedure receives: the app-role database, the caller, and where the call came from. */
export interface ApiContext {
  database: ShegongDb;
  session: ValidSession | null;
  grants: Grant[];
  ip: string;
  userAgent: string | null;
}
