// The baselines: a bare Hono JSON route on @hono/node-server, nothing else; and, when the bench passes
// them, the catalogue's exact response (bytes and headers) served as a constant, to tell what the bytes
// on the wire cost from what the API's work costs.
import fs from "node:fs"
import { serve } from "@hono/node-server"
import { Hono } from "hono"

const app = new Hono()
  .get("/", (c) => c.json({ ok: true, service: "bare" }))
  // A booking's HTTP alone: the same request as the API's POST /api/v1/bookings (cookie, JSON body), read
  // and answered with a booking-sized 201, with no work in between.
  .post("/api/v1/bookings", async (c) => {
    const body = (await c.req.json()) as { sessionId: string; childId: string }
    return c.json(
      {
        id: "b-01900000-0000-7000-8000-000000000000",
        sessionId: body.sessionId,
        serviceId: "centro-estivo-staffora",
        date: "2023-06-12",
        start: "08:00",
        end: "16:00",
        startsAt: "2023-06-12T06:00:00.000Z",
        endsAt: "2023-06-12T14:00:00.000Z",
        childId: body.childId,
        status: "confirmed",
        waitlistPosition: null,
        holdExpiresAt: null,
        offerExpiresAt: null
      },
      201
    )
  })
const bodyFile = process.env["BARE_BODY_FILE"]
if (bodyFile !== undefined) {
  const body = fs.readFileSync(bodyFile)
  const headers = JSON.parse(process.env["BARE_HEADERS"] ?? "{}") as Record<string, string>
  app.get("/same", () => new Response(body, { headers }))
}
serve({ fetch: app.fetch, port: Number(process.env["PORT"]), hostname: "127.0.0.1" })
