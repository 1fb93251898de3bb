import { defineConfig } from "vitest/config";

// One run over every package (each package is a project named after its package.json).
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/api", "apps/web", "e2e"],
  },
});
