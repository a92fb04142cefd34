/**
 * "Posso accedere?": the anonymous eligibility check (answers with every reason, what would change the
 * outcome and which inputs are still missing), and the logged-in family's eligibility for every service.
 */
import { Eligibility, LocalDate } from "@smartfam/domain"
import { Effect, Schema } from "effect"
import { Hono } from "hono"
import { accountOf, requireAccount } from "../http/auth.ts"
import { checkService } from "../http/eligibility.ts"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { romeDate } from "../http/today.ts"
import { validate } from "../http/validate.ts"
import { Audit } from "../services/Audit.ts"
import { Catalogue } from "../services/Catalogue.ts"
import { Clock } from "../services/Clock.ts"
import { NotFound } from "../services/errors.ts"
import { Households } from "../services/Households.ts"

export const CheckRequest = Schema.Struct({
  serviceId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  /** The date the service would be used on (default: today in Rome). */
  date: Schema.optionalKey(LocalDate.LocalDate),
  facts: Eligibility.FactsSchema
}).annotate({ identifier: "EligibilityCheck" })

const Reason = Schema.Struct({
  code: Schema.String,
  condition: Schema.Number,
  kind: Schema.String,
  status: Schema.Literals(["pass", "fail", "unknown"]),
  message: Schema.String,
  messageEn: Schema.String,
  value: Schema.Unknown
})
const Outcome = Schema.Struct({
  ruleSetId: Schema.String,
  version: Schema.Number,
  date: Schema.String,
  status: Schema.Literals(["eligible", "ineligible", "undetermined"]),
  eligible: Schema.Boolean,
  reasons: Schema.Array(Reason),
  counterfactuals: Schema.Array(Schema.Struct({ code: Schema.String, message: Schema.String, messageEn: Schema.String, sufficient: Schema.Boolean })),
  missing: Schema.Array(Schema.String)
}).annotate({ identifier: "EligibilityOutcome" })

const DateQuery = Schema.Struct({ date: Schema.optionalKey(LocalDate.LocalDate) })

/** A plain copy of an outcome (the domain may share reason objects between checks). */
const plain = (o: Eligibility.Outcome) => JSON.parse(JSON.stringify(o)) as typeof Outcome.Encoded

export const eligibility = new Hono<AppEnv>()
  .post("/check", validate("json", CheckRequest), async (c) => {
    const body = c.req.valid("json")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const service = yield* (yield* Catalogue).get(body.serviceId)
        const date = body.date ?? LocalDate.make(romeDate(yield* (yield* Clock).now))
        const outcome = checkService(service, body.facts, date)
        if (outcome === undefined) return yield* new NotFound({ resource: "rule-set", id: service.eligibility })
        return plain(outcome)
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 200)
  })
  .get("/mine", requireAccount("family"), validate("query", DateQuery), async (c) => {
    const account = accountOf(c)
    const q = c.req.valid("query")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* (yield* Households).ofAccount(account.id)
        const date = q.date ?? LocalDate.make(romeDate(yield* (yield* Clock).now))
        const services = yield* (yield* Catalogue).list
        yield* (yield* Audit).record({ actor: account.id, action: "eligibility.check", subject: household.id })
        const rows = services.flatMap((service) => {
          const children = service.target.kind === "child" ? household.children.map((ch) => ch.id) : [undefined]
          return children.flatMap((childId) => {
            const facts = Eligibility.factsOf(household, { date, ...(childId === undefined ? {} : { childId }) })
            const outcome = checkService(service, facts, date)
            return outcome === undefined ? [] : [{ serviceId: service.id as string, childId: childId ?? null, outcome: plain(outcome) }]
          })
        })
        return { date, results: rows }
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 200)
  })

/** The OpenAPI description of these routes. */
export const eligibilityOperations: ReadonlyArray<Operation> = [
  {
    method: "post",
    path: "/api/v1/eligibility/check",
    operationId: "checkEligibility",
    summary: "Posso accedere? Verifica anonima con motivi, cosa cambierebbe l'esito e dati mancanti",
    tags: ["eligibility"],
    idempotent: true,
    body: CheckRequest,
    responses: { 200: { description: "The outcome with every reason", schema: Outcome }, ...errors(400, 404) }
  },
  {
    method: "get",
    path: "/api/v1/eligibility/mine",
    operationId: "myEligibility",
    summary: "Idoneità del mio nucleo per tutti i servizi (my household, every service)",
    tags: ["eligibility", "family"],
    auth: true,
    query: DateQuery,
    responses: {
      200: {
        description: "One outcome per service (and per child for children's services)",
        schema: Schema.Struct({ date: Schema.String, results: Schema.Array(Schema.Struct({ serviceId: Schema.String, childId: Schema.NullOr(Schema.String), outcome: Outcome })) })
      },
      ...errors(400, 401, 403, 404)
    }
  }
]
