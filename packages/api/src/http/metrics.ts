/** Prometheus metrics: one registry per app, exposed at `/metrics`. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client"

export interface Metrics {
  readonly registry: Registry
  readonly bookings: Counter<"outcome">
  /** Records one answered request. */
  readonly observe: (method: string, route: string, status: number, seconds: number) => void
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
  // prom-client hashes the label values on every call: keep the bound children per label set.
  const counters = new Map<string, ReturnType<typeof requests.labels>>()
  const timers = new Map<string, ReturnType<typeof duration.labels>>()
  const observe = (method: string, route: string, status: number, seconds: number) => {
    const timer = `${method} ${route}`
    const counter = `${timer} ${status}`
    let h = timers.get(timer)
    if (h === undefined) timers.set(timer, (h = duration.labels({ method, route })))
    let n = counters.get(counter)
    if (n === undefined) counters.set(counter, (n = requests.labels({ method, route, status: String(status) })))
    h.observe(seconds)
    n.inc()
  }
  return { registry, bookings, observe }
}
