/**
 * Bookings for the logged-in family: book (hold → confirm, or confirm at once; the waitlist when full),
 * confirm a hold, cancel, accept or decline an offered place, report a day's absence; list my bookings.
 * Every POST accepts an `Idempotency-Key`.
 */
import { Eligibility, LocalDate } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { accountOf, requireAccount, requireVerified } from "../http/auth.ts"
import { checkService, refusal } from "../http/eligibility.ts"
import { familyCalendar } from "../http/ics.ts"
import type { AppEnv } from "../http/env.ts"
import type { Metrics } from "../http/metrics.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { validate } from "../http/validate.ts"
import { Bookings } from "../services/Bookings.ts"
import { CalendarFeeds } from "../services/CalendarFeeds.ts"
import { Catalogue } from "../services/Catalogue.ts"
import { Clock } from "../services/Clock.ts"
import { NotFound } from "../services/errors.ts"
import { householdRequired, Households } from "../services/Households.ts"

export const BookRequest = Schema.Struct({
  sessionId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(200))),
  childId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  /** `confirm`: take the place now; `hold`: keep it for a few minutes, then confirm. */
  mode: Schema.optionalKey(Schema.Literals(["confirm", "hold"]))
}).annotate({ identifier: "BookRequest" })

export const BookingView = Schema.Struct({
  id: Schema.String,
  sessionId: Schema.String,
  serviceId: Schema.String,
  date: Schema.String,
  start: Schema.String,
  end: Schema.String,
  startsAt: Schema.String,
  endsAt: Schema.String,
  childId: Schema.String,
  status: Schema.Literals(["held", "confirmed", "waitlisted", "offered", "absent", "cancelled", "expired", "declined"]),
  waitlistPosition: Schema.NullOr(Schema.Number),
  holdExpiresAt: Schema.NullOr(Schema.String),
  offerExpiresAt: Schema.NullOr(Schema.String)
}).annotate({ identifier: "Booking" })

const CalendarFeedBody = Schema.Struct({ token: Schema.String, path: Schema.String }).annotate({ identifier: "CalendarFeed" })

const ACTIONS = ["confirm", "cancel", "accept", "decline", "absent"] as const
const ActionParam = Schema.Struct({ id: Schema.String.pipe(Schema.check(Schema.isMaxLength(200))), action: Schema.Literals(ACTIONS) })

/** The family's bookings; decisions are counted in `metrics`. */
export const bookings = (metrics: Metrics) =>
  new Hono<AppEnv>()
  .use(requireAccount("family"))
  .get("/", async (c) => {
    const account = accountOf(c)
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* (yield* Households).ofAccount(account.id).pipe(Effect.option)
        if (household._tag === "None") return []
        return yield* (yield* Bookings).ofHousehold(household.value.id)
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 200)
  })
  .get("/calendar.ics", async (c) => {
    const result = await c.get("run")(familyCalendar(accountOf(c).id))
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.body(result.success, 200, { "content-type": "text/calendar; charset=utf-8", "content-disposition": 'attachment; filename="smartfam.ics"' })
  })
  .post("/calendar-feed", async (c) => {
    const result = await c.get("run")(CalendarFeeds.use((f) => f.issue(accountOf(c).id)))
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json({ token: result.success, path: `/api/v1/calendar/${result.success}.ics` }, 201)
  })
  .delete("/calendar-feed", async (c) => {
    await c.get("run")(CalendarFeeds.use((f) => f.revoke(accountOf(c).id)))
    return c.body(null, 204)
  })
  .post("/", requireVerified(), validate("json", BookRequest), async (c) => {
    const account = accountOf(c)
    const body = c.req.valid("json")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* householdRequired(account.id)
        if (!household.children.some((ch) => ch.id === body.childId)) {
          return yield* new NotFound({ resource: "child", id: body.childId })
        }
        const now = yield* (yield* Clock).now
        // The service's eligibility rules, for this child on the session's date: the domain says why not.
        const catalogue = yield* Catalogue
        const session = yield* catalogue.slot(body.sessionId)
        const service = yield* catalogue.get(session.serviceId)
        // A stored session's date, written by the catalogue's loader from the domain's schedule: a LocalDate.
        const date = session.date as LocalDate.LocalDate
        const outcome = checkService(service, Eligibility.factsOf(household, { date, childId: body.childId }), date)
        if (outcome !== undefined && !outcome.eligible) return yield* refusal(outcome, "prenotare")
        return yield* (yield* Bookings).book(
          { householdId: household.id, childId: body.childId, slot: session, mode: body.mode ?? "confirm" },
          now
        )
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    metrics.decided(result.success.status)
    return c.json(result.success, 201)
  })
  .post("/:id/:action", requireVerified(), validate("param", ActionParam), async (c) => {
    const account = accountOf(c)
    const { id, action } = c.req.valid("param")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* householdRequired(account.id)
        const now = yield* (yield* Clock).now
        return yield* (yield* Bookings).act({ householdId: household.id, bookingId: id, action }, now)
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    metrics.decided(result.success.status)
    return c.json(result.success, 200)
  })

/** The OpenAPI description of these routes. */
export const bookingOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/bookings",
    operationId: "listMyBookings",
    summary: "Le mie prenotazioni (my bookings)",
    tags: ["bookings"],
    auth: true,
    responses: { 200: { description: "My bookings", schema: Schema.Array(BookingView) }, ...errors(401, 403) }
  },
  {
    method: "get",
    path: "/api/v1/bookings/calendar.ics",
    operationId: "myCalendar",
    summary: "Calendario delle mie prenotazioni (ICS, Europe/Rome)",
    tags: ["bookings"],
    auth: true,
    responses: { 200: { description: "iCalendar feed", schema: Schema.String, contentType: "text/calendar" }, ...errors(401, 403) }
  },
  {
    method: "post",
    path: "/api/v1/bookings/calendar-feed",
    operationId: "issueCalendarFeed",
    summary: "Crea l'indirizzo segreto del calendario (secret calendar address for calendar apps; replaces the old one)",
    tags: ["bookings"],
    auth: true,
    idempotent: true,
    responses: { 201: { description: "The token, shown once, and the feed's path", schema: CalendarFeedBody }, ...errors(401, 403) }
  },
  {
    method: "delete",
    path: "/api/v1/bookings/calendar-feed",
    operationId: "revokeCalendarFeed",
    summary: "Revoca l'indirizzo segreto del calendario (revoke the secret calendar address)",
    tags: ["bookings"],
    auth: true,
    responses: { 204: { description: "Revoked" }, ...errors(401, 403) }
  },
  {
    method: "post",
    path: "/api/v1/bookings",
    operationId: "book",
    summary: "Prenota una sessione (book a session): confirmed, held, or waitlisted when full",
    tags: ["bookings"],
    auth: true,
    idempotent: true,
    body: BookRequest,
    responses: { 201: { description: "The booking", schema: BookingView }, ...errors(400, 401, 403, 404, 409, 422) }
  },
  ...ACTIONS.map(
    (action): Operation => ({
      method: "post",
      path: `/api/v1/bookings/{id}/${action}`,
      operationId: `booking_${action}`,
      summary: {
        confirm: "Conferma un posto tenuto (confirm a hold)",
        cancel: "Annulla (cancel): the place goes to the next in line",
        accept: "Accetta il posto offerto (accept an offer)",
        decline: "Rifiuta il posto offerto (decline an offer)",
        absent: "Segnala un'assenza per il giorno (report an absence)"
      }[action],
      tags: ["bookings"],
      auth: true,
      idempotent: true,
      pathParams: ["id"],
      responses: { 200: { description: "The booking after the action", schema: BookingView }, ...errors(400, 401, 403, 404, 409, 422) }
    })
  )
]
