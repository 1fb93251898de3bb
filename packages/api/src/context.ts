import type { Grant, PersonalDataCipher, ValidSession } from "@shegong/auth";
import type { ShegongDb } from "@shegong/db";

/** What every procedure receives: the app-role database, the caller, and where the call came from. */
export interface ApiContext {
  database: ShegongDb;
  /** Encrypts, decrypts and blind-indexes citizen ID numbers. */
  pii: PersonalDataCipher;
  session: ValidSession | null;
  grants: Grant[];
  ip: string;
  userAgent: string | null;
}
