/**
 * Runs the package's benchmarks: every `bench/*.bench.ts` (or those whose name contains an argument),
 * one after the other in this process. `pnpm --filter @smartfam/domain bench [eligibility]`.
 * Each bench prints its own figures and ratios measured in the same run; nothing here asserts timings.
 */
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"

const dir = fileURLToPath(new URL(".", import.meta.url))
const filters = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort()

for (const f of files) {
  console.log(`\n# ${f}`)
  await import(new URL(f, import.meta.url).href)
}
