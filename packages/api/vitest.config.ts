import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each file gets its own database; files run one at a time to stay gentle on two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
