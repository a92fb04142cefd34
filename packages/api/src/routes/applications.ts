/**
 * Admission rounds (public) and the logged-in family's applications to them: apply for a child, see each
 * application's provisional position with its score line by line, withdraw. Places in these rounds go by
 * ranking (domain `Admission`, `Ranking`), not first come, first served as bookings do.
 */
import { Admission, Eligibility, Household, Ranking } from "@smartfam/domain"
import { DateTime, Effect, Schema } from "effect"
import { Hono } from "hono"
import { accountOf, requireAccount, requireVerified } from "../http/auth.ts"
import { contextOn, refusal, ruleSetOf } from "../http/eligibility.ts"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { romeDay } from "../http/today.ts"
import { validate } from "../http/validate.ts"
import { network } from "../network.ts"
import { Applications } from "../services/Applications.ts"
import { Audit } from "../services/Audit.ts"
import { Catalogue } from "../services/Catalogue.ts"
import { Clock } from "../services/Clock.ts"
import { NotFound, RuleViolation } from "../services/errors.ts"
import { householdRequired, Households } from "../services/Households.ts"

const Label = { code: Schema.String, label: Schema.String, labelEn: Schema.String }
const Line = Schema.Struct({ ...Label, points: Schema.Number })

export const RoundView = Schema.Struct({
  id: Schema.String,
  serviceId: Schema.String,
  title: Schema.String,
  opensAt: Schema.String,
  closesAt: Schema.String,
  startsOn: Schema.String,
  seats: Schema.Number,
  /** Documents the service's eligibility rules ask for (they may be delivered after applying). */
  documents: Schema.Array(Eligibility.RequiredDocument),
  /** Whether applications are accepted now. */
  open: Schema.Boolean,
  rules: Schema.NullOr(
    Schema.Struct({
      id: Schema.String,
      version: Schema.Number,
      title: Schema.String,
      priorities: Schema.Array(Schema.Struct(Label)),
      tieBreaks: Schema.Array(Schema.Struct(Label)),
      demo: Schema.Boolean
    })
  ),
  demo: Schema.Boolean
}).annotate({ identifier: "AdmissionRound" })

export const ApplyRequest = Schema.Struct({
  roundId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  childId: Schema.String.pipe(Schema.check(Schema.isMinLength(1), Schema.isMaxLength(100))),
  declarations: Admission.Declarations,
  /** Ids of the documents the service asks for that the family already has; the others are due later. */
  documents: Schema.optionalKey(Schema.Array(Schema.String.pipe(Schema.check(Schema.isMaxLength(100)))).pipe(Schema.check(Schema.isMaxLength(20))))
}).annotate({ identifier: "ApplyRequest" })

export const ApplicationView = Schema.Struct({
  id: Schema.String,
  roundId: Schema.String,
  serviceId: Schema.String,
  childId: Schema.String,
  /** Null once withdrawn: the statements are not kept past it. */
  declarations: Schema.NullOr(Admission.Declarations),
  /** Documents still to deliver: if admitted, the place is "with reservation" until they arrive. */
  pendingDocuments: Schema.Array(Eligibility.RequiredDocument),
  submittedAt: Schema.String,
  withdrawnAt: Schema.NullOr(Schema.String),
  status: Schema.Literals(["submitted", "withdrawn"]),
  standing: Schema.NullOr(
    Schema.Struct({
      status: Schema.Literal("provisional"),
      on: Schema.String,
      position: Schema.Number,
      of: Schema.Number,
      seats: Schema.Number,
      outcome: Schema.Literals(["admitted", "admitted-with-reservation", "waiting", "withdrawn"]),
      priority: Schema.NullOr(Schema.Struct(Label)),
      score: Schema.Number,
      breakdown: Schema.Array(Line),
      tieBreaks: Schema.Array(Schema.Struct({ ...Label, value: Schema.NullOr(Schema.Union([Schema.Number, Schema.String])) }))
    })
  )
}).annotate({ identifier: "Application" })

const WithdrawParam = Schema.Struct({ id: Schema.String.pipe(Schema.check(Schema.isMaxLength(200))) })

const romeTime = new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", dateStyle: "long", timeStyle: "short" })
/** An instant as people in Rome read it: "30 giugno 2023 alle ore 12:00". */
const inRome = (at: DateTime.Utc) => romeTime.format(DateTime.toDateUtc(at))


const roundView = (round: Admission.Round, now: Date): typeof RoundView.Type => {
  const rules = Admission.rulesOf(round, network.rankingRules)
  const service = network.catalogue.services.find((s) => s.id === round.serviceId)
  const ruleSet = service === undefined ? undefined : ruleSetOf(service, round.startsOn)
  return {
    id: round.id,
    serviceId: round.serviceId,
    title: round.title,
    opensAt: DateTime.formatIso(round.opensAt),
    closesAt: DateTime.formatIso(round.closesAt),
    startsOn: round.startsOn,
    seats: round.seats,
    documents: ruleSet === undefined ? [] : Eligibility.requiredDocuments(ruleSet),
    open: Admission.isOpen(round, DateTime.fromDateUnsafe(now)),
    rules:
      rules === undefined
        ? null
        : {
            id: rules.id,
            version: rules.version,
            title: rules.title,
            priorities: rules.priorities.map((code) => ({ code, label: Ranking.priorityLabel[code], labelEn: Ranking.priorityLabelEn[code] })),
            tieBreaks: rules.tieBreaks.map((code) => ({ code, label: Ranking.tieBreakLabel[code], labelEn: Ranking.tieBreakLabelEn[code] })),
            demo: rules.demo
          },
    demo: round.demo
  }
}

/** The admission rounds of the network: public. */
export const admissions = new Hono<AppEnv>().get("/", async (c) => {
  const result = await c.get("run")(Clock.use((clock) => clock.now))
  if (result._tag === "Failure") return problem(c, result.failure)
  return c.json(network.admissions.map((r) => roundView(r, result.success)), 200)
})

export const applications = new Hono<AppEnv>()
  .use(requireAccount("family"))
  .get("/", async (c) => {
    const account = accountOf(c)
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* (yield* Households).ofAccount(account.id).pipe(Effect.option)
        if (household._tag === "None") return []
        const now = yield* (yield* Clock).now
        return yield* (yield* Applications).ofHousehold(household.value.id, romeDay(now))
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 200)
  })
  .post("/", requireVerified(), validate("json", ApplyRequest), async (c) => {
    const account = accountOf(c)
    const body = c.req.valid("json")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const round = network.admissions.find((r) => r.id === body.roundId)
        if (round === undefined) return yield* new NotFound({ resource: "admission-round", id: body.roundId })
        const now = yield* (yield* Clock).now
        if (!Admission.isOpen(round, DateTime.fromDateUnsafe(now))) {
          return yield* new RuleViolation({
            code: "round-closed",
            message: `Le domande per "${round.title}" si presentano dal ${inRome(round.opensAt)} al ${inRome(round.closesAt)} (applications are closed)`
          })
        }
        const household = yield* householdRequired(account.id)
        const child = Household.child(household, body.childId)
        if (child === undefined) return yield* new NotFound({ resource: "child", id: body.childId })
        // Ranking uses the household's data for a purpose of its own: only with the family's consent.
        if (!Household.hasConsent(household, "ranking", DateTime.fromDateUnsafe(now))) {
          return yield* new RuleViolation({
            code: "consent-missing",
            message: "Per entrare in graduatoria serve il consenso all'uso dei dati per le graduatorie, nel tuo nucleo familiare (ranking consent needed)"
          })
        }
        // The service's own eligibility rules, on the first day of the places; documents not held yet are
        // due later (Admission.eligibility).
        const service = yield* (yield* Catalogue).get(round.serviceId)
        const ruleSet = ruleSetOf(service, round.startsOn)
        const checked =
          ruleSet === undefined
            ? undefined
            : Admission.eligibility(ruleSet, Eligibility.factsOf(household, { date: round.startsOn, childId: child.id }), contextOn(round.startsOn), body.documents ?? [])
        if (checked !== undefined && !checked.outcome.eligible) return yield* refusal(checked.outcome, "presentare domanda")
        const pendingDocuments = checked?.due ?? []
        const facts = Admission.factsOf(household, child.id, body.declarations, { agesOn: round.startsOn, iseeOn: romeDay(now) })!
        const view = yield* (yield* Applications).apply(
          { round, householdId: household.id, childId: child.id, childBirthDate: child.birthDate, facts, declarations: body.declarations, pendingDocuments },
          now,
          romeDay(now)
        )
        yield* (yield* Audit).record({ actor: account.id, action: "application.submit", subject: household.id, detail: view.id })
        return view
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 201)
  })
  .post("/:id/withdraw", requireVerified(), validate("param", WithdrawParam), async (c) => {
    const account = accountOf(c)
    const { id } = c.req.valid("param")
    const result = await c.get("run")(
      Effect.gen(function* () {
        const household = yield* householdRequired(account.id)
        const now = yield* (yield* Clock).now
        return yield* (yield* Applications).withdraw(household.id, id, now, romeDay(now))
      })
    )
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(result.success, 200)
  })

/** The OpenAPI description of these routes. */
export const applicationOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/admissions",
    operationId: "listAdmissionRounds",
    summary: "Bandi di iscrizione con graduatoria (admission rounds: places allotted by ranking)",
    tags: ["applications"],
    responses: { 200: { description: "The rounds, open or not", schema: Schema.Array(RoundView) } }
  },
  {
    method: "get",
    path: "/api/v1/applications",
    operationId: "listMyApplications",
    summary: "Le mie domande, con la posizione provvisoria e il punteggio (my applications, position and score)",
    tags: ["applications"],
    auth: true,
    responses: { 200: { description: "My applications", schema: Schema.Array(ApplicationView) }, ...errors(401, 403) }
  },
  {
    method: "post",
    path: "/api/v1/applications",
    operationId: "apply",
    summary: "Presenta domanda per un bambino (apply for a child)",
    tags: ["applications"],
    auth: true,
    idempotent: true,
    body: ApplyRequest,
    responses: { 201: { description: "The application, with its provisional position", schema: ApplicationView }, ...errors(400, 401, 403, 404, 409, 422) }
  },
  {
    method: "post",
    path: "/api/v1/applications/{id}/withdraw",
    operationId: "withdrawApplication",
    summary: "Ritira una domanda (withdraw an application)",
    tags: ["applications"],
    auth: true,
    idempotent: true,
    pathParams: ["id"],
    responses: { 200: { description: "The application, withdrawn", schema: ApplicationView }, ...errors(400, 401, 403, 404, 409) }
  }
]
