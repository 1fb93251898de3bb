import { fromBase64, toBase64 } from "../../lib/base64.ts";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Reads a chosen file into base64 for the API, reporting how much of it has been read (0–100). */
export function readFileAsBase64(file: File, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.onload = () => {
      onProgress(100);
      resolve(toBase64(new Uint8Array(reader.result as ArrayBuffer)));
    };
    reader.readAsArrayBuffer(file);
  });
}

/** Hands an exported ledger to the browser as a download. */
export function downloadBase64(fileName: string, base64: string, mime = XLSX_MIME): void {
  const url = URL.createObjectURL(new Blob([fromBase64(base64)], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
