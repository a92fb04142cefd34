import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as Budget from "../src/Budget.ts"
import * as Calendar from "../src/Calendar.ts"
import * as Call from "../src/Call.ts"
import * as Fixtures from "../src/Fixtures.ts"
import * as LocalDate from "../src/LocalDate.ts"
import * as Partnership from "../src/Partnership.ts"
import * as Project from "../src/Project.ts"
import * as Ranking from "../src/Ranking.ts"
import * as Scheduling from "../src/Scheduling.ts"
import * as Territory from "../src/Territory.ts"
import * as Vimercate from "../src/Vimercate.ts"

const d = LocalDate.make

describe("Vimercate: a second project runs on the same code, with data only", () => {
  it("its partnership and budget pass its own call", () => {
    expect(Partnership.violations(Vimercate.project, Vimercate.call)).toEqual([])
    expect(Budget.violations(Vimercate.budget, Vimercate.call, { partnership: Vimercate.project })).toEqual(
      []
    )
    expect(Result.isSuccess(Budget.validate(Vimercate.budget, Vimercate.call))).toBe(true)
    expect(Vimercate.project.callId).toBe(Vimercate.call.id)
    expect(Budget.costOf(Vimercate.budget, "comune-vimercate")).toBe(0)
  })

  it("the two calls' rules differ, and each project fails the other's call for the right reasons", () => {
    // A medium enterprise and a 71% grant are fine for the ATS channel, not for Lombardy 2022.
    expect(
      Partnership.violations(Vimercate.project, Call.lombardia2022).map((v) => [v.code, v.partnerId])
    ).toEqual([
      ["kind-not-allowed", "brianza-meccanica"],
      ["too-few-of-kind", undefined]
    ])
    expect(Budget.violations(Vimercate.budget, Call.lombardia2022).map((v) => v.code)).toEqual([
      "cost-category-not-allowed",
      "grant-over-max-share"
    ])
    // Voghera's EUR 50,000 grant is over the ATS channel's EUR 30,000.
    expect(Budget.violations(Fixtures.smartfamVogheraBudget, Vimercate.call).map((v) => v.code)).toContain(
      "grant-over-max-amount"
    )
  })

  it("its territory is data: lookups take its registry", () => {
    expect(Territory.byName("vimercate", Vimercate.comuni)?.istat).toBe("108050")
    expect(Territory.byCode("108001", Vimercate.comuni)?.belfiore).toBe("A087")
    expect(Territory.isIn(Vimercate.area, Vimercate.vimercate)).toBe(true)
    expect(Territory.isIn(Vimercate.area, "108049")).toBe(false) // Villasanta: in the registry, outside the area
    expect(Territory.isIn(Vimercate.area, Territory.voghera)).toBe(false)
  })

  it("its calendar follows the Ambrosian rite: Carnival on 24 Feb 2023, not 20–21 Feb", () => {
    expect(Calendar.closureReason(Vimercate.calendar, "primaria", d("2023-02-24"))).toBe("carnival")
    expect(Calendar.isSchoolDay(Vimercate.calendar, "primaria", d("2023-02-20"))).toBe(true)
    expect(Calendar.closureReason(Vimercate.calendar, "primaria", d("2022-12-07"), Vimercate.institute)).toBe(
      "bridge"
    )
    expect(Result.isSuccess(Calendar.checkInstitute(Calendar.lombardia2022_23, Vimercate.institute))).toBe(
      true
    )
  })

  it("scheduling its services needs no code of its own", () => {
    const sessions = Scheduling.generateAll(Vimercate.plans, {
      calendar: Vimercate.calendar,
      institute: Vimercate.institute
    })
    const of = (id: string) => sessions.filter((s) => s.serviceId === id).map((s) => s.date as string)
    expect(of("girotondo-chiusure")).toContain("2023-02-24")
    expect(of("girotondo-chiusure")).not.toContain("2023-02-20")
    expect(of("girotondo-chiusure")).toContain("2022-12-07") // Sant'Ambrogio bridge
    expect(of("girotondo-pre-scuola")).toContain("2023-02-20")
    expect(of("girotondo-pre-scuola")).not.toContain("2023-02-24")
    expect(of("molgora-coworking")).not.toContain("2022-12-27")
    expect(sessions.every((s) => !Calendar.isHoliday(s.date) && s.date <= "2023-05-31")).toBe(true)
    // The same plan on Voghera's calendar moves Carnival back to the Roman dates.
    const roman = Scheduling.regenerate(sessions, Vimercate.plans, {
      calendar: Calendar.voghera,
      institute: Vimercate.institute
    })
    expect(roman.moved.find((m) => m.from.serviceId === "girotondo-chiusure")).toMatchObject({
      from: { date: "2023-02-24" },
      to: { date: "2023-02-20" }
    })
  })

  it("ranking with its rules and reserved pool needs no code of its own", () => {
    const app = (id: string, facts: Partial<Ranking.Facts>, extra: Record<string, unknown> = {}) =>
      Schema.decodeUnknownSync(Ranking.Application)({
        id,
        childKey: id,
        householdKey: id,
        category: "girotondo-chiusure",
        childBirthDate: "2015-04-01",
        submittedAt: "2022-09-01T08:00:00Z",
        facts: {
          disability: false,
          socialServicesReferral: false,
          singleParent: false,
          parentsWeeklyHours: [40, 40],
          siblings: 0,
          minors: 1,
          disabledHouseholdMember: false,
          noFamilyNetwork: false,
          ...facts
        },
        ...extra
      })
    const apps = [
      app("emp-1", {}, { pools: ["brianza-meccanica"] }),
      app("fam-1", { singleParent: true, parentsWeeklyHours: [30] }),
      app("fam-2", { socialServicesReferral: true }, { submittedAt: "2022-09-01T07:00:00Z" })
    ]
    const mode: Ranking.Mode = { kind: "seats", categories: [{ category: "girotondo-chiusure", seats: 6 }] }
    const before = Ranking.rank(apps, {
      rules: Vimercate.rankingRules,
      mode,
      pools: Vimercate.pools,
      on: d("2022-10-01")
    })
    expect(Ranking.order(before)).toEqual({ "girotondo-chiusure": ["fam-1", "fam-2", "emp-1"] })
    expect(before.categories[0]).toMatchObject({
      available: 6,
      left: 0,
      reserved: { "brianza-meccanica": 4 }
    })
    expect(Ranking.positionOf(before, "emp-1")?.pool).toBe("brianza-meccanica")
    const after = Ranking.rank(apps, {
      rules: Vimercate.rankingRules,
      mode,
      pools: Vimercate.pools,
      on: d("2022-10-15")
    })
    // Before 15 Oct the four unused reserved seats wait for the firm's employees: fam-2 waits too.
    expect(Ranking.positionOf(before, "fam-2")?.outcome).toBe("waiting")
    expect(after.categories[0]).toMatchObject({ left: 3, reserved: { "brianza-meccanica": 0 } })
    expect(Ranking.positionOf(after, "fam-2")?.outcome).toBe("admitted")
  })

  it("its data round-trip through JSON like the first project's", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Project.Project)(Vimercate.project)))
    expect(Partnership.violations(Schema.decodeUnknownSync(Project.Project)(json), Vimercate.call)).toEqual(
      []
    )
    const rules = JSON.parse(JSON.stringify(Schema.encodeSync(Ranking.Rules)(Vimercate.rankingRules)))
    expect(Schema.decodeUnknownSync(Ranking.Rules)(rules)).toEqual(Vimercate.rankingRules)
    expect(Vimercate.project.partners.filter((p) => p.demo)).toHaveLength(4)
    expect(Vimercate.rankingRules.demo && Vimercate.budget.lines.every((l) => l.demo)).toBe(true)
  })
})
