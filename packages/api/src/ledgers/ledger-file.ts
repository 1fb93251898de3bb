import { createHash } from "node:crypto";
import { z } from "zod";

// A 10,000-row ledger is about 1 MB as xlsx; 20 MB leaves room for photos pasted into sheets.
export const LEDGER_FILE_MAX_BYTES = 20 * 1024 * 1024;

export const ZLedgerFileSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  fileBase64: z.string().max(Math.ceil((LEDGER_FILE_MAX_BYTES * 4) / 3) + 4),
});

export function decodeLedgerFile(file: z.infer<typeof ZLedgerFileSchema>) {
  const bytes = new Uint8Array(Buffer.from(file.fileBase64, "base64"));
  return { bytes, name: file.fileName, sha256: createHash("sha256").update(bytes).digest("hex") };
}
