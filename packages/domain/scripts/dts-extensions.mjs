// tsc keeps `./X.ts` specifiers in emitted declarations (rewriteRelativeImportExtensions only rewrites JS);
// published .d.ts files must point at `./X.js`, which every consumer's TypeScript resolves.
import fs from "node:fs"
import path from "node:path"

const dist = path.resolve(import.meta.dirname, "../dist")
for (const file of fs.readdirSync(dist)) {
  if (!file.endsWith(".d.ts")) continue
  const full = path.join(dist, file)
  const text = fs.readFileSync(full, "utf8")
  const fixed = text.replace(/(from\s+["']\.{1,2}\/[^"']+)\.ts(["'])/g, "$1.js$2").replace(/(import\(["']\.{1,2}\/[^"']+)\.ts(["']\))/g, "$1.js$2")
  if (fixed !== text) fs.writeFileSync(full, fixed)
}
