import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    // One real server and one browser per file; the steps of a scenario run in order.
    fileParallelism: false,
    testTimeout: 60_000,
    // Building the web app and the first start (migrate + demo seed) happen in beforeAll.
    hookTimeout: 240_000,
  },
});
