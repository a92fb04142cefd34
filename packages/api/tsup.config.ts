import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/main.ts", "src/client.ts"],
  format: ["esm"],
  dts: { entry: ["src/client.ts"] },
  clean: true,
  sourcemap: true,
  target: "node24",
  platform: "node",
  removeNodeProtocol: false
})
