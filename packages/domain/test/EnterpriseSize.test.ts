import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { EnterpriseSize, Money } from "../src/index.ts"

const M = 100_000_000 // one million euros, in cents
const facts = (staffAwu: number, turnover?: number, balanceSheetTotal?: number, publicOwnership = 0): EnterpriseSize.Facts => ({
  staffAwu,
  ...(turnover === undefined ? {} : { turnover: Money.cents(turnover) }),
  ...(balanceSheetTotal === undefined ? {} : { balanceSheetTotal: Money.cents(balanceSheetTotal) }),
  publicOwnership: Money.bp(publicOwnership)
})

describe("EnterpriseSize.classify", () => {
  it.each([
    // name, facts, size, reason codes
    ["micro: 6 AWU, € 380k", facts(6, 38_000_000), "micro", ["staff-within", "turnover-within"]],
    ["micro at the edge: 9.9 AWU, exactly € 2M", facts(9.9, 2 * M), "micro", ["staff-within", "turnover-within"]],
    ["micro by balance sheet when turnover is over", facts(9, 2 * M + 1, 1 * M), "micro", ["staff-within", "balance-sheet-within"]],
    ["micro by balance sheet alone", facts(3, undefined, 1 * M), "micro", ["staff-within", "balance-sheet-within"]],
    ["small: 10 AWU is not micro", facts(10, 1 * M), "small", ["staff-within", "turnover-within"]],
    ["small: micro staff, both financials over € 2M", facts(9, 3 * M, 3 * M), "small", ["staff-within", "turnover-within"]],
    ["small at the edge: 49 AWU, € 10M", facts(49, 10 * M), "small", ["staff-within", "turnover-within"]],
    ["medium: 50 AWU", facts(50, 1 * M), "medium", ["staff-within", "turnover-within"]],
    ["medium: 249 AWU, € 50M", facts(249, 50 * M), "medium", ["staff-within", "turnover-within"]],
    ["medium by balance sheet: € 60M turnover, € 43M balance", facts(249, 60 * M, 43 * M), "medium", ["staff-within", "balance-sheet-within"]],
    ["large: financials over both medium ceilings", facts(249, 60 * M, 44 * M), "large", ["financials-over"]],
    ["large: 250 AWU whatever the money", facts(250, 1 * M), "large", ["staff-over"]],
    ["not an SME: 25% public", facts(6, 1 * M, undefined, 2500), "not-sme", ["public-ownership"]],
    ["still micro: 24.99% public", facts(6, 1 * M, undefined, 2499), "micro", ["staff-within", "turnover-within"]]
  ] as const)("%s → %s", (_name, f, size, codes) => {
    const c = EnterpriseSize.classify(f)
    expect(c.size).toBe(size)
    expect(c.reasons.map((r) => r.code)).toEqual(codes)
    expect(c.reasons.every((r) => r.message.length > 0 && r.messageEn.length > 0)).toBe(true)
  })

  it("explains in Italian", () => {
    expect(EnterpriseSize.classify(facts(6, 38_000_000)).reasons.map((r) => r.message)).toEqual([
      "personale 6 ULA < 10 (micro impresa)",
      "fatturato € 380.000,00 ≤ € 2.000.000,00"
    ])
  })

  it.each([
    ["no financial figure", { staffAwu: 5, publicOwnership: 0 }],
    ["negative staff", { staffAwu: -1, turnover: 1, publicOwnership: 0 }],
    ["fractional cents", { staffAwu: 1, turnover: 1.5, publicOwnership: 0 }],
    ["public ownership over 100%", { staffAwu: 1, turnover: 1, publicOwnership: 10_001 }]
  ])("the facts schema rejects %s", (_name, raw) => {
    expect(() => Schema.decodeUnknownSync(EnterpriseSize.Facts)(raw)).toThrow()
  })

  it("ceilings are data: a stricter set classifies differently", () => {
    const strict: EnterpriseSize.Thresholds = {
      ...EnterpriseSize.eu2003_361,
      id: "strict",
      ceilings: [{ size: "micro", staffBelow: 5, maxTurnover: Money.cents(M), maxBalanceSheetTotal: Money.cents(M) }]
    }
    expect(EnterpriseSize.classify(facts(6, 38_000_000), strict).size).toBe("large")
    expect(EnterpriseSize.isMicroOrSmall("small")).toBe(true)
    expect(EnterpriseSize.isMicroOrSmall("medium")).toBe(false)
    expect(EnterpriseSize.isSme("not-sme")).toBe(false)
  })
})
