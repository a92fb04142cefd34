import { Calendar, Household, Service } from "@smartfam/domain"
import { DateTime, Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"
import type { ApplicationView, RoundView } from "../src/routes/applications.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Catalogue } from "../src/services/Catalogue.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { Households } from "../src/services/Households.ts"
import { engines, type TestDatabase } from "./engines.ts"
import { families, type TestFamily } from "./families.ts"

configure("error", false)

const START = new Date("2023-06-05T06:00:00.000Z")
const ROUND = "nido-cresciamo-2023-24"
const none = { socialServicesReferral: false, disabledHouseholdMember: false, noFamilyNetwork: false }

describe.each(engines)("applications on %s", (_name, open) => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  let clock: ReturnType<typeof Clock.layerManual>
  let app: ReturnType<typeof makeApp>

  const send = (method: string, url: string, cookie?: string, body?: unknown) =>
    app.request(url, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
  type View = typeof ApplicationView.Type
  type Standing = NonNullable<View["standing"]>
  /** A 2xx application, or an error body (`_tag`, `message`, `code`, `issues`, `reasons`). */
  const json = async (res: Response) => (await res.json()) as View & { readonly standing: Standing } & Record<string, unknown>
  const error = async (res: Response) =>
    (await res.json()) as { _tag: string; message: string; code?: string; reasons?: ReadonlyArray<string>; issues?: ReadonlyArray<{ path: string }> }
  const mine = async (f: TestFamily) => (await (await send("GET", "/api/v1/applications", f.cookie)).json()) as Array<View & { readonly standing: Standing }>
  const apply = (f: TestFamily, declarations: Record<string, boolean> = none, extra: Record<string, unknown> = {}) =>
    send("POST", "/api/v1/applications", f.cookie, { roundId: ROUND, childId: f.childId, declarations, ...extra })

  /** Changes a test family's household: ranking consent given, and whatever `change` sets. */
  const withConsent = async (f: TestFamily, change: (h: Record<string, unknown>) => Record<string, unknown> = (h) => h) =>
    runtime.runPromise(
      Effect.gen(function* () {
        const households = yield* Households
        const h = yield* households.ofAccount(f.accountId)
        const encoded = { ...(JSON.parse(JSON.stringify(h)) as Record<string, unknown>) }
        const next = Household.decode(change({ ...encoded, consents: [{ purpose: "ranking", givenAt: "2023-05-01T08:00:00.000Z", version: "2023-05" }] }))
        yield* households.save(f.accountId, next)
      })
    )
  /** Nursery-age families (15 months old on 4 September 2023), with the ranking consent. */
  const nurseryFamilies = async (n: number, prefix: string) => {
    const fams = await families(runtime, n, prefix, "2022-06-01")
    for (const f of fams) await withConsent(f)
    return fams
  }

  beforeAll(async () => {
    db = await open()
    clock = Clock.layerManual(START)
    runtime = Runtime.make(db.config, clock.layer)
    await runtime.runPromise(Catalogue.use((c) => c.load("smartfam-voghera-2022", Service.smartfamVoghera, Calendar.voghera, START)))
    app = makeApp({ runtime, bodyLimit: 16 * 1024 })
  })
  afterAll(async () => {
    await runtime.dispose()
    await db.drop()
  })

  it("lists the admission rounds, open or not, with their ranking criteria", async () => {
    const res = await send("GET", "/api/v1/admissions")
    expect(res.status).toBe(200)
    const rounds = (await res.json()) as Array<typeof RoundView.Type>
    const round = rounds.find((r) => r["id"] === ROUND)!
    expect(round).toMatchObject({ serviceId: "nido-cresciamo", seats: 12, open: true, startsOn: "2023-09-04", rules: { id: "smartfam-voghera-graduatoria", demo: true } })
    expect(round.documents).toEqual([{ id: "certificato-vaccinale", label: "certificato vaccinale", labelEn: "vaccination certificate" }])
    expect(round.rules!.priorities.map((p) => p.code)).toEqual(["disability", "social-services"])
    expect(round.rules!.tieBreaks[0]).toEqual({ code: "lower-isee", label: expect.stringContaining("ISEE"), labelEn: expect.stringContaining("ISEE") })
  })

  it("ranks applications by the rules and shows each family its position with the score line by line", async () => {
    const [a, b] = await nurseryFamilies(2, "rank")
    // b is a single working parent with no family network nearby: more points than a.
    await withConsent(b!, (h) => ({ ...h, singleParent: true }))
    const first = await apply(a!)
    expect(first.status).toBe(201)
    const one = await json(first)
    expect(one).toMatchObject({ roundId: ROUND, serviceId: "nido-cresciamo", childId: "c1", status: "submitted", declarations: none })
    // No documents stated: the vaccination certificate is due later, and the place is admitted with reservation.
    expect(one.pendingDocuments).toEqual([{ id: "certificato-vaccinale", label: "certificato vaccinale", labelEn: "vaccination certificate" }])
    expect(one.standing).toMatchObject({ status: "provisional", on: "2023-06-05", seats: 12, outcome: "admitted-with-reservation" })

    const second = await json(await apply(b!, { ...none, noFamilyNetwork: true }, { documents: ["certificato-vaccinale"] }))
    expect(second.pendingDocuments).toEqual([])
    expect(second.standing.outcome).toBe("admitted")
    expect(second.standing.breakdown.map((l) => l.code)).toEqual(expect.arrayContaining(["single-parent", "no-family-network"]))
    expect(second.standing.score).toBe(second.standing.breakdown.reduce((n, l) => n + l.points, 0))

    const listA = await mine(a!)
    const listB = await mine(b!)
    expect(listA).toHaveLength(1)
    expect(listB).toHaveLength(1)
    // b outranks a; each sees only its own application.
    expect(listB[0]!.standing.position).toBeLessThan(listA[0]!.standing.position)
    expect(listA[0]!.standing.of).toBe(listB[0]!.standing.of)
    expect(JSON.stringify(listA)).not.toContain(listB[0]!.id)
  })

  it("accepts one live application per child and round, also under concurrent requests", async () => {
    const [f] = await nurseryFamilies(1, "dup")
    const responses = await Promise.all(Array.from({ length: 8 }, () => apply(f!)))
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409])
    const conflict = await error(responses.find((r) => r.status === 409)!)
    expect(conflict).toMatchObject({ _tag: "Conflict", code: "already-applied" })
    // Withdrawn, the child may apply again.
    const [live] = await mine(f!)
    const withdrawn = await json(await send("POST", `/api/v1/applications/${live!.id}/withdraw`, f!.cookie))
    // Withdrawn, the statements and the facts it was ranked on are not kept.
    expect(withdrawn).toMatchObject({ status: "withdrawn", standing: null, declarations: null, pendingDocuments: [] })
    const stored = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("applications").select(["facts", "declarations"]).where("id", "=", live!.id).executeTakeFirstOrThrow()))
    )
    expect(stored).toEqual({ facts: "null", declarations: "null" })
    expect((await send("POST", `/api/v1/applications/${live!.id}/withdraw`, f!.cookie)).status).toBe(409)
    expect((await apply(f!)).status).toBe(201)
  })

  it("family B cannot withdraw or see family A's application", async () => {
    const [a, b] = await nurseryFamilies(2, "other")
    const applied = await json(await apply(a!))
    const res = await send("POST", `/api/v1/applications/${applied.id}/withdraw`, b!.cookie)
    expect(res.status).toBe(404)
    expect(await error(res)).toMatchObject({ _tag: "NotFound" })
    expect(await mine(b!)).toEqual([])
    const still = await mine(a!)
    expect(still[0]).toMatchObject({ status: "submitted" })
  })

  it("says no, with reasons, when a rule does: consent, eligibility, the round's window", async () => {
    const [noConsent] = await families(runtime, 1, "noconsent", "2022-06-01")
    const r1 = await apply(noConsent!)
    expect(r1.status).toBe(422)
    expect(await error(r1)).toMatchObject({ _tag: "RuleViolation", code: "consent-missing" })

    const [tooOld] = await families(runtime, 1, "old", "2016-05-10")
    await withConsent(tooOld!)
    const r2 = await apply(tooOld!)
    expect(r2.status).toBe(422)
    const body = await error(r2)
    expect(body).toMatchObject({ _tag: "RuleViolation", code: "ineligible" })
    expect(body.reasons!.length).toBeGreaterThan(0)

    const [late] = await nurseryFamilies(1, "late")
    clock.set(new Date("2023-06-30T10:00:00.000Z"))
    try {
      const r3 = await apply(late!)
      expect(r3.status).toBe(422)
      const closed = await error(r3)
      expect(closed).toMatchObject({ code: "round-closed" })
      // The deadline as people in Rome read it, not as a UTC instant.
      expect(closed.message).toContain("30 giugno 2023")
      expect(closed.message).toContain("12:00")
      expect((await (await send("GET", "/api/v1/admissions")).json()) as Array<{ open: boolean }>).toEqual(expect.arrayContaining([expect.objectContaining({ open: false })]))
    } finally {
      clock.set(START)
    }
  })

  it("answers malformed or unknown input with a structured 4xx", async () => {
    const [f] = await nurseryFamilies(1, "bad")
    const cases: Array<[unknown, number]> = [
      ["{not json", 400],
      [{ roundId: ROUND, childId: "c1" }, 400],
      [{ roundId: ROUND, childId: "c1", declarations: { ...none, noFamilyNetwork: "yes" } }, 400],
      [{ roundId: "", childId: "c1", declarations: none }, 400],
      [{ roundId: "no-such-round", childId: "c1", declarations: none }, 404],
      [{ roundId: ROUND, childId: "nobody", declarations: none }, 404]
    ]
    for (const [body, status] of cases) {
      const res = await send("POST", "/api/v1/applications", f!.cookie, body)
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status])
      const err = await error(res)
      expect(typeof err._tag).toBe("string")
      expect(typeof err.message).toBe("string")
    }
    const bad = await error(await send("POST", "/api/v1/applications", f!.cookie, { roundId: ROUND, childId: "c1", declarations: { ...none, noFamilyNetwork: "yes" } }))
    expect(bad.issues![0]!.path).toBe("declarations.noFamilyNetwork")
    expect((await send("POST", "/api/v1/applications/x/withdraw", f!.cookie)).status).toBe(404)
    expect((await send("GET", "/api/v1/applications")).status).toBe(401)
  })

  it("exports the family's applications and erases them with the account", async () => {
    const [f] = await nurseryFamilies(1, "erase")
    await apply(f!)
    const exported = (await (await send("GET", "/api/v1/me/export", f!.cookie)).json()) as { applications: Array<View & { facts: Record<string, unknown> }> }
    expect(exported.applications).toHaveLength(1)
    expect(exported.applications[0]!.declarations).toEqual(none)
    // The facts the application was ranked on are the family's data too.
    expect(exported.applications[0]!.facts).toMatchObject({ disability: false, minors: 1, parentsWeeklyHours: [36] })
    expect((await send("DELETE", "/api/v1/me", f!.cookie)).status).toBe(204)
    const left = await runtime.runPromise(
      Database.use(({ kysely }) => Effect.promise(() => kysely.selectFrom("applications").select("id").where("household_id", "=", f!.householdId).execute()))
    )
    expect(left).toEqual([])
  })

  it("keeps the facts a family applied with: a later change of profile does not move the list", async () => {
    const [f] = await nurseryFamilies(1, "facts")
    const before = await json(await apply(f!))
    await withConsent(f!, (h) => ({ ...h, singleParent: true }))
    const [after] = await mine(f!)
    expect(after!.standing.score).toBe(before.standing.score)
    expect(DateTime.makeUnsafe(after!.submittedAt).epochMilliseconds).toBe(START.getTime())
  })
})
