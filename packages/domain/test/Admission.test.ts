import { describe, expect, it } from "@effect/vitest"
import { DateTime, Schema } from "effect"
import * as Admission from "../src/Admission.ts"
import * as Eligibility from "../src/Eligibility.ts"
import * as Household from "../src/Household.ts"
import * as LocalDate from "../src/LocalDate.ts"
import * as Person from "../src/Person.ts"
import * as Ranking from "../src/Ranking.ts"
import * as Service from "../src/Service.ts"
import * as Territory from "../src/Territory.ts"

const d = LocalDate.make
const cf = (name: string, sex: "F" | "M", birth: string) =>
  Person.make({ surname: "Rossi", name, sex, birthDate: d(birth), birthPlace: Territory.BelfioreCode.make("M109") })
const none: Admission.Declarations = { socialServicesReferral: false, disabledHouseholdMember: false, noFamilyNetwork: false }
const round = Admission.smartfamVoghera[0]!

const household = (id: string, over: Record<string, unknown> = {}) =>
  Household.decode({
    id,
    adults: [
      { codiceFiscale: cf("Maria", "F", "1988-04-02"), sex: "F", comuneEmployee: false, weeklyHours: 30, residence: "018182" },
      { codiceFiscale: cf("Luca", "M", "1986-11-20"), sex: "M", comuneEmployee: true, weeklyHours: 36, residence: "018182" }
    ],
    children: [
      { id: "giulia", name: "Giulia", birthDate: "2022-10-12", disability104: false },
      { id: "marco", name: "Marco", birthDate: "2016-05-03", disability104: true }
    ],
    isee: { value: 1_850_000, dsuProtocol: "INPS-ISEE-2023-12345678A-00", issuedOn: "2023-02-10" },
    singleParent: false,
    consents: [],
    ...over
  })

const application = (id: string, h: Household.Household, childId: string, declared: Admission.Declarations, submittedAt: string): Ranking.Application => ({
  id,
  childKey: `${h.id}/${childId}`,
  householdKey: h.id,
  category: round.id,
  childBirthDate: Household.child(h, childId)!.birthDate,
  submittedAt: DateTime.makeUnsafe(submittedAt),
  facts: Admission.factsOf(h, childId, declared, { agesOn: round.startsOn, iseeOn: d("2023-06-01") })!
})

describe("Admission", () => {
  it("takes the ranking facts from the household and the applicant's declarations", () => {
    const on = (date: string) => ({ agesOn: d(date), iseeOn: d(date) })
    const facts = Admission.factsOf(household("rossi"), "giulia", { ...none, noFamilyNetwork: true }, on("2023-09-04"))
    expect(facts).toEqual({
      disability: false,
      socialServicesReferral: false,
      singleParent: false,
      parentsWeeklyHours: [30, 36],
      siblings: 1,
      minors: 2,
      disabledHouseholdMember: false,
      noFamilyNetwork: true,
      isee: 1_850_000
    })
    // Marco's own facts: his certified disability; an ISEE of 2023 is no longer valid in 2024.
    expect(Admission.factsOf(household("rossi"), "marco", none, on("2024-01-10"))).toMatchObject({ disability: true, siblings: 1, minors: 2 })
    // The ISEE of the day of the application counts, even when it expires before the places start.
    expect(Admission.factsOf(household("rossi"), "marco", none, on("2024-01-10"))).not.toHaveProperty("isee")
    expect(Admission.factsOf(household("rossi"), "marco", none, { agesOn: d("2024-01-10"), iseeOn: d("2023-11-20") })).toHaveProperty("isee", 1_850_000)
    expect(Admission.factsOf(household("rossi"), "nobody", none, on("2023-09-04"))).toBeUndefined()
    expect(Schema.decodeUnknownSync(Ranking.Facts)(Admission.factsOf(household("rossi"), "giulia", none, on("2023-09-04")))).toBeDefined()
  })

  it("counts as siblings the other children who are minors on the first day, whatever the child's own age", () => {
    const h = household("big", {
      children: [
        { id: "baby", name: "Baby", birthDate: "2023-08-01", disability104: false },
        { id: "teen", name: "Teen", birthDate: "2005-10-01", disability104: false },
        { id: "kid", name: "Kid", birthDate: "2015-01-01", disability104: false }
      ]
    })
    // On 4 September 2023 the teenager is 17 (a minor), on 4 September 2024 18 (not).
    expect(Admission.factsOf(h, "baby", none, { agesOn: d("2023-09-04"), iseeOn: d("2023-06-01") })).toMatchObject({ siblings: 2, minors: 3 })
    expect(Admission.factsOf(h, "baby", none, { agesOn: d("2024-09-04"), iseeOn: d("2023-06-01") })).toMatchObject({ siblings: 1, minors: 2 })
    // Born after the day the places start: still one of the minors the family applies for.
    expect(Admission.factsOf(h, "baby", none, { agesOn: d("2023-07-01"), iseeOn: d("2023-06-01") })).toMatchObject({ siblings: 2, minors: 3 })
  })

  it("counts the parents' working hours only, not a grandparent's", () => {
    const base = household("g")
    const withGrandma = household("g", {
      adults: [...base.adults.map((a) => Schema.encodeSync(Household.Adult)(a)), { codiceFiscale: cf("Anna", "F", "1950-03-03"), sex: "F", comuneEmployee: false, weeklyHours: 0, residence: "018182", parent: false }]
    })
    const facts = Admission.factsOf(withGrandma, "giulia", none, { agesOn: d("2023-09-04"), iseeOn: d("2023-06-01") })!
    expect(facts.parentsWeeklyHours).toEqual([30, 36])
    expect(Household.allAdultsWork(withGrandma)).toBe(true)
    const lines = Ranking.score(facts, Ranking.vogheraRules).map((l) => l.code)
    expect(lines).toContain("both-parents-working")
  })

  it("lets a child apply before the documents are delivered, listing them as due, but not past another rule", () => {
    const nido = Eligibility.byId(Eligibility.smartfamVoghera, "smartfam-nido")!
    const context = { date: round.startsOn, settings: { comuneStaffAreRecipients: true } }
    const parent = { partnerEmployer: "oltrepo-servizi", employmentConfirmed: true, comuneEmployee: false }
    const toddler = { applicant: parent, residence: "018182", child: { name: "Giulia", birthDate: d("2022-10-12") } } as Eligibility.Facts
    expect(Eligibility.requiredDocuments(nido).map((x) => x.id)).toEqual(["certificato-vaccinale"])
    const none = Admission.eligibility(nido, toddler, context, [])
    expect(none.outcome.eligible).toBe(true)
    expect(none.due.map((x) => x.id)).toEqual(["certificato-vaccinale"])
    const held = Admission.eligibility(nido, toddler, context, ["certificato-vaccinale"])
    expect([held.outcome.eligible, held.due]).toEqual([true, []])
    // Too old for the nursery: documents change nothing, the outcome says no and nothing is due.
    const tooOld = Admission.eligibility(nido, { ...toddler, child: { name: "Marco", birthDate: d("2016-05-03") } }, context, [])
    expect([tooOld.outcome.eligible, tooOld.due]).toEqual([false, []])
  })

  it("is open from opensAt, included, to closesAt, excluded", () => {
    expect(Admission.isOpen(round, DateTime.makeUnsafe("2023-05-02T06:59:59.999Z"))).toBe(false)
    expect(Admission.isOpen(round, round.opensAt)).toBe(true)
    expect(Admission.isOpen(round, DateTime.makeUnsafe("2023-06-30T09:59:59.999Z"))).toBe(true)
    expect(Admission.isOpen(round, round.closesAt)).toBe(false)
  })

  it("ranks a round's applications with the rules, every position with its score line by line", () => {
    const a = household("a")
    const single = household("b", { singleParent: true, adults: [household("x").adults[0]] })
    const apps = [
      application("app-a", a, "giulia", none, "2023-05-03T08:00:00Z"),
      application("app-b", single, "giulia", { ...none, noFamilyNetwork: true }, "2023-05-10T08:00:00Z"),
      application("app-c", a, "marco", none, "2023-05-04T08:00:00Z")
    ]
    const list = Admission.rank(round, Ranking.vogheraRules, apps, d("2023-06-05"))
    const positions = list.categories[0]!.positions
    // Marco's certified disability is an absolute priority; then the single parent's points beat both parents working.
    expect(positions.map((p) => p.applicationId)).toEqual(["app-c", "app-b", "app-a"])
    expect(positions[0]!.priority?.code).toBe("disability")
    const b = Ranking.positionOf(list, "app-b")!
    expect(b.breakdown.map((l) => l.code)).toEqual(expect.arrayContaining(["single-parent", "no-family-network"]))
    expect(b.score).toBe(b.breakdown.reduce((n, l) => n + l.points, 0))
    // Every line, priority and tie-break is named in Italian and in English.
    expect(b.breakdown.find((l) => l.code === "no-family-network")).toMatchObject({ label: "Assenza di rete familiare di supporto", labelEn: "No family support network nearby" })
    expect(positions[0]!.priority).toMatchObject({ labelEn: "Child with a certified disability (Law 104/1992)" })
    expect(b.tieBreaks.every((t) => t.labelEn.length > 0 && t.labelEn !== t.label)).toBe(true)
    expect(positions.every((p) => p.outcome === "admitted")).toBe(true)
    expect(list.categories[0]!.available).toBe(round.seats)
  })

  it("names services and rules that exist and are in force when the round closes", () => {
    for (const r of Admission.smartfamVoghera) {
      expect(Service.smartfamVoghera.services.some((s) => s.id === r.serviceId)).toBe(true)
      expect(Admission.rulesOf(r, [Ranking.vogheraRules])).toBe(Ranking.vogheraRules)
      expect(DateTime.isLessThan(r.opensAt, r.closesAt)).toBe(true)
    }
  })

  it("ranks a round by the rules in force on its closing day, not by a newer version", () => {
    const v2 = new Ranking.Rules({ ...Ranking.vogheraRules, version: 2, validFrom: d("2023-07-01"), validUntil: d("2024-08-31") })
    expect(Admission.closingDay(round)).toBe("2023-06-30")
    expect(Admission.rulesOf(round, [Ranking.vogheraRules, v2])).toBe(Ranking.vogheraRules)
    expect(Admission.rulesOf(new Admission.Round({ ...round, closesAt: DateTime.makeUnsafe("2023-07-15T10:00:00Z") }), [Ranking.vogheraRules, v2])).toBe(v2)
  })
})
