import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { LocalDate, Territory } from "../src/index.ts"

describe("Territory", () => {
  it("Voghera has ISTAT 018182, Belfiore M109, CAP 27058", () => {
    expect(Territory.voghera).toMatchObject({
      istat: "018182",
      name: "Voghera",
      province: "PV",
      belfiore: "M109"
    })
    expect(Territory.voghera.caps).toEqual(["27058"])
  })

  it("the Ambito Voghera e Comunità Montana Oltrepò Pavese has its 26 comuni, all in the registry", () => {
    expect(Territory.ambitoVoghera.members).toHaveLength(26)
    expect(new Set(Territory.ambitoVoghera.members).size).toBe(26)
    expect(Territory.members(Territory.ambitoVoghera)).toHaveLength(26)
  })

  it("the Oltrepò Pavese has 75 comuni and contains the whole Ambito", () => {
    expect(Territory.oltrepoPavese.members).toHaveLength(75)
    for (const code of Territory.ambitoVoghera.members)
      expect(Territory.isIn(Territory.oltrepoPavese, code)).toBe(true)
  })

  it("registry codes are unique", () => {
    const istat = Territory.comuni.map((c) => c.istat)
    const belfiore = Territory.comuni.map((c) => c.belfiore)
    expect(new Set(istat).size).toBe(istat.length)
    expect(new Set(belfiore).size).toBe(belfiore.length)
  })

  it.each([
    ["018033", "Casei Gerola"],
    ["018073", "Godiasco Salice Terme"],
    ["018122", "Rivanazzano Terme"],
    ["018191", "Cornale e Bastida"],
    ["018193", "Colli Verdi"],
    ["018184", "Zavattarello"]
  ])("byCode(%s) is %s", (code, name) => {
    expect(Territory.byCode(code)?.name).toBe(name)
  })

  it("byName ignores case, accents, apostrophes and spacing", () => {
    expect(Territory.byName("montu beccaria")?.istat).toBe("018100")
    expect(Territory.byName("  PIETRA DE GIORGI ")?.istat).toBe("018111")
    expect(Territory.byName("Santa Margherita di Staffora")?.istat).toBe("018142")
    expect(Territory.byName("Milano")).toBeUndefined()
  })

  it("byBelfiore finds the birthplace of a codice fiscale", () => {
    expect(Territory.byBelfiore("M109")?.name).toBe("Voghera")
    expect(Territory.byBelfiore("Z404")).toBeUndefined()
  })

  it.each([
    ["Voghera", "018182", true, true],
    ["Casei Gerola", "018033", true, true],
    ["Stradella", "018153", false, true],
    ["Pavia", "018110", false, false]
  ])("%s (%s): in the Ambito %s, in the Oltrepò %s", (_name, code, inAmbito, inOltrepo) => {
    expect(Territory.isIn(Territory.ambitoVoghera, code)).toBe(inAmbito)
    expect(Territory.isIn(Territory.oltrepoPavese, Territory.byCode(code)!)).toBe(inOltrepo)
  })

  it("records the 2023 merger of Albaredo Arnaboldi into Campospinoso Albaredo", () => {
    const albaredo = Territory.byName("Albaredo Arnaboldi")!
    expect(Territory.existsOn(albaredo, LocalDate.make("2023-06-01"))).toBe(true)
    expect(Territory.existsOn(albaredo, LocalDate.make("2023-11-18"))).toBe(false)
    expect(Territory.existsOn(Territory.voghera, LocalDate.make("2030-01-01"))).toBe(true)
  })

  it("a lookup takes another registry as data", () => {
    const registry = [
      new Territory.Comune({
        istat: Territory.IstatCode.make("015146"),
        name: "Milano",
        province: Territory.Province.make("MI"),
        belfiore: Territory.BelfioreCode.make("F205"),
        caps: []
      })
    ]
    expect(Territory.byName("milano", registry)?.istat).toBe("015146")
    expect(Territory.byCode("018182", registry)).toBeUndefined()
  })

  it.each(["18182", "0181820", "01818A", ""])("rejects the ISTAT code %j", (code) => {
    expect(() => Schema.decodeUnknownSync(Territory.IstatCode)(code)).toThrow()
  })

  it("groups round-trip through JSON", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Territory.Group)(Territory.ambitoVoghera)))
    expect(Schema.decodeUnknownSync(Territory.Group)(json)).toEqual(Territory.ambitoVoghera)
  })
})
