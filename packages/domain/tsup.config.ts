import { defineConfig } from "tsup"

export default defineConfig({
  // One output file per module (not one bundle), so that with `sideEffects: false` an app that imports
  // only `Money` does not ship `Calendar` and its holiday library to the browser.
  entry: ["src/*.ts"],
  splitting: true,
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2023",
  removeNodeProtocol: false
})
