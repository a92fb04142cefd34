/**
 * What every response carries and every request records: a request id, the security headers, metrics and
 * an access log line; and the micro-cache of public listings, replayed before the app runs.
 *
 * Behind `atEdge` (production, bench) the request id and the static headers are set on Node's response
 * before Hono writes its own: cheaper than Hono middleware that edits each response's headers, which
 * turns them into a `Headers` object (this alone halved the throughput of a trivial route). Through
 * `app.request` (tests) the app sets the same headers itself.
 */
import { randomUUID } from "node:crypto"
import { createServer, type IncomingHttpHeaders, type IncomingMessage, ServerResponse } from "node:http"
import type { Context } from "hono"
import { matchedRoutes } from "hono/route"
import { LRUCache } from "lru-cache"
import type { AppEnv } from "./env.ts"
import { log, logs } from "./log.ts"
import type { Metrics } from "./metrics.ts"

/**
 * The headers OWASP's REST Security Cheat Sheet lists for JSON APIs: no sniffing, no framing, no referrer,
 * and `no-store` so that no cache keeps personal data (public routes such as the catalogue set their own
 * Cache-Control); HSTS too, but only on HTTPS (see `HSTS`). Browser-document headers (COOP,
 * X-XSS-Protection, X-Download-Options, …) are the web apps' business: every header here is bytes on every
 * response (12 extra headers cost a trivial route a third of its throughput, measured).
 */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["cache-control", "no-store"],
  ["content-security-policy", "frame-ancestors 'none'"],
  ["referrer-policy", "no-referrer"],
  ["x-content-type-options", "nosniff"],
  ["x-frame-options", "DENY"]
]

/**
 * Strict-Transport-Security, sent only on responses that travel over HTTPS (RFC 6797 §7.2: a host must
 * not send it over plain HTTP): a TLS socket, or a trusted proxy that terminated TLS and says so.
 */
export const HSTS = ["strict-transport-security", "max-age=15552000; includeSubDomains"] as const
const SECURITY_HEADERS_HTTPS: ReadonlyArray<readonly [string, string]> = [...SECURITY_HEADERS, HSTS]
/** The security headers of a response that travels over HTTPS or not. */
const securityHeaders = (https: boolean) => (https ? SECURITY_HEADERS_HTTPS : SECURITY_HEADERS)

/** Sets the request id and the security headers on a Node response, leaving those it already has. */
const setEdgeHeaders = (res: ServerResponse, id: string, https: boolean) => {
  if (!res.hasHeader("x-request-id")) res.setHeader("x-request-id", id)
  for (const [name, value] of securityHeaders(https)) if (!res.hasHeader(name)) res.setHeader(name, value)
}

/** Peers believed by default about the client (`X-Forwarded-For`) and the protocol: the portal on the same host. */
export const DEFAULT_TRUSTED_PROXIES: ReadonlyArray<string> = ["127.0.0.1", "::1"]
/** Trusted proxies as `clientAddress` and the edge compare them (see `normalizeAddress`). */
export const trustedSet = (proxies: ReadonlyArray<string> = DEFAULT_TRUSTED_PROXIES): ReadonlySet<string> => new Set(proxies.map(normalizeAddress))
const isHttps = (req: IncomingMessage, trusted: ReadonlySet<string>) =>
  (req.socket as { encrypted?: boolean }).encrypted === true ||
  (req.headers["x-forwarded-proto"] === "https" && req.socket.remoteAddress !== undefined && trusted.has(normalizeAddress(req.socket.remoteAddress)))

/** A request id a proxy passed on is kept when it looks like one; otherwise a new one. */
const ID = /^[\w.:-]{8,128}$/
export const requestIdOf = (header: string | ReadonlyArray<string> | undefined) => (typeof header === "string" && ID.test(header) ? header : randomUUID())

/** The Node request behind a Hono context, when served by Node (not through `app.request`). */
export interface Tagged extends IncomingMessage {
  smartfamRequestId?: string
  /** The body, read once (see `bodyText`). */
  smartfamBody?: Promise<string>
}
export const incomingOf = (c: Context<AppEnv>): Tagged | undefined => (c.env as { incoming?: Tagged } | undefined)?.incoming

/**
 * A request header. Under Node it is read from the parsed `IncomingMessage` headers: Hono's `c.req.header`
 * builds a WHATWG `Headers` object from them on first use, which validates every header again (a measurable
 * share of a small request).
 */
export const headerOf = (c: Context<AppEnv>, name: keyof IncomingHttpHeaders & string): string | undefined => {
  const incoming = incomingOf(c)
  if (incoming === undefined) return c.req.header(name)
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(", ") : value
}

/** Thrown by `bodyText` when a streamed body passes its limit. */
export class BodyTooLarge extends Error {}

/**
 * The request body as text, read once (the idempotency fingerprint and the JSON validator both need it).
 * Under Node it is read from the `IncomingMessage` stream directly rather than through a web stream; the
 * first read may set a limit in bytes, past which it fails with `BodyTooLarge` (the rest is drained).
 */
export const bodyText = (c: Context<AppEnv>, limit = Number.POSITIVE_INFINITY): Promise<string> => {
  const incoming = incomingOf(c)
  if (incoming === undefined) return c.req.text()
  if (incoming.smartfamBody === undefined) {
    incoming.smartfamBody = new Promise<string>((resolve, reject) => {
      const chunks: Array<Buffer> = []
      let size = 0
      incoming.on("data", (chunk: Buffer) => {
        if (size > limit) return
        size += chunk.length
        if (size > limit) reject(new BodyTooLarge())
        else chunks.push(chunk)
      })
      incoming.on("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")))
      incoming.on("error", reject)
    })
  }
  return incoming.smartfamBody
}

/**
 * The text of a response that the app made from a string (what `c.json`, `c.body` and `c.text` make),
 * e.g. to store it for an Idempotency-Key. @hono/node-server's own `Response` keeps the parts it was made
 * of under a symbol (`cache`) until something reads it as a web `Response`; reading a clone instead would
 * build two undici responses and make the server send the body as a stream (measured: ~10 % of a booking
 * with a key). Any other response is read from a clone. test/edge.test.ts checks that the fast path holds.
 */
export const responseText = (res: Response): Promise<string> => {
  const parts = Object.getOwnPropertySymbols(res).find((s) => s.description === "cache")
  const cached = parts === undefined ? undefined : (res as unknown as Record<symbol, unknown>)[parts]
  if (Array.isArray(cached) && typeof cached[1] === "string") return Promise.resolve(cached[1])
  return res.clone().text()
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy (the portal's server, a
 * reverse proxy), the nearest address in `X-Forwarded-For` that is not one of them (`trusted` holds
 * normalized addresses, see `normalizeAddress`). Undefined when the
 * request did not come through Node (`app.request`).
 */
export const clientAddress = (c: Context<AppEnv>, trusted: ReadonlySet<string>): string | undefined => {
  const incoming = incomingOf(c)
  const remote = incoming?.socket.remoteAddress
  if (incoming === undefined || remote === undefined) return undefined
  const peer = normalizeAddress(remote)
  if (!trusted.has(peer)) return peer
  const forwarded = headerOf(c, "x-forwarded-for")
  if (forwarded === undefined) return peer
  const hops = forwarded.split(",").map((h) => normalizeAddress(h.trim())).filter((h) => h !== "")
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted.has(hops[i]!)) return hops[i]
  return hops[0] ?? peer
}

/** An IPv4 address as a dual-stack socket reports it (`::ffff:10.0.0.5`) is the IPv4 address (`10.0.0.5`). */
export const normalizeAddress = (address: string) => (address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address)

// --- the micro-cache --------------------------------------------------------------------------------------

/** One representation of a cached response (plain or gzip) with its ETag. */
interface Variant {
  readonly body: Buffer
  readonly etag: string
}

/** A public response kept for a short while, in both encodings. */
export interface Cached {
  /** The route pattern, for metrics. */
  readonly route: string
  readonly contentType: string
  readonly plain: Variant
  readonly gzip: Variant
}

/**
 * Public GET responses by URL (path and query), for a second: a listing is read far more often than its
 * places change. The app fills it (routes that opt in) and replays it itself; `atEdge` replays it before
 * the app runs, as a micro-caching reverse proxy would.
 */
export type Microcache = LRUCache<string, Cached>
export const makeMicrocache = (ttlMs = 1_000): Microcache => new LRUCache<string, Cached>({ max: 500, ttl: ttlMs })

/** What a cached response looks like to one client: gzip when it accepts it, 304 when it already has it. */
export const representation = (cached: Cached, acceptEncoding: string | undefined, ifNoneMatch: string | undefined) => {
  const gzip = acceptEncoding !== undefined && /\bgzip\b/.test(acceptEncoding)
  const variant = gzip ? cached.gzip : cached.plain
  // Public data: caches may keep it and revalidate with the ETag.
  const cache = { "cache-control": "public, no-cache", vary: "accept-encoding", etag: variant.etag }
  if (ifNoneMatch === variant.etag) return { status: 304 as const, headers: cache, body: null }
  const headers: Record<string, string> = gzip ? { "content-type": cached.contentType, "content-encoding": "gzip", ...cache } : { "content-type": cached.contentType, ...cache }
  return { status: 200 as const, headers, body: variant.body }
}

/**
 * A replayed response's whole header list (security headers, its own, the request id last) for each of
 * its eight answers (gzip or not, HTTPS or not, 304 or not), built once per cached response: one
 * `writeHead` with a flat list is Node's cheapest way to send headers.
 */
const replayHeaders = new WeakMap<Cached, Array<Array<string> | undefined>>()
const GZIP = /\bgzip\b/
const replayOf = (cached: Cached, req: IncomingMessage, trusted: ReadonlySet<string>) => {
  const acceptEncoding = req.headers["accept-encoding"]
  const gzip = acceptEncoding !== undefined && GZIP.test(acceptEncoding)
  const variant = gzip ? cached.gzip : cached.plain
  const notModified = req.headers["if-none-match"] === variant.etag
  const https = isHttps(req, trusted)
  let lists = replayHeaders.get(cached)
  if (lists === undefined) replayHeaders.set(cached, (lists = []))
  const index = (gzip ? 1 : 0) | (https ? 2 : 0) | (notModified ? 4 : 0)
  let headers = lists[index]
  if (headers === undefined) {
    const answer = representation(cached, gzip ? "gzip" : undefined, notModified ? variant.etag : undefined)
    const own: Record<string, string> = answer.body === null ? answer.headers : { ...answer.headers, "content-length": String(answer.body.length) }
    lists[index] = headers = [...securityHeaders(https).filter(([name]) => own[name] === undefined).flat(), ...Object.entries(own).flat(), "x-request-id", ""]
  }
  return { status: notModified ? 304 : 200, headers, body: notModified ? undefined : variant.body }
}

/** Records an answered request: metrics, and an access log line. */
const record = (metrics: Metrics | undefined, id: string, method: string, route: string, path: string, status: number, ms: number) => {
  metrics?.observe(method, route, status, ms / 1000)
  if (logs("info")) log("info", "request", { requestId: id, method, path, status, ms: Math.round(ms * 10) / 10 })
}

export interface EdgeOptions {
  /** Replayed for GETs while fresh. */
  readonly microcache?: Microcache
  /** Where replayed responses are counted (the app counts the rest). */
  readonly metrics?: Metrics
  /** Peers whose `X-Forwarded-Proto` is believed (normalized addresses); default loopback. */
  readonly trusted?: ReadonlySet<string>
}

/**
 * Node's response with the edge's headers added to the one `writeHead` call @hono/node-server makes, as
 * properties of the header record it passes: headers set earlier with `setHeader` make Node merge and
 * validate every header one call at a time (measured: a trivial route went from ~92 % to ~100–130 % of
 * a bare route's throughput).
 */
export class EdgeResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  /** This response's request id and whether it travels over HTTPS; set by `atEdge`. */
  smartfamRequestId = ""
  smartfamHttps = false

  override writeHead(status: number, ...rest: Array<unknown>): this {
    const [first, second] = rest
    const record = typeof first === "string" ? second : first
    if (this.smartfamRequestId !== "" && !this.headersSent) {
      if (record !== undefined && record !== null && typeof record === "object" && !Array.isArray(record)) {
        // A copy: the caller's record may be shared (a constant), and names may come in any case.
        const headers: Record<string, unknown> = { ...(record as Record<string, unknown>) }
        const own = new Set(Object.keys(headers).map((name) => name.toLowerCase()))
        headers["x-request-id"] = this.smartfamRequestId
        for (const [name, value] of securityHeaders(this.smartfamHttps)) if (!own.has(name)) headers[name] = value
        const args = typeof first === "string" ? [first, headers] : [headers]
        return (super.writeHead as (status: number, ...rest: Array<unknown>) => this)(status, ...args)
      } else {
        // No record (an implicit or a bare writeHead): the slower, general way.
        setEdgeHeaders(this, this.smartfamRequestId, this.smartfamHttps)
      }
    }
    return (super.writeHead as (status: number, ...rest: Array<unknown>) => this)(status, ...rest)
  }
}

/** A Node HTTP server whose responses are `EdgeResponse`s, serving `listener` (from `atEdge`). */
export const edgeServer = (listener: (req: IncomingMessage, res: ServerResponse) => void) => createServer({ ServerResponse: EdgeResponse }, listener)

/** Wraps the Node request listener of the app (from @hono/node-server): request id, security headers, micro-cache. */
export const atEdge = (handle: (req: IncomingMessage, res: ServerResponse) => unknown, { microcache, metrics, trusted = trustedSet() }: EdgeOptions = {}) => {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const id = requestIdOf(req.headers["x-request-id"])
    const url = req.url ?? "/"
    const hit = microcache !== undefined && req.method === "GET" ? microcache.get(url) : undefined
    if (hit !== undefined) {
      const started = performance.now()
      const answer = replayOf(hit, req, trusted)
      // Node copies the list into the header block at once: the shared list can take this request's id.
      answer.headers[answer.headers.length - 1] = id
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body)
      const at = url.indexOf("?")
      record(metrics, id, "GET", hit.route, at < 0 ? url : url.slice(0, at), answer.status, performance.now() - started)
      return
    }
    ;(req as Tagged).smartfamRequestId = id
    if (res instanceof EdgeResponse) {
      res.smartfamRequestId = id
      res.smartfamHttps = isHttps(req, trusted)
    } else {
      setEdgeHeaders(res, id, isHttps(req, trusted))
    }
    void handle(req, res)
  }
}

/** The request id (from the edge, or set here with the headers), then metrics and the access log once answered. */
export const observe = (metrics: Metrics) => async (c: Context<AppEnv>, next: () => Promise<void>) => {
  let id = incomingOf(c)?.smartfamRequestId
  if (id === undefined) {
    id = requestIdOf(c.req.header("x-request-id"))
    c.header("x-request-id", id)
    for (const [name, value] of securityHeaders(new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https")) c.header(name, value)
  }
  c.set("requestId", id)
  const started = performance.now()
  await next()
  record(metrics, id, c.req.method, matchedRoutes(c)[c.req.routeIndex]?.path ?? "unmatched", c.req.path, c.res.status, performance.now() - started)
}
