import { describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES, checkAttachment, cleanFileName, sniffAttachmentMime } from "./attachments.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe("attachment checks", () => {
  it("recognises photos and scanned forms by their bytes", () => {
    expect(sniffAttachmentMime(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffAttachmentMime(bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffAttachmentMime(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "))).toBe("image/webp");
    expect(sniffAttachmentMime(bytes("%PDF-1.7\n"))).toBe("application/pdf");
  });

  it("refuses empty, oversized and other files, whatever they are called", () => {
    expect(checkAttachment(new Uint8Array())).toEqual({ ok: false, code: "ATTACHMENT_EMPTY" });
    expect(checkAttachment(bytes("<svg onload=alert(1)>"))).toEqual({ ok: false, code: "ATTACHMENT_TYPE" });
    expect(checkAttachment(bytes("MZ", [0x90, 0]))).toEqual({ ok: false, code: "ATTACHMENT_TYPE" });
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkAttachment(big)).toEqual({ ok: false, code: "ATTACHMENT_TOO_LARGE" });
    expect(checkAttachment(bytes([0xff, 0xd8, 0xff, 0xdb]))).toEqual({ ok: true, mime: "image/jpeg" });
  });

  it("keeps the name a person gave, minus folders and characters that break a download", () => {
    expect(cleanFileName("C:\\Users\\李娜\\入户照片 1.jpg")).toBe("入户照片 1.jpg");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName('a"b<c>\u0007.pdf')).toBe("abc.pdf");
    expect(cleanFileName("..")).toBe("file");
    expect(cleanFileName("x".repeat(300))).toHaveLength(120);
  });
});
