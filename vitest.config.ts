import { defineConfig } from "vitest/config";

// Three suites: unit (pure shared/ code and fidelity vectors), integration (a real Colyseus server with real SDK
// clients) and browser (real Chromium driving the built client). `npm test` runs all three after the typecheck.
// expect.poll waits on what a user would see (a patch arriving, a page re-rendering); its 1 s default is too short
// on a loaded 2-core CI machine, and a longer wait costs nothing when the condition comes true at once.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/fidelity/**/*.test.ts"], testTimeout: 120_000 } },
      { test: { name: "integration", include: ["test/integration/**/*.test.ts"], testTimeout: 60_000, fileParallelism: false, expect: { poll: { timeout: 20_000 } } } },
      { test: { name: "browser", include: ["test/browser/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, expect: { poll: { timeout: 30_000 } } } },
    ],
  },
});
