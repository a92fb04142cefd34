// Copies the Titillium Web faces Bootstrap Italia uses (woff2 only) into an app's static folder.
// The fonts come from the bootstrap-italia package at build time instead of being committed.
import fs from "node:fs"
import path from "node:path"
import { createRequire } from "node:module"

const out = path.resolve(process.argv[2] ?? "static/fonts")
const require = createRequire(path.join(process.cwd(), "package.json"))
const pkg = path.dirname(require.resolve("bootstrap-italia/package.json"))
const from = path.join(pkg, "dist/fonts/Titillium_Web")
fs.mkdirSync(out, { recursive: true })
for (const weight of ["300", "regular", "600", "700"]) {
  const file = `titillium-web-v10-latin-ext_latin-${weight}.woff2`
  fs.copyFileSync(path.join(from, file), path.join(out, file))
}
