/**
 * What every response carries and every request records: a request id, the security headers, metrics and
 * an access log line.
 *
 * Behind `atEdge` (production, bench) the request id and the static headers are set on Node's response
 * before Hono writes its own: cheaper than Hono middleware that edits each response's headers, which
 * turns them into a `Headers` object (this alone halved the throughput of a trivial route). Through
 * `app.request` (tests) the app sets the same headers itself.
 */
import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import type { AppEnv } from "./env.ts"
import { log } from "./log.ts"
import type { Metrics } from "./metrics.ts"

/**
 * The headers OWASP's REST Security Cheat Sheet lists for JSON APIs: no sniffing, no framing, HSTS, no
 * referrer, and `no-store` so that no cache keeps personal data (public routes such as the catalogue set
 * their own Cache-Control). Browser-document headers (COOP, X-XSS-Protection, X-Download-Options, …) are
 * the web apps' business: every header here is bytes on every response (12 extra headers cost a trivial
 * route a third of its throughput, measured).
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["cache-control", "no-store"],
  ["content-security-policy", "frame-ancestors 'none'"],
  ["referrer-policy", "no-referrer"],
  ["strict-transport-security", "max-age=15552000; includeSubDomains"],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"]
]

/** A request id a proxy passed on is kept when it looks like one; otherwise a new one. */
const ID = /^[\w.:-]{8,128}$/
const requestIdOf = (header: string | ReadonlyArray<string> | undefined) => (typeof header === "string" && ID.test(header) ? header : randomUUID())

interface Tagged extends IncomingMessage {
  smartfamRequestId?: string
}

/** Wraps the Node request listener of the app (from @hono/node-server): request id and security headers at the edge. */
export const atEdge = (handle: (req: IncomingMessage, res: ServerResponse) => unknown) => {
  return (req: IncomingMessage, res: ServerResponse) => {
    const id = requestIdOf(req.headers["x-request-id"])
    ;(req as Tagged).smartfamRequestId = id
    res.setHeader("x-request-id", id)
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value)
    return handle(req, res)
  }
}

/** The request id (from the edge, or set here with the headers), then metrics and the access log once answered. */
export const observe = (metrics: Metrics): MiddlewareHandler<AppEnv> => async (c, next) => {
  const incoming = (c.env as { incoming?: Tagged } | undefined)?.incoming
  let id = incoming?.smartfamRequestId
  if (id === undefined) {
    id = requestIdOf(c.req.header("x-request-id"))
    c.header("x-request-id", id)
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value)
  }
  c.set("requestId", id)
  const started = performance.now()
  await next()
  const ms = performance.now() - started
  const route = matchedRoutes(c)[c.req.routeIndex]?.path ?? "unmatched"
  metrics.observe(c.req.method, route, c.res.status, ms / 1000)
  log("info", "request", { requestId: id, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(ms * 10) / 10 })
}
