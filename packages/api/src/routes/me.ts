/**
 * The family's own data: household profile (validated with the domain's schema), export of everything
 * held about them (JSON) and erasure. Every read and write of a household is written to the audit log.
 */
import { Household } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { accountOf, clearSessionCookie, requireAccount } from "../http/auth.ts"
import { bodyText } from "../http/edge.ts"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { romeDay } from "../http/today.ts"
import { decode } from "../http/validate.ts"
import { Accounts } from "../services/Accounts.ts"
import { Applications } from "../services/Applications.ts"
import { Audit } from "../services/Audit.ts"
import { Bookings } from "../services/Bookings.ts"
import { Clock } from "../services/Clock.ts"
import { BadRequest } from "../services/errors.ts"
import { Households } from "../services/Households.ts"

const encode = Schema.encodeSync(Household.Household)

export const me = new Hono<AppEnv>()
  .use(requireAccount("family"))
  .get("/household", async (c) => {
    const account = accountOf(c)
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* (yield* Households).ofAccount(account.id)
        yield* (yield* Audit).record({ actor: account.id, action: "household.read", subject: household.id })
        return household
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(encode(result.success), 200)
  })
  .put("/household", async (c) => {
    const account = accountOf(c)
    const body: unknown = await bodyText(c).then((text) => JSON.parse(text) as unknown).catch(() => undefined)
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return problem(c, new BadRequest({ message: "Il corpo deve essere un oggetto JSON (body must be a JSON object)" }))
    }
    const id = await c.get("run")(Households.use((h) => h.idFor(account.id)))
    if (id._tag === "Failure") return problem(c, id.failure)
    const decoded = decode(Household.Household, { ...body, id: id.success })
    if (decoded._tag === "Failure") return problem(c, decoded.failure)
    const household = decoded.success
    const saved = await c.get("run")(
      Effect.gen(function* () {
        yield* (yield* Households).save(account.id, household)
        yield* (yield* Audit).record({ actor: account.id, action: "household.write", subject: household.id })
      })
    )
    if (saved._tag === "Failure") return problem(c, saved.failure)
    return c.json(encode(household), 200)
  })
  .get("/export", async (c) => {
    const account = accountOf(c)
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* (yield* Households).ofAccount(account.id).pipe(Effect.option)
        const householdId = household._tag === "Some" ? household.value.id : undefined
        const bookings = householdId === undefined ? [] : yield* (yield* Bookings).ofHousehold(householdId)
        const now = yield* (yield* Clock).now
        // Applications with the facts each was ranked on (as they stood when the family applied) and their positions.
        const applications = householdId === undefined ? [] : yield* (yield* Applications).exportOf(householdId, romeDay(now))
        const audit = householdId === undefined ? [] : yield* (yield* Audit).about(householdId)
        if (householdId !== undefined) yield* (yield* Audit).record({ actor: account.id, action: "data.export", subject: householdId })
        return {
          exportedAt: now.toISOString(),
          account: { id: account.id, email: account.email, displayName: account.displayName, emailVerified: account.emailVerified },
          household: household._tag === "Some" ? encode(household.value) : null,
          bookings,
          applications,
          accessLog: audit
        }
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    c.header("content-disposition", 'attachment; filename="smartfam-dati.json"')
    return c.json(result.success, 200)
  })
  .delete("/", async (c) => {
    const account = accountOf(c)
    const result = await c.get("run")(
      Effect.gen(function* () {
        // Places first: each active booking is cancelled by the domain's rule, so a freed place is offered
        // to the next family in line at once; then the account and everything that hangs from it go.
        const household = yield* (yield* Households).ofAccount(account.id).pipe(Effect.option)
        if (household._tag === "Some") {
          const now = yield* (yield* Clock).now
          const bookings = yield* Bookings
          for (const b of yield* bookings.ofHousehold(household.value.id)) {
            if (!["held", "confirmed", "offered", "waitlisted"].includes(b.status)) continue
            yield* bookings.act({ householdId: household.value.id, bookingId: b.id, action: "cancel" }, now).pipe(Effect.ignore)
          }
        }
        yield* (yield* Accounts).erase(account.id)
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    clearSessionCookie(c)
    return c.body(null, 204)
  })

/** The OpenAPI description of these routes. */
export const meOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/me/household",
    operationId: "getHousehold",
    summary: "Il mio nucleo familiare (my household)",
    tags: ["family"],
    auth: true,
    responses: { 200: { description: "The household", schema: Household.Household }, ...errors(401, 403, 404) }
  },
  {
    method: "put",
    path: "/api/v1/me/household",
    operationId: "putHousehold",
    summary: "Salva il nucleo familiare (save my household); the id is assigned by the server",
    tags: ["family"],
    auth: true,
    body: Household.Household,
    responses: { 200: { description: "The saved household", schema: Household.Household }, ...errors(400, 401, 403) }
  },
  {
    method: "get",
    path: "/api/v1/me/export",
    operationId: "exportMyData",
    summary: "Esporta i miei dati (export my data, JSON)",
    tags: ["family", "privacy"],
    auth: true,
    responses: { 200: { description: "Everything held about the family" }, ...errors(401, 403) }
  },
  {
    method: "delete",
    path: "/api/v1/me",
    operationId: "eraseMe",
    summary: "Cancella il mio account e i miei dati (erasure)",
    tags: ["family", "privacy"],
    auth: true,
    responses: { 204: { description: "Erased" }, ...errors(401, 403) }
  }
]
