/** Prometheus metrics: one registry per app, exposed at `/metrics`. */
import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client"

export interface Metrics {
  readonly registry: Registry
  readonly bookings: Counter<"outcome">
  readonly middleware: MiddlewareHandler
}

/** A fresh registry with the process's default metrics, HTTP timings and booking outcomes. */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: "smartfam_http_requests_total",
    help: "HTTP requests by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry]
  })
  const duration = new Histogram({
    name: "smartfam_http_request_duration_seconds",
    help: "HTTP request duration by route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry]
  })
  const bookings = new Counter({
    name: "smartfam_booking_decisions_total",
    help: "Booking decisions by outcome (confirmed, held, waitlisted, cancelled, expired, offered)",
    labelNames: ["outcome"] as const,
    registers: [registry]
  })
  const middleware: MiddlewareHandler = async (c, next) => {
    const end = process.hrtime.bigint()
    await next()
    const route = matchedRoutes(c)[c.req.routeIndex]?.path ?? "unmatched"
    const seconds = Number(process.hrtime.bigint() - end) / 1e9
    requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    duration.observe({ method: c.req.method, route }, seconds)
  }
  return { registry, bookings, middleware }
}
