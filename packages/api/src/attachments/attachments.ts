import type { Tx } from "@shegong/db";
import { checkAttachment, cleanFileName, type AttachmentOwnerKind, type TAttachmentUpload } from "@shegong/domain";
import { appError } from "../errors.ts";
import { auditAs, missingOwnRows, type ServiceActor } from "../shared/service-actor.ts";
import { attachmentKey, sha256Hex, type FileStore } from "./file-store.ts";

/** The table holding each kind of record a file can belong to (in the same station). */
const OWNER_TABLE = { visit: "visit", agreement: "service_agreement", activity: "activity", case: "social_case", station_sign: "station_sign", rectification: "rectification_item" } as const satisfies Record<AttachmentOwnerKind, string>;

async function assertOwner(tx: Tx, stationId: string, kind: AttachmentOwnerKind, id: string) {
  if ((await missingOwnRows(tx, OWNER_TABLE[kind], stationId, [id])).length > 0) throw appError("NOT_FOUND");
}

/**
 * Attaches a file to a station record. The bytes are checked for what they really are, stored by
 * their hash (a photo sent twice is one file), and the record and the audit entry commit with the
 * caller's transaction. If that transaction fails, the stored bytes stay unreferenced: harmless,
 * and a later upload of the same file finds them.
 */
export async function attachFile(tx: Tx, files: FileStore, actor: ServiceActor, input: TAttachmentUpload) {
  await assertOwner(tx, actor.stationId, input.ownerKind, input.ownerId);
  const bytes = new Uint8Array(Buffer.from(input.fileBase64, "base64"));
  const check = checkAttachment(bytes);
  if (!check.ok) throw appError(check.code);
  const sha256 = sha256Hex(bytes);
  await files.put(attachmentKey(actor.stationId, sha256), bytes);
  const row = await tx
    .insertInto("attachment")
    .values({
      station_id: actor.stationId,
      owner_kind: input.ownerKind,
      owner_id: input.ownerId,
      kind: input.kind,
      file_name: cleanFileName(input.fileName),
      mime_type: check.mime,
      byte_size: bytes.length,
      sha256,
      note: input.note ?? "",
      uploaded_by: actor.userId,
    })
    .returning(["id", "file_name", "mime_type", "byte_size"])
    .executeTakeFirstOrThrow();
  await auditAs(tx, actor, "attachment.upload", row.id, { ownerKind: input.ownerKind, ownerId: input.ownerId, kind: input.kind, sha256, byteSize: bytes.length });
  return { attachmentId: row.id, fileName: row.file_name, mimeType: row.mime_type, byteSize: row.byte_size };
}

/** The files on a record, newest first, without their bytes; a record not in the station is NOT_FOUND. */
export async function listAttachments(tx: Tx, stationId: string, ownerKind: AttachmentOwnerKind, ownerId: string) {
  await assertOwner(tx, stationId, ownerKind, ownerId);
  const rows = await tx
    .selectFrom("attachment as a")
    .leftJoin("app_user as u", "u.id", "a.uploaded_by")
    .select(["a.id", "a.kind", "a.file_name", "a.mime_type", "a.byte_size", "a.note", "a.uploaded_at", "u.display_name as uploaded_by_name"])
    .where("a.station_id", "=", stationId)
    .where("a.owner_kind", "=", ownerKind)
    .where("a.owner_id", "=", ownerId)
    .where("a.removed_at", "is", null)
    .orderBy("a.uploaded_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    mimeType: r.mime_type,
    byteSize: r.byte_size,
    note: r.note,
    uploadedAt: r.uploaded_at,
    uploadedByName: r.uploaded_by_name,
  }));
}

/**
 * One file's bytes. A photo of a person in their home is personal data, so every read is audited;
 * the bytes are checked against the hash recorded at upload, so a damaged file is reported, never served.
 */
export async function readAttachment(tx: Tx, files: FileStore, actor: ServiceActor, attachmentId: string) {
  const row = await tx
    .selectFrom("attachment")
    .select(["id", "file_name", "mime_type", "sha256", "owner_kind", "owner_id"])
    .where("station_id", "=", actor.stationId)
    .where("id", "=", attachmentId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  const bytes = await files.get(attachmentKey(actor.stationId, row.sha256));
  if (!bytes || sha256Hex(bytes) !== row.sha256) throw appError("ATTACHMENT_DAMAGED");
  await auditAs(tx, actor, "attachment.read", row.id, { ownerKind: row.owner_kind, ownerId: row.owner_id });
  return { fileName: row.file_name, mimeType: row.mime_type, fileBase64: Buffer.from(bytes).toString("base64") };
}

/** Takes a file off its record; the row (who uploaded what, when) stays, and so do the bytes. */
export async function removeAttachment(tx: Tx, actor: ServiceActor, attachmentId: string) {
  const row = await tx
    .updateTable("attachment")
    .set({ removed_at: new Date(), removed_by: actor.userId })
    .where("station_id", "=", actor.stationId)
    .where("id", "=", attachmentId)
    .where("removed_at", "is", null)
    .returning(["id", "owner_kind", "owner_id"])
    .executeTakeFirst();
  if (!row) throw appError("NOT_FOUND");
  await auditAs(tx, actor, "attachment.remove", row.id, { ownerKind: row.owner_kind, ownerId: row.owner_id });
}
