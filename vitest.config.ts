import { defineConfig } from "vitest/config";

// Three suites: unit (pure shared/ code and fidelity vectors), integration (a real Colyseus server with real SDK
// clients) and browser (real Chromium driving the built client). `npm test` runs all three after the typecheck.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/fidelity/**/*.test.ts"], testTimeout: 120_000 } },
      { test: { name: "integration", include: ["test/integration/**/*.test.ts"], testTimeout: 60_000, fileParallelism: false } },
      { test: { name: "browser", include: ["test/browser/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
