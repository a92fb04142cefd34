// The baseline: a bare Hono JSON route on @hono/node-server, nothing else.
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono().get("/", (c) => c.json({ ok: true, service: "bare" }))
serve({ fetch: app.fetch, port: Number(process.env["PORT"]), hostname: "127.0.0.1" })
