import { assert, describe, expect, it } from "@effect/vitest"
import { DateTime, Schema } from "effect"
import { Household, LocalDate, Person } from "../src/index.ts"

const d = LocalDate.make
const voghera = "M109" as Person.Decoded["birthPlace"]
const cf = (name: string, sex: "M" | "F", birth: string) =>
  Person.make({ surname: "Rossi", name, sex, birthDate: d(birth), birthPlace: voghera })

const input = {
  id: "rossi",
  adults: [
    {
      codiceFiscale: cf("Maria", "F", "1988-04-02"),
      sex: "F",
      employer: { name: "Oltrepò Servizi Famiglia S.r.l.", partnerId: "oltrepo-servizi", confirmed: true },
      comuneEmployee: false,
      weeklyHours: 30,
      residence: "018182"
    },
    {
      codiceFiscale: cf("Luca", "M", "1986-11-20"),
      sex: "M",
      comuneEmployee: true,
      weeklyHours: 36,
      residence: "018182"
    }
  ],
  children: [
    { id: "giulia", name: "Giulia", birthDate: "2020-01-12", disability104: false },
    { id: "marco", name: "Marco", birthDate: "2016-05-03", disability104: true }
  ],
  isee: { value: 1_850_000, dsuProtocol: "INPS-ISEE-2022-12345678A-00", issuedOn: "2022-02-10" },
  singleParent: false,
  consents: [
    { purpose: "eligibility-check", givenAt: "2022-09-01T08:00:00.000Z", version: "2022-09" },
    {
      purpose: "communications",
      givenAt: "2022-09-01T08:00:00.000Z",
      version: "2022-09",
      withdrawnAt: "2022-10-01T08:00:00.000Z"
    }
  ]
}

describe("Household ages", () => {
  it.each([
    ["2020-01-12", "2022-09-05", 31],
    ["2020-01-12", "2023-01-11", 35],
    ["2020-01-12", "2023-01-12", 36],
    ["2020-01-31", "2020-02-29", 0],
    ["2020-01-31", "2020-03-01", 1],
    ["2022-09-05", "2022-09-05", 0],
    ["2022-09-06", "2022-09-05", -1]
  ])("ageInMonths(%s, %s) = %i", (birth, on, months) => {
    expect(Household.ageInMonths(d(birth), d(on))).toBe(months)
  })

  it.each([
    ["2020-01-12", 36, "2023-01-12"],
    ["2020-01-31", 1, "2020-03-01"],
    ["2020-01-31", 2, "2020-03-31"],
    ["2019-12-15", 3, "2020-03-15"],
    ["2020-02-29", 12, "2021-03-01"]
  ])("dateAtMonths(%s, %i) = %s", (birth, months, date) => {
    expect(Household.dateAtMonths(d(birth), months)).toBe(date)
  })

  it.each([
    [36, "3 anni", "3"],
    [12, "1 anno", "1"],
    [30, "30 mesi", "30 months"],
    [1, "1 mese", "1 month"]
  ])("formats %i months as %s / %s", (m, it_, en) => {
    expect(Household.formatAge(m)).toBe(it_)
    expect(Household.formatAgeEn(m)).toBe(en)
  })

  const Offset = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 20_000 })))
  const Months = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 240 })))
  it.prop("dateAtMonths is the first day of that age", [Offset, Months], ([offset, months]) => {
    const birth = LocalDate.addDays(d("1990-01-01"), offset)
    const at = Household.dateAtMonths(birth, months)
    assert.strictEqual(Household.ageInMonths(birth, at), months)
    assert.strictEqual(Household.ageInMonths(birth, LocalDate.addDays(at, -1)), months - 1)
  })
})

describe("Household", () => {
  it("decodes a valid household", () => {
    const h = Household.decode(input)
    expect(h.adults).toHaveLength(2)
    expect(h.children.map((c) => c.id)).toEqual(["giulia", "marco"])
    expect(h.isee?.expiresOn).toBe("2022-12-31")
  })

  it.each([
    [
      "an invalid codice fiscale",
      { ...input, adults: [{ ...input.adults[0], codiceFiscale: "RSSMRA85T10A562A" }] }
    ],
    ["no adults", { ...input, adults: [] }],
    ["twice the same adult", { ...input, adults: [input.adults[0], input.adults[0]] }],
    ["two children with the same id", { ...input, children: [input.children[0], input.children[0]] }],
    ["an impossible birth date", { ...input, children: [{ ...input.children[0], birthDate: "2020-02-30" }] }],
    ["a negative ISEE", { ...input, isee: { ...input.isee, value: -1 } }],
    [
      "a residence that is not an ISTAT code",
      { ...input, adults: [{ ...input.adults[0], residence: "Voghera" }] }
    ],
    ["more than 168 weekly hours", { ...input, adults: [{ ...input.adults[0], weeklyHours: 170 }] }]
  ])("rejects %s", (_, bad) => {
    expect(() => Household.decode(bad)).toThrow()
  })

  const h = Household.decode(input)
  it.each([
    ["2022-02-09", undefined],
    ["2022-02-10", 1_850_000],
    ["2022-12-31", 1_850_000],
    ["2023-01-01", undefined]
  ])("iseeOn(%s) is %s (valid until 31 December of its year)", (date, value) => {
    expect(Household.iseeOn(h, d(date))?.value).toBe(value)
  })

  it("a household without ISEE has none on any date", () => {
    const { isee: _, ...rest } = input
    expect(Household.iseeOn(Household.decode(rest), d("2022-09-01"))).toBeUndefined()
  })

  it.each([
    ["eligibility-check", "2022-09-02T00:00:00Z", true],
    ["eligibility-check", "2022-08-31T00:00:00Z", false],
    ["communications", "2022-09-15T00:00:00Z", true],
    ["communications", "2022-10-02T00:00:00Z", false],
    ["reporting", "2022-09-15T00:00:00Z", false]
  ] as const)("consent for %s at %s: %s", (purpose, at, expected) => {
    expect(Household.hasConsent(h, purpose, DateTime.makeUnsafe(at))).toBe(expected)
  })

  it("consent can be required for one notice version", () => {
    expect(
      Household.hasConsent(h, "eligibility-check", DateTime.makeUnsafe("2022-09-02T00:00:00Z"), "2023-01")
    ).toBe(false)
  })

  it("counts minors and working adults", () => {
    expect(Household.minorsOn(h, d("2022-09-01"))).toBe(2)
    expect(Household.allAdultsWork(h)).toBe(true)
    expect(Household.child(h, "marco")?.disability104).toBe(true)
  })
})
