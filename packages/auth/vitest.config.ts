import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Database-backed files boot their own PGlite (or PostgreSQL database) once per file.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
