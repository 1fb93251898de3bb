import { z } from "zod";
import type { VocabLabels } from "../registry/vocab.ts";

/**
 * Photos and signed forms from field work (issue 4 item 2). A phone photo is 2–6 MB; 10 MB leaves
 * room for a multi-page scanned form without letting one upload fill a station's disk.
 */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** What may be attached: images a browser can show, and PDF for scanned forms. Nothing executable. */
export const ATTACHMENT_MIME_TYPES = ["image/jpeg", "image/png", "image/webp", "application/pdf"] as const;
export type AttachmentMimeType = (typeof ATTACHMENT_MIME_TYPES)[number];

/** Records a file can belong to; each owner kind is checked to exist in the same station. */
export const ATTACHMENT_OWNER_KINDS = ["visit", "agreement", "activity", "case", "station_sign", "rectification"] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNER_KINDS)[number];

export const ATTACHMENT_KINDS = ["photo", "signed_form", "document"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_KIND_LABELS: VocabLabels<AttachmentKind> = {
  photo: { zh: "照片", en: "Photo" },
  signed_form: { zh: "签字表单", en: "Signed form" },
  document: { zh: "其他文件", en: "Other document" },
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the bytes actually are (never the declared one); null for anything not allowed. */
export function sniffAttachmentMime(bytes: Uint8Array): AttachmentMimeType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("%PDF-"))) return "application/pdf";
  return null;
}

export type AttachmentCheck = { ok: true; mime: AttachmentMimeType } | { ok: false; code: "ATTACHMENT_EMPTY" | "ATTACHMENT_TOO_LARGE" | "ATTACHMENT_TYPE" };

export function checkAttachment(bytes: Uint8Array): AttachmentCheck {
  if (bytes.length === 0) return { ok: false, code: "ATTACHMENT_EMPTY" };
  if (bytes.length > ATTACHMENT_MAX_BYTES) return { ok: false, code: "ATTACHMENT_TOO_LARGE" };
  const mime = sniffAttachmentMime(bytes);
  return mime ? { ok: true, mime } : { ok: false, code: "ATTACHMENT_TYPE" };
}

/**
 * A file name as the person chose it, made safe to store and to offer back as a download: no
 * folders, no control characters, at most 120 characters, never empty.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").trim().slice(0, 120);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "file" : cleaned;
}

export const ZAttachmentUploadSchema = z.object({
  ownerKind: z.enum(ATTACHMENT_OWNER_KINDS),
  ownerId: z.uuid(),
  kind: z.enum(ATTACHMENT_KINDS),
  fileName: z.string().trim().min(1).max(255),
  // base64 of at most ATTACHMENT_MAX_BYTES; the decoded size is checked again.
  fileBase64: z.string().min(1).max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4),
  note: z.string().trim().max(200).optional(),
});
export type TAttachmentUpload = z.infer<typeof ZAttachmentUploadSchema>;
