import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIME_TYPES, type AttachmentKind } from "@shegong/domain";
import { newIdempotencyKey } from "../../lib/idempotency-key.ts";

/**
 * A file chosen on the phone, waiting to go up with its record. Its idempotency key is made when it
 * is chosen, so sending again after a dropped connection never stores it twice.
 */
export interface PendingFile {
  uid: string;
  file: File;
  kind: AttachmentKind;
  idempotencyKey: string;
  uploadedId?: string;
}

export const ATTACHMENT_ACCEPT = ATTACHMENT_MIME_TYPES.join(",");

export type PendingFileProblem = "tooLarge" | "type" | null;

/** The browser's checks before a byte is sent; the server checks the bytes again. */
export function pendingFileProblem(file: { size: number; type: string }): PendingFileProblem {
  if (file.size > ATTACHMENT_MAX_BYTES) return "tooLarge";
  // Some phones leave the type empty; the server sniffs the bytes, so only a known wrong type is refused here.
  if (file.type !== "" && !(ATTACHMENT_MIME_TYPES as readonly string[]).includes(file.type)) return "type";
  return null;
}

export function pendingFile(file: File, kind: AttachmentKind): PendingFile {
  return { uid: newIdempotencyKey(), file, kind: file.type === "application/pdf" && kind === "photo" ? "signed_form" : kind, idempotencyKey: newIdempotencyKey() };
}
