import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import * as Fixtures from "../src/Fixtures.ts"
import * as LocalDate from "../src/LocalDate.ts"
import * as Money from "../src/Money.ts"
import * as Reporting from "../src/Reporting.ts"

const d = LocalDate.make
const entry = (e: Partial<Reporting.Entry> & Pick<Reporting.Entry, "household">): Reporting.Entry => ({
  workingParentGender: "F",
  partnerId: "cresciamo",
  ageBand: "0-3",
  serviceId: "nido",
  date: d("2022-10-03"),
  hours: 8,
  fundingSource: "grant",
  cost: Money.cents(4_000),
  ...e
})

// Five households: two fathers, two mothers, one undisclosed; one uses two services.
const ledger: ReadonlyArray<Reporting.Entry> = [
  entry({ household: "h1", workingParentGender: "M", firmId: "oltrepo-servizi" }),
  entry({
    household: "h1",
    workingParentGender: "M",
    firmId: "oltrepo-servizi",
    serviceId: "chiusure",
    ageBand: "0-3",
    date: d("2022-12-27"),
    partnerId: "staffora-lab",
    fundingSource: "cofinancing",
    cost: Money.cents(3_000),
    hours: 7.5
  }),
  entry({
    household: "h2",
    workingParentGender: "F",
    firmId: "staffora-lab",
    ageBand: "3-6",
    date: d("2022-11-07")
  }),
  entry({
    household: "h3",
    workingParentGender: "F",
    firmId: "oltrepo-servizi",
    ageBand: "6-11",
    serviceId: "chiusure",
    partnerId: "staffora-lab",
    date: d("2023-02-20"),
    fundingSource: "family-fee",
    cost: Money.cents(1_500),
    hours: 4
  }),
  entry({
    household: "h4",
    workingParentGender: "M",
    ageBand: "adult",
    serviceId: "caregiver",
    partnerId: "oltrepo-servizi",
    date: d("2023-03-01"),
    hours: 2,
    cost: Money.cents(6_000)
  }),
  entry({
    household: "h5",
    workingParentGender: "undisclosed",
    firmId: "comune-voghera",
    date: d("2023-09-01"),
    hours: 1,
    cost: Money.cents(500)
  })
]

describe("Reporting", () => {
  it("counts distinct households, overall and by dimension", () => {
    expect(Reporting.beneficiaries(ledger)).toBe(5)
    expect(Reporting.beneficiariesBy(ledger, "workingParentGender")).toEqual([
      { key: "F", value: 2 },
      { key: "M", value: 2 },
      { key: "undisclosed", value: 1 }
    ])
    expect(Reporting.beneficiariesBy(ledger, "firmId")).toEqual([
      { key: "comune-voghera", value: 1 },
      { key: "none", value: 1 },
      { key: "oltrepo-servizi", value: 2 },
      { key: "staffora-lab", value: 1 }
    ])
    expect(Reporting.beneficiariesBy(ledger, "ageBand")).toEqual([
      { key: "0-3", value: 2 },
      { key: "3-6", value: 1 },
      { key: "6-11", value: 1 },
      { key: "adult", value: 1 }
    ])
  })

  it("sums hours of care and spend", () => {
    expect(Reporting.hours(ledger)).toBe(30.5)
    expect(Reporting.hoursBy(ledger, "serviceId")).toEqual([
      { key: "caregiver", value: 2 },
      { key: "chiusure", value: 11.5 },
      { key: "nido", value: 17 }
    ])
    expect(Reporting.spend(ledger)).toBe(19_000)
    expect(Reporting.spendBy(ledger, "month").map((r) => r.key)).toEqual([
      "2022-10",
      "2022-11",
      "2022-12",
      "2023-02",
      "2023-03",
      "2023-09"
    ])
  })

  it("the share of fathers counts households whose working parent declared a gender", () => {
    expect(Reporting.fathersShare(ledger)).toBe(5000) // 2 of 4
    expect(Reporting.fathersShare(ledger.filter((e) => e.household !== "h4"))).toBe(3333) // 1 of 3, half-up
    expect(Reporting.fathersShare([])).toBe(0)
    expect(Money.formatShare(Reporting.fathersShare(ledger))).toBe("50,00%")
  })

  it("compares spend with the budget, per partner and per funding source", () => {
    const budget = Fixtures.smartfamVogheraBudget
    const byPartner = Reporting.spendVersusPlan(ledger, budget)
    expect(byPartner.find((r) => r.key === "cresciamo")).toEqual({
      key: "cresciamo",
      planned: 6_544_029,
      spent: 8_500,
      remaining: 6_535_529,
      spentShare: 13
    })
    expect(byPartner.find((r) => r.key === "comune-voghera")).toMatchObject({
      planned: 0,
      spent: 0,
      spentShare: 0
    })
    const bySource = Reporting.fundingVersusPlan(ledger, budget)
    expect(bySource.map((r) => [r.key, r.planned, r.spent])).toEqual([
      ["cofinancing", 5_544_029, 3_000],
      ["family-fee", 0, 1_500],
      ["grant", 5_000_000, 14_500]
    ])
  })

  it("filters a period and summarises everything at once", () => {
    const year = Reporting.between(ledger, d("2022-09-01"), d("2023-08-31"))
    expect(year).toHaveLength(5)
    const s = Reporting.summary(year, Fixtures.smartfamVogheraBudget)
    expect(s).toMatchObject({ beneficiaries: 4, hours: 29.5, spend: 18_500, fathersShare: 5000 })
  })

  it.each([
    ["2022-09-01", "2022-09-01", 0, "0-3"],
    ["2020-09-02", "2023-09-01", 35, "0-3"],
    ["2020-09-01", "2023-09-01", 36, "3-6"],
    ["2016-01-31", "2022-02-28", 72, "6-11"],
    ["2008-01-01", "2022-01-01", 168, undefined]
  ])("born %s, on %s: %i months, band %s", (birth, on, months, band) => {
    expect(Reporting.ageInMonths(d(birth), d(on))).toBe(months)
    expect(Reporting.ageBand(d(birth), d(on))).toBe(band)
  })

  it("decodes ledger entries and rejects bad ones", () => {
    const decode = Schema.decodeUnknownSync(Reporting.Entry)
    expect(decode(JSON.parse(JSON.stringify(ledger[1])))).toEqual(ledger[1])
    expect(() => decode({ ...ledger[0], cost: -1 })).toThrow()
    expect(() => decode({ ...ledger[0], workingParentGender: "X" })).toThrow()
  })
})
