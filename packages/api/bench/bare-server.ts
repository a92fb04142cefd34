// The baselines: a bare Hono JSON route on @hono/node-server, nothing else; and, when the bench passes
// them, the catalogue's exact response (bytes and headers) served as a constant, to tell what the bytes
// on the wire cost from what the API's work costs.
import fs from "node:fs"
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono().get("/", (c) => c.json({ ok: true, service: "bare" }))
const bodyFile = process.env["BARE_BODY_FILE"]
if (bodyFile !== undefined) {
  const body = fs.readFileSync(bodyFile)
  const headers = JSON.parse(process.env["BARE_HEADERS"] ?? "{}") as Record<string, string>
  app.get("/same", () => new Response(body, { headers }))
}
serve({ fetch: app.fetch, port: Number(process.env["PORT"]), hostname: "127.0.0.1" })
