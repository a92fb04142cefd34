import { assert, describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Call, Eligibility, Fixtures, LocalDate, Money, Service, ServiceKinds, Territory } from "../src/index.ts"

const catalogue = Service.smartfamVoghera
const d = LocalDate.make
const byId = (id: string) => {
  const s = Service.byId(catalogue, id)
  if (s === undefined) throw new Error(`no service ${id}`)
  return s
}
const encoded = Schema.encodeSync(Service.Catalogue)(catalogue)

describe("Service catalogue (Smartfam Voghera)", () => {
  it("has nine project services and two of the local network", () => {
    expect(catalogue.services).toHaveLength(11)
    expect(Service.funded(catalogue)).toHaveLength(9)
    expect(Service.localNetwork(catalogue).map((s) => s.id)).toEqual([
      "assistenza-alunni-disabili",
      "assistenza-domiciliare"
    ])
    expect(Service.localNetwork(catalogue).every((s) => s.network === "local")).toBe(true)
  })

  it("covers every kind of service", () => {
    expect(new Set(catalogue.services.map((s) => s.kind))).toEqual(new Set(Service.ServiceKind.literals))
  })

  it("marks every invented detail as demo", () => {
    expect(catalogue.services.every((s) => s.demo)).toBe(true)
  })

  it.each(catalogue.services.map((s) => [s.id, s] as const))("%s refers to known data", (_, s) => {
    expect(Eligibility.byId(Eligibility.smartfamVoghera, s.eligibility)).toBeDefined()
    expect(Territory.byCode(s.location)).toBeDefined()
    if (s.funded) {
      expect(Fixtures.smartfamVoghera.partners.map((p) => p.id)).toContain(s.provider.partnerId)
      expect(Call.lombardia2022.interventionAreas).toContain(s.area)
    }
    for (const text of Object.values(s.page)) expect(text.it.length).toBeGreaterThan(0)
  })

  it("closure-period services are scheduled only on closure days", () => {
    for (const s of Service.ofKind(catalogue, "closure-childcare"))
      expect(s.schedule.kind).toBe("closure-only")
  })

  it.each([
    ["nido-cresciamo", 500_000, 15_000],
    ["nido-cresciamo", 1_000_000, 15_000],
    ["nido-cresciamo", 1_000_001, 25_000],
    ["nido-cresciamo", 2_999_999, 38_000],
    ["nido-cresciamo", 9_000_000, 48_000],
    ["nido-cresciamo", undefined, 48_000],
    ["chiusure-scolastiche", undefined, 0],
    ["assistenza-domiciliare", 900_000, 0],
    ["assistenza-domiciliare", undefined, 1_800]
  ] as const)("fee(%s, ISEE %s) = %i cents", (id, isee, amount) => {
    expect(Service.fee(byId(id), isee)).toBe(amount)
  })

  it("formats a fee", () => {
    expect(Money.format(Service.fee(byId("nido-cresciamo"), 1_200_000))).toBe("€ 250,00")
  })

  const Isee = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 10_000_000 })))
  it.prop("fees never fall as ISEE rises, and no ISEE pays the most", [Isee, Isee], ([a, b]) => {
    for (const s of catalogue.services) {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      assert.isTrue(Service.fee(s, lo) <= Service.fee(s, hi))
      assert.isTrue(Service.fee(s, hi) <= Service.fee(s, undefined))
    }
  })

  it.each([
    ["nido-cresciamo", "2022-06-01", "2022-09-05", true],
    ["nido-cresciamo", "2022-07-01", "2022-09-05", false],
    ["infanzia-cresciamo", "2020-01-12", "2023-01-11", false],
    ["infanzia-cresciamo", "2020-01-12", "2023-01-12", true],
    ["sportello-dipendenti", "2020-01-12", "2023-01-12", false]
  ])("acceptsChild(%s, born %s, on %s) = %s", (id, birth, on, expected) => {
    expect(Service.acceptsChild(byId(id), d(birth), d(on))).toBe(expected)
  })

  it("gives the dates a child is of a service's age", () => {
    expect(Service.ageWindow(byId("infanzia-cresciamo"), d("2020-01-12"))).toEqual({
      from: "2023-01-12",
      to: "2026-01-11"
    })
    expect(Service.ageWindow(byId("coworking-staffora"), d("2020-01-12"))).toBeUndefined()
    expect(Service.forChild(catalogue, d("2016-05-03"), d("2022-09-12")).map((s) => s.id)).toEqual([
      "centro-estivo-staffora",
      "chiusure-scolastiche",
      "post-scuola",
      "assistenza-alunni-disabili"
    ])
  })

  it("round-trips through JSON", () => {
    expect(Service.decodeCatalogue(JSON.parse(JSON.stringify(encoded)))).toEqual(catalogue)
  })

  const first = encoded.services[0]!
  const withService = (patch: Record<string, unknown>) => ({ ...encoded, services: [{ ...first, ...patch }] })
  it.each([
    ["a funded service of the local network", withService({ network: "local" })],
    ["a project service without a partner", withService({ provider: { name: "Someone" } })],
    [
      "fee bands that do not increase",
      withService({
        fees: {
          unit: "month",
          bands: [{ maxIsee: 2_000_000, amount: 1 }, { maxIsee: 1_000_000, amount: 2 }, { amount: 3 }]
        }
      })
    ],
    [
      "fee bands without a top band",
      withService({ fees: { unit: "month", bands: [{ maxIsee: 2_000_000, amount: 1 }] } })
    ],
    [
      "a schedule ending before it starts",
      withService({ schedule: { ...first.schedule, start: "18:00", end: "08:00" } })
    ],
    ["a weekday 8", withService({ schedule: { ...first.schedule, weekdays: [8] } })],
    ["an age range upside down", withService({ target: { kind: "child", minMonths: 36, maxMonths: 3 } })],
    ["two services with the same id", { ...encoded, services: [first, first] }]
  ])("rejects %s", (_, bad) => {
    expect(() => Service.decodeCatalogue(bad)).toThrow()
  })
})

describe("ServiceKinds", () => {
  it("names every kind of the schema in Italian and English, and nothing else", () => {
    expect([...ServiceKinds.all].sort()).toEqual(Object.keys(ServiceKinds.labels).sort())
    for (const k of ServiceKinds.all) {
      expect(Schema.is(Service.ServiceKind)(k)).toBe(true)
      expect(ServiceKinds.labels[k].it.length).toBeGreaterThan(3)
      expect(ServiceKinds.labels[k].en.length).toBeGreaterThan(3)
      expect(Service.kindLabel[k]).toBe(ServiceKinds.labels[k].it)
    }
    expect(ServiceKinds.isKind("nido")).toBe(true)
    expect(ServiceKinds.isKind("zoo")).toBe(false)
    expect(Schema.is(Service.ServiceKind)("zoo")).toBe(false)
  })
})
