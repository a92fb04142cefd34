import { defineConfig } from "tsup"

export default defineConfig({
  // One output file per module (not one bundle), so that with `sideEffects: false` an app that imports
  // only `Money` does not ship `Calendar` and its holiday library to the browser.
  entry: ["src/*.ts"],
  splitting: true,
  format: ["esm"],
  // Declarations come from tsc (tsconfig.build.json): the bundled d.ts of tsup drops a value whose type
  // shares its name (`LocalDate.LocalDate`) from namespace re-exports.
  dts: false,
  clean: true,
  sourcemap: true,
  target: "es2023",
  removeNodeProtocol: false
})
