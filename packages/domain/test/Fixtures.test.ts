import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Budget, Call, EnterpriseSize, Fixtures, Money, Partnership, Project } from "../src/index.ts"

const project = Fixtures.smartfamVoghera

describe("Fixtures.smartfamVoghera", () => {
  it("passes the call's partnership and budget rules", () => {
    expect(Partnership.violations(project, Fixtures.smartfamVogheraCall)).toEqual([])
    expect(Budget.violations(Fixtures.smartfamVogheraBudget, Fixtures.smartfamVogheraCall, { partnership: project })).toEqual([])
    expect(Result.isSuccess(Partnership.validate(project, Call.lombardia2022))).toBe(true)
    expect(Result.isSuccess(Budget.validate(Fixtures.smartfamVogheraBudget, Call.lombardia2022))).toBe(true)
  })

  it("refers to its call and keeps to its dates", () => {
    expect(project.callId).toBe(Fixtures.smartfamVogheraCall.id)
    expect(Fixtures.smartfamVogheraBudget.period).toEqual({ start: project.startDate, end: project.endDate })
  })

  it("has four partners: capofila CresciAmo, a micro and a small firm (demo), the Comune at zero cost", () => {
    expect(project.partners.map((p) => [p.id, p.kind, p.role, p.demo])).toEqual([
      ["cresciamo", "third-sector", "capofila", false],
      ["oltrepo-servizi", "micro-enterprise", "partner", true],
      ["staffora-lab", "small-enterprise", "partner", true],
      ["comune-voghera", "public-body", "partner", false]
    ])
    const sizes = project.partners.map((p) => Partnership.sizeOf(p)?.size)
    expect(sizes).toEqual([undefined, "micro", "small", undefined])
    expect(project.partners.every((p) => Result.isSuccess(Partnership.checkOrganisationCode(p.taxCode)))).toBe(true)
    expect(project.partners.filter((p) => !p.demo).every((p) => p.demoFields?.includes("taxCode"))).toBe(true)
    expect(project.partners.find((p) => p.id === "comune-voghera")?.cofinancing).toBe(0)
    expect(EnterpriseSize.isMicroOrSmall(Partnership.sizeOf(project.partners[1]!)!.size)).toBe(true)
  })

  it("keeps the summary the API serves: the old fields, encoded as JSON", () => {
    const json = Schema.encodeSync(Project.Project)(project)
    expect(Object.keys(json)).toEqual(["id", "title", "callId", "summary", "aims", "partners", "totalCost", "grant", "startDate", "endDate"])
    for (const p of json.partners) {
      expect(p).toMatchObject({ id: expect.any(String), legalName: expect.any(String), kind: expect.any(String), role: expect.any(String), comune: expect.any(String), description: expect.any(String), cofinancing: expect.any(Number), demo: expect.any(Boolean) })
    }
    expect(Money.format(project.totalCost)).toBe("€ 105.440,29")
    expect(Money.format(project.grant)).toBe("€ 50.000,00")
    expect(Money.format(project.cofinancing)).toBe("€ 55.440,29")
    expect(project.capofila?.legalName).toBe("CresciAmo Società Cooperativa Sociale")
    const back = Schema.decodeUnknownSync(Project.Project)(JSON.parse(JSON.stringify(json)))
    expect(back.partners[2]?.operatingSeats.map((s) => s.comune)).toEqual(["Rivanazzano Terme", "Voghera"])
  })

  it("the budget round-trips through JSON", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Budget.Budget)(Fixtures.smartfamVogheraBudget)))
    const back = Schema.decodeUnknownSync(Budget.Budget)(json)
    expect(Budget.violations(back, Call.lombardia2022)).toEqual([])
  })
})
