/**
 * The Hono application: middleware, one sub-app per resource, the error map. `AppType` types the client.
 */
import { getRequestListener } from "@hono/node-server"
import { Effect } from "effect"
import { type Context, Hono, type MiddlewareHandler, type Next } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { session } from "./http/auth.ts"
import { atEdge, BodyTooLarge, bodyText, headerOf, incomingOf, type Microcache, makeMicrocache, observe, trustedSet } from "./http/edge.ts"
import type { AppEnv, Run } from "./http/env.ts"
import { log } from "./http/log.ts"
import { idempotency } from "./http/idempotency.ts"
import { makeMetrics, type Metrics } from "./http/metrics.ts"
import { document } from "./http/openapi.ts"
import { admissions, applicationOperations, applications } from "./routes/applications.ts"
import { auth, authOperations } from "./routes/auth.ts"
import { bookingOperations, bookings } from "./routes/bookings.ts"
import { calendar, calendarOperations } from "./routes/calendar.ts"
import { catalogue, catalogueOperations } from "./routes/catalogue.ts"
import { eligibility, eligibilityOperations } from "./routes/eligibility.ts"
import { me, meOperations } from "./routes/me.ts"
import { health } from "./routes/health.ts"
import { project, projectOperations } from "./routes/project.ts"
import type { AppRuntime } from "./runtime.ts"

export interface AppOptions {
  readonly runtime: AppRuntime
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit?: number
  /** `Secure` on cookies (config SMARTFAM_COOKIE_SECURE); default true. */
  readonly cookieSecure?: boolean
  /** The families' portal, where OIDC logins land (config SMARTFAM_PORTAL_URL). */
  readonly portalUrl?: string
  /** Prometheus registry; a fresh one per app by default. */
  readonly metrics?: Metrics
  /** Peers whose `X-Forwarded-For` names the client (config SMARTFAM_TRUSTED_PROXIES); default loopback. */
  readonly trustedProxies?: ReadonlyArray<string>
  /** Public responses kept for a second (see http/edge.ts); shared with `atEdge` when served by Node. */
  readonly microcache?: Microcache
}

/**
 * Rejects bodies larger than `maxSize` with a structured 413. A declared Content-Length is checked without
 * touching the body (Node's parser stops a body at its declared length); a streamed body is read here,
 * counting, under Node, and through Hono's bodyLimit otherwise (`app.request`).
 */
const limitBody = (maxSize: number) => {
  const tooLarge = (c: Context<AppEnv>) => c.json({ _tag: "PayloadTooLarge", message: "Richiesta troppo grande (payload too large)", maxBytes: maxSize }, 413)
  const streamed = bodyLimit({ maxSize, onError: tooLarge })
  return async (c: Context<AppEnv>, next: Next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next()
    const length = headerOf(c, "content-length")
    if (length !== undefined && headerOf(c, "transfer-encoding") === undefined) return Number(length) > maxSize ? tooLarge(c) : next()
    if (incomingOf(c) === undefined) return streamed(c, next)
    try {
      await bodyText(c, maxSize)
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge(c)
      throw error
    }
    return next()
  }
}

/**
 * What every request goes through first: request id, metrics and access log, the runner, the body limit.
 * One middleware, not three: each layer costs every request a dispatch and an async frame.
 */
const front = (metrics: Metrics, run: Run, maxSize: number): MiddlewareHandler<AppEnv> => {
  const watch = observe(metrics)
  const limit = limitBody(maxSize)
  return (c, next) =>
    watch(c, async () => {
      c.set("run", run)
      const answer = await limit(c, next)
      if (answer instanceof Response) c.res = answer
    })
}

/** Builds the app over a runtime; the same app serves tests (`app.request`) and production. */
export const makeApp = ({ runtime, bodyLimit: maxSize = 64 * 1024, cookieSecure = true, portalUrl = "http://127.0.0.1:3001", metrics = makeMetrics(), microcache = makeMicrocache(), trustedProxies }: AppOptions) => {
  const openapi = document([...projectOperations, ...catalogueOperations, ...authOperations, ...meOperations, ...bookingOperations, ...applicationOperations, ...calendarOperations, ...eligibilityOperations], {
    title: "Smartfam API",
    version: "1.0.0"
  })
  const run: Run = (effect) => runtime.runPromise(Effect.result(effect))
  const app = new Hono<AppEnv>()
    .use(front(metrics, run, maxSize))
    .use("/api/*", session())
    .on("POST", "/api/*", idempotency())
    .get("/metrics", async (c) => c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }))
    .get("/api/openapi.json", (c) => c.json(openapi, 200))
    .route("/health", health)
    .route("/api/v1/project", project)
    .route("/api/v1/auth", auth({ cookieSecure, portalUrl, ...(trustedProxies === undefined ? {} : { trustedProxies }) }))
    .route("/api/v1/services", catalogue(microcache))
    .route("/api/v1/me", me)
    .route("/api/v1/bookings", bookings(metrics))
    .route("/api/v1/admissions", admissions)
    .route("/api/v1/applications", applications)
    .route("/api/v1/calendar", calendar)
    .route("/api/v1/eligibility", eligibility)

  app.notFound((c) => c.json({ _tag: "NotFound", message: `Percorso non trovato: ${c.req.path} (no such route)` }, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx (malformed JSON, bad content type): a structured body, never a 500.
      const tag = err.status === 400 ? "BadRequest" : err.status === 413 ? "PayloadTooLarge" : "BadRequest"
      return c.json({ _tag: tag, message: `Richiesta non valida: ${err.message} (bad request)` }, err.status)
    }
    log("error", "defect", { requestId: c.get("requestId"), error: err instanceof Error ? err.stack : String(err) })
    return c.json(
      { _tag: "InternalError", message: "Errore interno: riprova più tardi (internal error)", requestId: c.get("requestId") },
      500
    )
  })
  return app
}

export type AppType = ReturnType<typeof makeApp>

/**
 * The app as a Node request listener, behind the edge (request id, security headers, micro-cache replay):
 * what `main.ts serve` and the edge tests run.
 */
export const nodeListener = (options: AppOptions & { readonly hostname?: string }) => {
  const metrics = options.metrics ?? makeMetrics()
  const microcache = options.microcache ?? makeMicrocache()
  const app = makeApp({ ...options, metrics, microcache })
  return atEdge(getRequestListener(app.fetch, options.hostname === undefined ? {} : { hostname: options.hostname }), { metrics, microcache, trusted: trustedSet(options.trustedProxies) })
}
