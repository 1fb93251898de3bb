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
  /** The caller's session and grants when already known (tests, in-process callers)... */
  session: ValidSession | null;
  grants: Grant[];
  /**
   * ...or the session cookie's token, checked by the procedure's middleware: a station procedure
   * reads the session in its transaction's opening round trip, everything else before it.
   */
  sessionToken?: string | null;
  /**
   * The token's check made at most once for the whole HTTP request (createContext): a batch's
   * procedures share it. Without it each procedure checks the token itself.
   */
  checkSession?: () => Promise<{ session: ValidSession; grants: Grant[] } | null>;
  ip: string;
  userAgent: string | null;
}
