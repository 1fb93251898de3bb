import type { Grant, PersonalDataCipher, ValidSession } from "@shegong/auth";
import type { ShegongDb } from "@shegong/db";
import type { FileStore } from "./attachments/file-store.ts";

/** What every procedure receives: the app-role database, the caller, and where the call came from. */
export interface ApiContext {
  database: ShegongDb;
  /** Encrypts, decrypts and blind-indexes citizen ID numbers. */
  pii: PersonalDataCipher;
  /** Where attachment bytes are kept (disk by default). */
  files: FileStore;
  session: ValidSession | null;
  grants: Grant[];
  ip: string;
  userAgent: string | null;
}
