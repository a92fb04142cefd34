/**
 * The secret calendar address (`/api/v1/calendar/{token}.ics`): a family's bookings for calendar apps,
 * which cannot log in. The token is the credential (see services/CalendarFeeds.ts); every read is audited.
 */
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { familyCalendar } from "../http/ics.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { Audit } from "../services/Audit.ts"
import { CalendarFeeds } from "../services/CalendarFeeds.ts"
import { NotFound } from "../services/errors.ts"
import { Households } from "../services/Households.ts"

export const calendar = new Hono<AppEnv>().get("/:file", async (c) => {
  const file = c.req.param("file")
  const token = file.endsWith(".ics") ? file.slice(0, -4) : file
  const result = await c.get("run")(
    Effect.gen(function* () {
      const accountId = yield* (yield* CalendarFeeds).accountOf(token)
      // One answer for a wrong, revoked or malformed token: nothing tells them apart.
      if (accountId === undefined) return yield* new NotFound({ resource: "calendar", id: "-" })
      const household = yield* (yield* Households).ofAccount(accountId).pipe(Effect.option)
      if (household._tag === "Some") yield* (yield* Audit).record({ actor: "calendar-feed", action: "calendar.read", subject: household.value.id })
      return yield* familyCalendar(accountId)
    })
  )
  if (result._tag === "Failure") return problem(c, result.failure)
  // Calendar apps poll: the feed is private and current, so no cache keeps it.
  return c.body(result.success, 200, { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store" })
})

/** The OpenAPI description of this route. */
export const calendarOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/calendar/{file}",
    operationId: "calendarFeed",
    summary: "Calendario della famiglia per le app di calendario (`{token}.ics` from POST /bookings/calendar-feed)",
    tags: ["bookings"],
    pathParams: ["file"],
    responses: { 200: { description: "iCalendar feed", schema: Schema.String, contentType: "text/calendar" }, ...errors(404) }
  }
]
