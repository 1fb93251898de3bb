import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    // One real server and one browser per file; the steps of a scenario run in order.
    fileParallelism: false,
    testTimeout: 60_000,
    // Building the web app and the first start (migrate + demo seed) happen in beforeAll.
    hookTimeout: 240_000,
    // The suite shares two cores with the database tests: a page that re-renders after a request
    // may take seconds, not the one second expect.poll waits by default.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
