/**
 * The Hono application: middleware, one sub-app per resource, the error map. `AppType` types the client.
 */
import { Effect } from "effect"
import { type Context, Hono, type MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { HTTPException } from "hono/http-exception"
import { session } from "./http/auth.ts"
import { observe } from "./http/edge.ts"
import type { AppEnv, Run } from "./http/env.ts"
import { log } from "./http/log.ts"
import { idempotency } from "./http/idempotency.ts"
import { makeMetrics, type Metrics } from "./http/metrics.ts"
import { document } from "./http/openapi.ts"
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
}

/**
 * Rejects bodies larger than `maxSize` with a structured 413. A declared Content-Length is checked without
 * touching the body (Hono's bodyLimit turns every request into a web stream, a cost on each POST); only
 * chunked bodies go through it.
 */
const limitBody = (maxSize: number): MiddlewareHandler<AppEnv> => {
  const tooLarge = (c: Context<AppEnv>) => c.json({ _tag: "PayloadTooLarge", message: "Richiesta troppo grande (payload too large)", maxBytes: maxSize }, 413)
  const streamed = bodyLimit({ maxSize, onError: tooLarge })
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next()
    const length = c.req.header("content-length")
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) return Number(length) > maxSize ? tooLarge(c) : next()
    return streamed(c, next)
  }
}

/** Builds the app over a runtime; the same app serves tests (`app.request`) and production. */
export const makeApp = ({ runtime, bodyLimit: maxSize = 64 * 1024, cookieSecure = true, portalUrl = "http://127.0.0.1:3001", metrics = makeMetrics() }: AppOptions) => {
  const openapi = document([...projectOperations, ...catalogueOperations, ...authOperations, ...meOperations, ...bookingOperations, ...calendarOperations, ...eligibilityOperations], {
    title: "Smartfam API",
    version: "1.0.0"
  })
  const run: Run = (effect) => runtime.runPromise(Effect.result(effect))
  const app = new Hono<AppEnv>()
    .use(observe(metrics))
    .use(async (c, next) => {
      c.set("run", run)
      await next()
    })
    .use(limitBody(maxSize))
    .use("/api/*", session())
    .use("/api/*", idempotency())
    .get("/metrics", async (c) => c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }))
    .get("/api/openapi.json", (c) => c.json(openapi, 200))
    .route("/health", health)
    .route("/api/v1/project", project)
    .route("/api/v1/auth", auth({ cookieSecure, portalUrl }))
    .route("/api/v1/services", catalogue())
    .route("/api/v1/me", me)
    .route("/api/v1/bookings", bookings)
    .route("/api/v1/calendar", calendar)
    .route("/api/v1/eligibility", eligibility)

  app.notFound((c) => c.json({ _tag: "NotFound", message: `Percorso non trovato: ${c.req.path} (no such route)` }, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own 4xx (malformed JSON, bad content type): a structured body, never a 500.
      const tag = err.status === 400 ? "BadRequest" : err.status === 413 ? "PayloadTooLarge" : "BadRequest"
      return c.json({ _tag: tag, message: `Richiesta non valida: ${err.message} (bad request)` }, err.status)
    }
    log("error", "defect", { requestId: c.var.requestId, error: err instanceof Error ? err.stack : String(err) })
    return c.json(
      { _tag: "InternalError", message: "Errore interno: riprova più tardi (internal error)", requestId: c.var.requestId },
      500
    )
  })
  return app
}

export type AppType = ReturnType<typeof makeApp>
