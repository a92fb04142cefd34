/**
 * Enterprise size under EU Recommendation 2003/361: micro, small, medium, large, or not an SME at all.
 *
 * Staff (annual work units, AWU) is mandatory; then EITHER financial ceiling suffices (turnover or
 * balance-sheet total). An enterprise 25% or more owned or controlled by public bodies is not an SME,
 * whatever its figures. The ceilings are data (`eu2003_361`), so a revised recommendation is a new value.
 *
 * @example
 * EnterpriseSize.classify({ staffAwu: 6, turnover: Money.euros("420000"), publicOwnership: Money.bp(0) }).size // "micro"
 */
import { Schema } from "effect"
import * as Money from "./Money.ts"

/** A size class. `not-sme`: the figures might fit, but public ownership of ≥ 25% excludes it. */
export const Size = Schema.Literals(["micro", "small", "medium", "large", "not-sme"])
/** A size class. */
export type Size = typeof Size.Type

/** The figures a classification needs: staff in AWU (may be fractional) and at least one financial figure. */
export const Facts = Schema.Struct({
  /** Staff headcount in annual work units (ULA), mandatory. */
  staffAwu: Schema.Finite.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  /** Annual turnover, net of VAT. */
  turnover: Schema.optionalKey(Money.NonNegativeCents),
  /** Annual balance-sheet total. */
  balanceSheetTotal: Schema.optionalKey(Money.NonNegativeCents),
  /** Share of capital or voting rights held by public bodies, in basis points (2500 = 25%). */
  publicOwnership: Money.BasisPoints.pipe(Schema.check(Schema.isLessThanOrEqualTo(10_000)))
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (f) =>
        f.turnover !== undefined ||
        f.balanceSheetTotal !== undefined ||
        "serve almeno il fatturato o il totale di bilancio (turnover or balance-sheet total required)"
    )
  )
)
/** The figures a classification needs. */
export type Facts = typeof Facts.Type

/** One size class's ceilings: staff strictly below, turnover or balance-sheet total at most. */
export const Ceiling = Schema.Struct({
  size: Schema.Literals(["micro", "small", "medium"]),
  staffBelow: Schema.Int,
  maxTurnover: Money.NonNegativeCents,
  maxBalanceSheetTotal: Money.NonNegativeCents
})
/** One size class's ceilings. */
export type Ceiling = typeof Ceiling.Type

/** A set of ceilings with the public-ownership threshold, as data. */
export const Thresholds = Schema.Struct({
  id: Schema.String,
  ceilings: Schema.Array(Ceiling),
  publicOwnershipFrom: Money.BasisPoints
})
/** A set of ceilings with the public-ownership threshold. */
export type Thresholds = typeof Thresholds.Type

/** EU Recommendation 2003/361/EC, Annex art. 2 and 3(4). Ceilings from smallest to largest. */
export const eu2003_361: Thresholds = {
  id: "eu-2003-361",
  ceilings: [
    { size: "micro", staffBelow: 10, maxTurnover: Money.cents(200_000_000), maxBalanceSheetTotal: Money.cents(200_000_000) },
    { size: "small", staffBelow: 50, maxTurnover: Money.cents(1_000_000_000), maxBalanceSheetTotal: Money.cents(1_000_000_000) },
    { size: "medium", staffBelow: 250, maxTurnover: Money.cents(5_000_000_000), maxBalanceSheetTotal: Money.cents(4_300_000_000) }
  ],
  publicOwnershipFrom: Money.bp(2500)
}

/** Why a classification came out as it did: a machine code with Italian and English text. */
export interface Reason {
  readonly code:
    | "staff-within"
    | "staff-over"
    | "turnover-within"
    | "balance-sheet-within"
    | "financials-over"
    | "public-ownership"
  readonly message: string
  readonly messageEn: string
}

/** A size with the reasons behind it. */
export interface Classification {
  readonly size: Size
  readonly reasons: ReadonlyArray<Reason>
}

const label: Record<Ceiling["size"], { it: string; en: string }> = {
  micro: { it: "micro", en: "micro" },
  small: { it: "piccola", en: "small" },
  medium: { it: "media", en: "medium" }
}

const fits = (f: Facts, c: Ceiling): ReadonlyArray<Reason> | undefined => {
  if (!(f.staffAwu < c.staffBelow)) return undefined
  const staff: Reason = {
    code: "staff-within",
    message: `personale ${f.staffAwu} ULA < ${c.staffBelow} (${label[c.size].it} impresa)`,
    messageEn: `staff ${f.staffAwu} AWU < ${c.staffBelow} (${label[c.size].en} enterprise)`
  }
  if (f.turnover !== undefined && f.turnover <= c.maxTurnover) {
    return [
      staff,
      {
        code: "turnover-within",
        message: `fatturato ${Money.format(f.turnover)} ≤ ${Money.format(c.maxTurnover)}`,
        messageEn: `turnover ${Money.format(f.turnover)} ≤ ${Money.format(c.maxTurnover)}`
      }
    ]
  }
  if (f.balanceSheetTotal !== undefined && f.balanceSheetTotal <= c.maxBalanceSheetTotal) {
    return [
      staff,
      {
        code: "balance-sheet-within",
        message: `totale di bilancio ${Money.format(f.balanceSheetTotal)} ≤ ${Money.format(c.maxBalanceSheetTotal)}`,
        messageEn: `balance-sheet total ${Money.format(f.balanceSheetTotal)} ≤ ${Money.format(c.maxBalanceSheetTotal)}`
      }
    ]
  }
  return undefined
}

/**
 * Classifies an enterprise: the smallest class whose staff ceiling it is under and whose turnover OR
 * balance-sheet ceiling it meets; `large` when none fits; `not-sme` from 25% public ownership.
 */
export const classify = (facts: Facts, thresholds: Thresholds = eu2003_361): Classification => {
  if (facts.publicOwnership >= thresholds.publicOwnershipFrom) {
    return {
      size: "not-sme",
      reasons: [
        {
          code: "public-ownership",
          message: `enti pubblici detengono il ${Money.formatShare(facts.publicOwnership)} (≥ ${Money.formatShare(thresholds.publicOwnershipFrom)}): non è una PMI`,
          messageEn: `public bodies hold ${Money.formatShare(facts.publicOwnership)} (≥ ${Money.formatShare(thresholds.publicOwnershipFrom)}): not an SME`
        }
      ]
    }
  }
  for (const c of thresholds.ceilings) {
    const reasons = fits(facts, c)
    if (reasons !== undefined) return { size: c.size, reasons }
  }
  const last = thresholds.ceilings[thresholds.ceilings.length - 1]
  const staffOver = last !== undefined && facts.staffAwu >= last.staffBelow
  return {
    size: "large",
    reasons: [
      staffOver
        ? {
            code: "staff-over",
            message: `personale ${facts.staffAwu} ULA ≥ ${last.staffBelow}`,
            messageEn: `staff ${facts.staffAwu} AWU ≥ ${last.staffBelow}`
          }
        : {
            code: "financials-over",
            message: "fatturato e totale di bilancio oltre i massimali della media impresa",
            messageEn: "turnover and balance-sheet total above the medium-enterprise ceilings"
          }
    ]
  }
}

/** Whether a size is micro or small: what the Lombardy call asks of its enterprise partners. */
export const isMicroOrSmall = (size: Size): boolean => size === "micro" || size === "small"

/** Whether a size is an SME (micro, small or medium). */
export const isSme = (size: Size): boolean => size === "micro" || size === "small" || size === "medium"
