import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Database-backed files boot their own PGlite (or PostgreSQL database) once per file; the CLI
    // tests spawn a process per command, each opening the database (~5 s each on two busy cores).
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
