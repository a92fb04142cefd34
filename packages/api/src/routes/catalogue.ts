/**
 * The public catalogue: services with filters (kind, child's age, comune, period, closure periods only)
 * and live availability, a service's page data, its sessions with places left.
 */
import { createHash } from "node:crypto"
import { gzipSync } from "node:zlib"
import { LocalDate, Service } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import { type Context, Hono, type TypedResponse } from "hono"
import { type Cached, headerOf, type Microcache, makeMicrocache, representation } from "../http/edge.ts"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { plusDays, romeDate } from "../http/today.ts"
import { validate } from "../http/validate.ts"
import { type Availability, Catalogue, type SessionView } from "../services/Catalogue.ts"
import { Clock } from "../services/Clock.ts"

const encodeOnce = Schema.encodeSync(Service.Service)
const encoded = new WeakMap<Service.Service, ReturnType<typeof encodeOnce>>()
/** The JSON form of a service, computed once per decoded service. */
const encodeService = (s: Service.Service) => {
  let e = encoded.get(s)
  if (e === undefined) encoded.set(s, (e = encodeOnce(s)))
  return e
}
const Bool = Schema.Literals(["true", "false"])
const IntString = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{1,3}$/)))

export const CatalogueQuery = Schema.Struct({
  kind: Schema.optionalKey(Service.ServiceKind),
  /** The child's age in months on the first day of the period. */
  ageMonths: Schema.optionalKey(IntString),
  /** ISTAT code of the comune. */
  comune: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{6}$/)))),
  from: Schema.optionalKey(LocalDate.LocalDate),
  to: Schema.optionalKey(LocalDate.LocalDate),
  closureOnly: Schema.optionalKey(Bool),
  network: Schema.optionalKey(Service.Network)
}).annotate({ identifier: "CatalogueQuery" })

export const PeriodQuery = Schema.Struct({
  from: Schema.optionalKey(LocalDate.LocalDate),
  to: Schema.optionalKey(LocalDate.LocalDate)
}).annotate({ identifier: "PeriodQuery" })

const AvailabilitySchema = Schema.Struct({
  sessions: Schema.Number,
  capacity: Schema.Number,
  taken: Schema.Number,
  waiting: Schema.Number,
  placesLeft: Schema.Number,
  nextDate: Schema.NullOr(Schema.String)
}).annotate({ identifier: "Availability" })

export const SessionSchema = Schema.Struct({
  id: Schema.String,
  serviceId: Schema.String,
  date: Schema.String,
  start: Schema.String,
  end: Schema.String,
  startsAt: Schema.String,
  endsAt: Schema.String,
  capacity: Schema.Number,
  taken: Schema.Number,
  waiting: Schema.Number,
  placesLeft: Schema.Number
}).annotate({ identifier: "Session" })

/** A service as listed: enough to choose, without its page (GET /services/{id} has it). */
const ServiceSummary = Schema.Struct({
  id: Schema.String,
  name: Service.Text,
  summary: Service.Text,
  kind: Service.ServiceKind,
  kindLabel: Schema.String,
  provider: Service.Provider,
  location: Schema.String,
  target: Service.Target,
  fees: Service.Fees,
  schedule: Schema.Struct({
    kind: Schema.Literals(["recurring", "closure-only"]),
    from: Schema.String,
    to: Schema.String,
    start: Schema.String,
    end: Schema.String
  }),
  funded: Schema.Boolean,
  network: Service.Network,
  demo: Schema.Boolean,
  availability: AvailabilitySchema
}).annotate({ identifier: "CatalogueItem" })

const Listing = Schema.Struct({
  from: Schema.String,
  to: Schema.String,
  today: Schema.String,
  items: Schema.Array(ServiceSummary)
}).annotate({ identifier: "Catalogue" })

const summaryOf = (s: Service.Service, availability: Availability) => {
  const e = encodeService(s)
  return {
    id: e.id,
    name: e.name,
    summary: e.summary,
    kind: e.kind,
    kindLabel: Service.kindLabel[s.kind],
    provider: e.provider,
    location: e.location,
    target: e.target,
    fees: e.fees,
    schedule: {
      kind: e.schedule.kind,
      from: e.schedule.from,
      to: e.schedule.to,
      start: e.schedule.start,
      end: e.schedule.end
    },
    funded: e.funded,
    network: e.network,
    demo: e.demo,
    availability
  }
}

/** The period asked for, or the next 60 days from today (Rome). */
const period = (q: { from?: string; to?: string }, now: Date) => {
  const today = romeDate(now)
  const from = q.from ?? today
  return { today, from, to: q.to ?? plusDays(from, 60) }
}

const matches = (s: Service.Service, q: typeof CatalogueQuery.Type, from: string): boolean => {
  if (q.kind !== undefined && s.kind !== q.kind) return false
  if (q.comune !== undefined && s.location !== q.comune) return false
  if (q.network !== undefined && s.network !== q.network) return false
  if (q.closureOnly === "true" && s.schedule.kind !== "closure-only") return false
  if (q.ageMonths !== undefined) {
    if (s.target.kind !== "child") return false
    const age = Number(q.ageMonths)
    if (age < s.target.minMonths || age >= s.target.maxMonths) return false
  }
  return s.schedule.to >= from
}

/** The JSON of a listing (what the typed client reads). */
export interface ListingJson {
  readonly from: string
  readonly to: string
  readonly today: string
  readonly items: ReadonlyArray<ReturnType<typeof summaryOf>>
}

/** A listing as the micro-cache keeps it: bytes, also gzipped (~9 KB, ~2 KB gzipped), with the ETag of each. */
const cachedListing = (value: ListingJson): Cached => {
  const bytes = Buffer.from(JSON.stringify(value))
  const tag = createHash("sha1").update(bytes).digest("base64url")
  return { route: "/api/v1/services", contentType: "application/json", plain: { body: bytes, etag: `"${tag}"` }, gzip: { body: gzipSync(bytes), etag: `"${tag}-gz"` } }
}

const none: Availability = { sessions: 0, capacity: 0, taken: 0, waiting: 0, placesLeft: 0, nextDate: null }

/** Answers with a cached listing, gzipped when the client accepts it, or 304 when it has it. */
const send = (c: Context<AppEnv>, listing: Cached): TypedResponse<ListingJson, 200, "json"> => {
  const answer = representation(listing, headerOf(c, "accept-encoding"), headerOf(c, "if-none-match"))
  // A raw response, typed for the client as the JSON it carries (a 304 carries none, and says so).
  return new Response(answer.body, { status: answer.status, headers: answer.headers }) as unknown as TypedResponse<ListingJson, 200, "json">
}

/** The path and query of a request: the micro-cache's key, as Node's `req.url` has it. */
const keyOf = (url: string) => url.slice(url.indexOf("/", url.indexOf("//") + 2))

/**
 * The catalogue routes. Listings are read far more than places change: a listing's bytes go to the
 * micro-cache (see http/edge.ts) for a second per path and query, and are replayed from there before
 * validation, services or availability are touched (by the edge itself when served by Node).
 */
export const catalogue = (microcache: Microcache = makeMicrocache()) => {
  return new Hono<AppEnv>()
    .get(
      "/",
      async (c, next) => {
        const hit = microcache.get(keyOf(c.req.url))
        return hit === undefined ? next() : send(c, hit)
      },
      validate("query", CatalogueQuery),
      async (c) => {
        const q = c.req.valid("query")
        const result = await c.get("run")(
          Effect.gen(function* () {
            const now = yield* (yield* Clock).now
            const p = period(q, now)
            if (p.from > p.to) return undefined
            const cat = yield* Catalogue
            const services = yield* cat.list
            const availability = yield* cat.availability(p.from, p.to, now)
            const items = services
              .filter((s) => matches(s, q, p.from))
              .map((s) => summaryOf(s, availability.get(s.id) ?? none))
            return cachedListing({ ...p, items })
          })
        )
        if (result._tag === "Failure") return problem(c, result.failure)
        if (result.success === undefined) {
          return c.json(
            {
              _tag: "ValidationError",
              message: "Il periodo finisce prima di iniziare (period ends before it starts)",
              issues: [{ path: "to", message: "precede from" }]
            },
            400
          )
        }
        microcache.set(keyOf(c.req.url), result.success)
        return send(c, result.success)
      }
    )
    .get("/:id", async (c) => {
      const id = c.req.param("id")
      const result = await c.get("run")(
        Effect.gen(function* () {
          const now = yield* (yield* Clock).now
          const p = period({}, now)
          const cat = yield* Catalogue
          const service = yield* cat.get(id)
          const availability = (yield* cat.availability(p.from, p.to, now)).get(service.id) ?? none
          return {
            service: encodeService(service),
            kindLabel: Service.kindLabel[service.kind],
            availability,
            ...p
          }
        })
      )
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(result.success, 200)
    })
    .get("/:id/sessions", validate("query", PeriodQuery), async (c) => {
      const id = c.req.param("id")
      const q = c.req.valid("query")
      const result = await c.get("run")(
        Effect.gen(function* () {
          const now = yield* (yield* Clock).now
          const p = period(q, now)
          const cat = yield* Catalogue
          yield* cat.get(id)
          const sessions: ReadonlyArray<SessionView> = yield* cat.sessions(id, p.from, p.to, now)
          return { ...p, sessions }
        })
      )
      if (result._tag === "Failure") return problem(c, result.failure)
      return c.json(result.success, 200)
    })
}

/** The OpenAPI description of these routes. */
export const catalogueOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/services",
    operationId: "listServices",
    summary: "Catalogo dei servizi con disponibilità (catalogue with live availability)",
    tags: ["catalogue"],
    query: CatalogueQuery,
    responses: {
      200: { description: "Services and their availability in the period", schema: Listing },
      ...errors(400)
    }
  },
  {
    method: "get",
    path: "/api/v1/services/{id}",
    operationId: "getService",
    summary: "Scheda del servizio (service page data)",
    tags: ["catalogue"],
    pathParams: ["id"],
    responses: {
      200: {
        description: "The service",
        schema: Schema.Struct({
          service: Service.Service,
          kindLabel: Schema.String,
          availability: AvailabilitySchema,
          today: Schema.String,
          from: Schema.String,
          to: Schema.String
        })
      },
      ...errors(404)
    }
  },
  {
    method: "get",
    path: "/api/v1/services/{id}/sessions",
    operationId: "listSessions",
    summary: "Sessioni del servizio con posti liberi (sessions with places left)",
    tags: ["catalogue"],
    pathParams: ["id"],
    query: PeriodQuery,
    responses: {
      200: {
        description: "Sessions",
        schema: Schema.Struct({
          today: Schema.String,
          from: Schema.String,
          to: Schema.String,
          sessions: Schema.Array(SessionSchema)
        })
      },
      ...errors(400, 404)
    }
  }
]
