import type { AttachmentOwnerKind } from "@shegong/domain";
import { toBase64 } from "../../lib/base64.ts";
import { trpcClient } from "../../trpc.ts";
import type { PendingFile } from "./pending-files.ts";

/**
 * Sends the chosen files for a saved record one at a time (a village connection carries one photo
 * better than five at once). Each file keeps its own idempotency key, so after a failure the caller
 * can simply call again: what went up is not sent twice. Returns the files marked as uploaded.
 */
export async function uploadPending(
  stationId: string,
  owner: { kind: AttachmentOwnerKind; id: string },
  files: PendingFile[],
  onProgress: (files: PendingFile[]) => void,
): Promise<PendingFile[]> {
  let current = files;
  for (const f of files) {
    if (f.uploadedId) continue;
    const fileBase64 = toBase64(new Uint8Array(await f.file.arrayBuffer()));
    const result = await trpcClient.attachments.upload.mutate({
      stationId,
      file: { ownerKind: owner.kind, ownerId: owner.id, kind: f.kind, fileName: f.file.name, fileBase64 },
      idempotencyKey: f.idempotencyKey,
    });
    current = current.map((x) => (x.uid === f.uid ? { ...x, uploadedId: result.attachmentId } : x));
    onProgress(current);
  }
  return current;
}
