import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { Fixtures, LocalDate, Project } from "../src/index.ts"

describe("Project", () => {
  it("the Smartfam fixture adds up: grant + co-financing = total cost, to the cent", () => {
    const p = Fixtures.smartfamVoghera
    const pledged = p.partners.reduce((sum, partner) => sum + partner.cofinancing, 0)
    expect(p.grant + pledged).toBe(p.totalCost)
    expect(p.cofinancing).toBe(5_544_029)
    expect(p.capofila?.legalName).toBe("CresciAmo Società Cooperativa Sociale")
  })

  it("round-trips through its JSON encoding", () => {
    const json = Schema.encodeSync(Project.Project)(Fixtures.smartfamVoghera)
    const back = Schema.decodeUnknownSync(Project.Project)(JSON.parse(JSON.stringify(json)))
    expect(back.totalCost).toBe(10_544_029)
    expect(back.partners).toHaveLength(4)
  })

  it("rejects an impossible calendar date", () => {
    expect(() => Schema.decodeUnknownSync(LocalDate.LocalDate)("2023-02-30")).toThrow(/data di calendario non valida/)
    expect(Schema.decodeUnknownSync(LocalDate.LocalDate)("2024-02-29")).toBe("2024-02-29")
  })

  it("rejects fractional cents", () => {
    expect(() => Schema.decodeUnknownSync(Project.Cents)(10.5)).toThrow()
  })
})
