import { describe, expect, it } from "vitest";
import { pendingFileProblem } from "./pending-files.ts";

describe("pendingFileProblem", () => {
  it("lets photos and PDFs through and stops what the server would refuse anyway", () => {
    expect(pendingFileProblem({ size: 3_000_000, type: "image/jpeg" })).toBeNull();
    expect(pendingFileProblem({ size: 100, type: "application/pdf" })).toBeNull();
    expect(pendingFileProblem({ size: 100, type: "" })).toBeNull();
    expect(pendingFileProblem({ size: 100, type: "image/heic" })).toBe("type");
    expect(pendingFileProblem({ size: 11 * 1024 * 1024, type: "image/jpeg" })).toBe("tooLarge");
  });
});
