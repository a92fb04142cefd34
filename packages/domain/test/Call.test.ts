import { describe, expect, it } from "@effect/vitest"
import { DateTime, Schema } from "effect"
import { Call, LocalDate, Money } from "../src/index.ts"

const call = Call.lombardia2022

describe("Call", () => {
  it("ships the Lombardy 2022 rules as data", () => {
    expect(call.partnership.minPartners).toBe(4)
    expect(call.grant).toEqual({ maxAmount: 5_000_000, maxShare: 7000 })
    expect(call.minCofinancingShare).toBe(3000)
    expect(call.durationMonths).toBe(12)
    expect(call.partnership.capofila).toEqual({ registeredSeatRegion: "Lombardia", operatingSeatRegion: "Lombardia" })
    expect(call.partnership.allowedKinds).not.toContain("medium-enterprise")
    expect(Money.format(call.endowment ?? Money.zero)).toBe("€ 5.050.000,00")
  })

  it("states its deadline as an instant: 12:00 in Rome is 10:00 UTC in June", () => {
    expect(DateTime.formatIso(call.window.deadline)).toBe("2022-06-15T10:00:00.000Z")
    expect(Call.formatDeadline(call)).toBe("2022-06-15T12:00:00.000+02:00[Europe/Rome]")
  })

  it.each([
    ["2022-05-03T21:59:59.999Z", false], // 23:59:59.999 on 3 May in Rome
    ["2022-05-03T22:00:00.000Z", true], // midnight on 4 May in Rome
    ["2022-06-15T09:59:59.999Z", true],
    ["2022-06-15T10:00:00.000Z", false], // 12:00 in Rome: closed
    ["2022-06-15T11:00:00.000Z", false]
  ])("open at %s: %s", (at, open) => {
    expect(Call.isOpenAt(call, DateTime.makeUnsafe(at))).toBe(open)
  })

  it("round-trips through JSON, the deadline as an ISO instant", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Call.Call)(call)))
    expect(json.window.deadline).toBe("2022-06-15T10:00:00.000Z")
    const back = Schema.decodeUnknownSync(Call.Call)(json)
    expect(DateTime.Equivalence(back.window.deadline, call.window.deadline)).toBe(true)
    expect(back.partnership).toEqual(call.partnership)
  })

  it("rejects a share over 100%", () => {
    const json = Schema.encodeSync(Call.Call)(call)
    expect(() => Schema.decodeUnknownSync(Call.Call)({ ...json, grant: { maxAmount: 1, maxShare: 10_001 } })).toThrow()
  })

  describe("versions", () => {
    const v2 = new Call.Call({
      ...call,
      version: 2,
      validFrom: LocalDate.make("2023-01-01"),
      partnership: { ...call.partnership, minPartners: 3 }
    })
    const closedV1 = new Call.Call({ ...call, validUntil: LocalDate.make("2022-12-31") })
    it.each([
      ["2022-04-05", undefined],
      ["2022-06-01", 1],
      ["2023-06-01", 2]
    ])("on %s the version in force is %s", (on, version) => {
      expect(Call.select([closedV1, v2], call.id, LocalDate.make(on))?.version).toBe(version)
    })
    it("an unknown call has no version", () => {
      expect(Call.select([closedV1, v2], "nope", LocalDate.make("2022-06-01"))).toBeUndefined()
    })
  })

  it("leaves the public partner's staff to the project", () => {
    expect(Call.publicStaffAreRecipients(call, true)).toBe(true)
    expect(Call.publicStaffAreRecipients(call, false)).toBe(false)
    const excluded = new Call.Call({ ...call, finalRecipients: { ...call.finalRecipients, publicPartnerStaff: "excluded" } })
    expect(Call.publicStaffAreRecipients(excluded, true)).toBe(false)
  })

  it("knows its cost categories", () => {
    expect(Call.allowsCostCategory(call, "staff")).toBe(true)
    expect(Call.allowsCostCategory(call, "travel")).toBe(false)
  })
})
