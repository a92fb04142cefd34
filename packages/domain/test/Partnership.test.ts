import { assert, describe, expect, it } from "@effect/vitest"
import { Effect, Result, Schema } from "effect"
import { Call, Fixtures, Money, Partnership, Violation } from "../src/index.ts"

const call = Call.lombardia2022
const [cresciamo, oltrepo, staffora, comune] = Fixtures.smartfamVoghera.partners as unknown as readonly [
  Partnership.Partner,
  Partnership.Partner,
  Partnership.Partner,
  Partnership.Partner
]
const fixture = [cresciamo, oltrepo, staffora, comune] as const

const novara: Partnership.Seat = { comune: "Novara", province: "NO", region: "Piemonte" }
const tortona: Partnership.Seat = { comune: "Tortona", province: "AL", region: "Piemonte" }
const with_ = (p: Partnership.Partner, changes: Partial<ConstructorParameters<typeof Partnership.Partner>[0]>) =>
  new Partnership.Partner({ ...p, ...changes })

describe("Partnership", () => {
  describe("organisation codes (codice fiscale / partita IVA, 11 digits)", () => {
    it.each([
      ["00743110157", undefined],
      ["01739710307", undefined],
      ["00743110158", "organisation-code-check-digit"],
      ["0074311015", "organisation-code-format"],
      ["0074311015A", "organisation-code-format"],
      ["007431101577", "organisation-code-format"],
      ["00000000000", "organisation-code-zero"]
    ])("%s → %s", (code, error) => {
      const r = Partnership.checkOrganisationCode(code)
      if (error === undefined) expect(r).toEqual(Result.succeed(code))
      else expect(Result.isFailure(r) && r.failure.code).toBe(error)
    })

    it("the schema says why a code is rejected, in Italian", () => {
      expect(() => Schema.decodeUnknownSync(Partnership.OrganisationCode)("00743110158")).toThrow(/cifra di controllo errata \(attesa 7\)/)
    })

    const TenDigits = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 10_000_000, maximum: 9_999_999_999 })))
    const Position = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 10 })))
    const Delta = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 9 })))

    it.prop("a completed code validates, and any single wrong digit is caught", [TenDigits, Position, Delta], ([n, i, d]) => {
      const code = Partnership.withCheckDigit(String(n).padStart(10, "0"))
      assert.isTrue(Result.isSuccess(Partnership.checkOrganisationCode(code)))
      const digit = (Number(code[i]) + d) % 10
      const typo = `${code.slice(0, i)}${digit}${code.slice(i + 1)}`
      assert.isTrue(Result.isFailure(Partnership.checkOrganisationCode(typo)))
    })
  })

  describe("validate", () => {
    it("the Smartfam Voghera partnership complies with the Lombardy 2022 call", () => {
      expect(Partnership.violations(Fixtures.smartfamVoghera, call)).toEqual([])
      const r = Partnership.validate(Fixtures.smartfamVoghera, call)
      expect(Result.isSuccess(r) && r.success).toBe(Fixtures.smartfamVoghera)
    })

    const mediumFirm = new Partnership.Partner({
      ...staffora,
      id: Partnership.PartnerId.make("big-firm"),
      legalName: "Grande Logistica S.p.A.",
      kind: "medium-enterprise",
      taxCode: Partnership.withCheckDigit("0311111015"),
      size: { staffAwu: 120, turnover: Money.cents(2_000_000_000), publicOwnership: Money.bp(0) }
    })
    const otherCoop = new Partnership.Partner({
      ...staffora,
      id: Partnership.PartnerId.make("coop-due"),
      legalName: "Cooperativa Due",
      kind: "third-sector",
      taxCode: Partnership.withCheckDigit("0322222018")
    })
    const { size: _size, ...oltrepoWithoutSize } = oltrepo
    const callWithPartnerSeats = new Call.Call({
      ...call,
      partnership: { ...call.partnership, partnerOperatingSeatRegion: "Lombardia" }
    })

    // One rule broken at a time: each case gives exactly its violation.
    it.each<[string, ReadonlyArray<Partnership.Partner>, Call.Call, ReadonlyArray<string>]>([
      ["3 partners (a firm as capofila, no third-sector body)", [with_(oltrepo, { role: "capofila" }), staffora, comune], call, ["too-few-partners"]],
      ["one micro firm only (the other is a cooperative)", [cresciamo, oltrepo, otherCoop, comune], call, ["too-few-of-kind"]],
      ["no public body", [cresciamo, oltrepo, staffora, with_(comune, { kind: "third-sector" })], call, ["too-few-of-kind"]],
      ["a medium enterprise counted as small", [cresciamo, oltrepo, with_(staffora, { size: { staffAwu: 60, turnover: Money.cents(900_000_000), publicOwnership: Money.bp(0) } }), comune], call, ["size-mismatch"]],
      ["a small enterprise counted as micro", [cresciamo, with_(oltrepo, { size: { staffAwu: 12, turnover: Money.cents(38_000_000), publicOwnership: Money.bp(0) } }), staffora, comune], call, ["size-mismatch"]],
      ["a micro firm 30% owned by a comune", [cresciamo, with_(oltrepo, { size: { ...oltrepo.size!, publicOwnership: Money.bp(3000) } }), staffora, comune], call, ["size-mismatch"]],
      ["a firm without size figures", [cresciamo, new Partnership.Partner(oltrepoWithoutSize), staffora, comune], call, ["size-missing"]],
      ["a medium enterprise declared as such", [...fixture, mediumFirm], call, ["kind-not-allowed"]],
      ["capofila's registered office outside Lombardy", [with_(cresciamo, { registeredSeat: novara }), oltrepo, staffora, comune], call, ["capofila-registered-seat-outside-region"]],
      ["capofila with no operating seat in Lombardy", [with_(cresciamo, { operatingSeats: [tortona] }), oltrepo, staffora, comune], call, ["capofila-operating-seat-outside-region"]],
      ["no capofila", [with_(cresciamo, { role: "partner" }), oltrepo, staffora, comune], call, ["no-capofila"]],
      ["two capofila", [cresciamo, oltrepo, staffora, with_(comune, { role: "capofila" })], call, ["several-capofila"]],
      ["the same firm twice under another id", [...fixture, with_(oltrepo, { id: Partnership.PartnerId.make("oltrepo-bis") })], call, ["duplicate-partner"]],
      ["a partner without operating seat in Lombardy, where the call asks for one", [cresciamo, oltrepo, with_(staffora, { registeredSeat: tortona, operatingSeats: [tortona] }), comune], callWithPartnerSeats, ["operating-seat-outside-region"]]
    ])("%s", (_name, partners, rules, expected) => {
      const found = Partnership.violations({ partners }, rules)
      expect(Violation.codes(found)).toEqual(expected)
      for (const v of found) {
        expect(v.message.length).toBeGreaterThan(10)
        expect(v.messageEn.length).toBeGreaterThan(10)
      }
    })

    it("a firm headquartered outside Lombardy may be a partner, never capofila", () => {
      const outsider = with_(staffora, { registeredSeat: novara })
      expect(Partnership.violations({ partners: [cresciamo, oltrepo, outsider, comune] }, call)).toEqual([])
      const lead = with_(outsider, { role: "capofila" })
      expect(Violation.codes(Partnership.violations({ partners: [with_(cresciamo, { role: "partner" }), oltrepo, lead, comune] }, call))).toEqual([
        "capofila-registered-seat-outside-region"
      ])
    })

    it("reports every violation at once, with who and why", () => {
      const partners = [with_(cresciamo, { registeredSeat: novara }), oltrepo, comune]
      const r = Partnership.validate({ partners }, call)
      assert.isTrue(Result.isFailure(r))
      if (Result.isFailure(r)) {
        expect(Violation.codes(r.failure.violations)).toEqual([
          "too-few-partners",
          "too-few-of-kind",
          "capofila-registered-seat-outside-region"
        ])
        expect(r.failure.violations[0]?.message).toBe("Il partenariato ha 3 soggetti: il bando ne richiede almeno 4")
        expect(r.failure.violations[1]?.message).toBe("Servono almeno 2 micro o piccole imprese: il partenariato ne ha 1")
        expect(r.failure.violations[1]?.ref).toBe("micro-small-enterprises")
        expect(r.failure.violations[2]?.partnerId).toBe("cresciamo")
        expect(r.failure.message).toMatch(/^Partenariato non conforme al bando: /)
      }
    })

    it("the size mismatch says what the figures show", () => {
      const big = with_(staffora, { size: { staffAwu: 60, turnover: Money.cents(900_000_000), publicOwnership: Money.bp(0) } })
      const [v] = Partnership.violations({ partners: [cresciamo, oltrepo, big, comune] }, call)
      expect(v?.message).toBe(
        "Staffora Lab S.n.c. è indicata come piccola impresa ma risulta media impresa (personale 60 ULA < 250 (media impresa); fatturato € 9.000.000,00 ≤ € 50.000.000,00)"
      )
      expect(v?.partnerId).toBe("staffora-lab")
    })

    it.effect("the failure is a yieldable, serialisable tagged error", () =>
      Effect.gen(function* () {
        const r = Partnership.validate({ partners: [cresciamo, oltrepo, staffora] }, call)
        const error = yield* Effect.flip(Effect.fromResult(r))
        assert.strictEqual(error._tag, "PartnershipInvalid")
        const json = Schema.encodeSync(Partnership.PartnershipInvalid)(error)
        expect(json.violations.map((v) => v.code)).toEqual(["too-few-partners", "too-few-of-kind"])
      })
    )

    it("rules are data: a call asking for 5 partners rejects the fixture", () => {
      const stricter = new Call.Call({ ...call, partnership: { ...call.partnership, minPartners: 5 } })
      expect(Violation.codes(Partnership.violations(Fixtures.smartfamVoghera, stricter))).toEqual(["too-few-partners"])
    })
  })
})
