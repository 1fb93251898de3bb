import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Where attachment bytes live: behind this small interface so a deployment can put them in object
 * storage (MinIO, OSS) without the attachment code changing. Keys are content addresses made here,
 * never text from a request.
 */
export interface FileStore {
  /** Stores bytes under the key; a key already present is left as it is (same content). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** One station's copy of a content: stations never share files, so removing a station's data stays local to it. */
export function attachmentKey(stationId: string, sha256: string): string {
  return `${stationId}/${sha256.slice(0, 2)}/${sha256}`;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/** The default store: files on local disk under `root` (the data folder's `files/`). */
export function createDiskFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`not an attachment key: ${key}`);
    return join(root, key);
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      try {
        if ((await stat(path)).size === bytes.length) return;
      } catch {
        // not there yet
      }
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed, so a crash never leaves half a photo under the real name.
      const partial = `${path}.${randomUUID()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, path);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
