/** Prometheus metrics: one registry per app, exposed at `/metrics`. */
import { collectDefaultMetrics, type Metric, type MetricValue, Registry } from "prom-client"

export interface Metrics {
  readonly registry: Registry
  /** Counts booking decisions by what the booking became (`confirmed`, `held`, `waitlisted`, `cancelled`, …; `swept`: changes made by the sweeper). */
  readonly decided: (outcome: string, n?: number) => void
  /** Records one answered request. */
  readonly observe: (method: string, route: string, status: number, seconds: number) => void
}

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] as const

/**
 * A metric counted in plain numbers on the request path and turned into prom-client's values when
 * scraped. prom-client's own `observe`/`inc` validate and hash the label values on every call, bound
 * children included: ~5 % of a replayed catalogue request. The registry formats these values as it does
 * its own metrics.
 */
const scrapedOnly = (name: string, help: string, type: "counter" | "histogram", values: () => Array<MetricValue<string>>) => {
  const metric = {
    name,
    help,
    type,
    aggregator: "sum",
    get: async () => ({ name, help, type, aggregator: "sum", values: values() }),
    reset: () => {}
  }
  return metric as unknown as Metric<string>
}

/** A fresh registry with the process's default metrics, HTTP timings and booking outcomes. */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const decisions = new Map<string, number>()
  const decided = (outcome: string, n = 1) => {
    decisions.set(outcome, (decisions.get(outcome) ?? 0) + n)
  }
  registry.registerMetric(
    scrapedOnly("smartfam_booking_decisions_total", "Booking decisions by what the booking became (confirmed, held, waitlisted, cancelled, declined, absent; swept: changes made by the sweeper)", "counter", () =>
      [...decisions].map(([outcome, value]) => ({ labels: { outcome }, value }))
    )
  )
  // Per method and route pattern: count, sum and the count of each bucket (not cumulative: summed when scraped).
  const timings = new Map<string, { readonly method: string; readonly route: string; count: number; sum: number; readonly buckets: Array<number> }>()
  // Per method, route pattern and status.
  const answers = new Map<string, { readonly method: string; readonly route: string; readonly status: string; count: number }>()
  const observe = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${route}`
    let t = timings.get(key)
    if (t === undefined) timings.set(key, (t = { method, route, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }))
    t.count++
    t.sum += seconds
    const b = BUCKETS.findIndex((le) => seconds <= le)
    if (b >= 0) t.buckets[b]!++
    const answer = `${key} ${status}`
    let a = answers.get(answer)
    if (a === undefined) answers.set(answer, (a = { method, route, status: String(status), count: 0 }))
    a.count++
  }
  registry.registerMetric(
    scrapedOnly("smartfam_http_requests_total", "HTTP requests by method, route pattern and status", "counter", () =>
      [...answers.values()].map((a) => ({ labels: { method: a.method, route: a.route, status: a.status }, value: a.count }))
    )
  )
  const duration = "smartfam_http_request_duration_seconds"
  registry.registerMetric(
    scrapedOnly(duration, "HTTP request duration by route pattern", "histogram", () =>
      [...timings.values()].flatMap((t) => {
        const labels = { method: t.method, route: t.route }
        let cumulative = 0
        return [
          ...BUCKETS.map((le, i) => ({ metricName: `${duration}_bucket`, labels: { ...labels, le }, value: (cumulative += t.buckets[i]!) })),
          { metricName: `${duration}_bucket`, labels: { ...labels, le: "+Inf" }, value: t.count },
          { metricName: `${duration}_sum`, labels, value: t.sum },
          { metricName: `${duration}_count`, labels, value: t.count }
        ]
      })
    )
  )
  return { registry, decided, observe }
}
