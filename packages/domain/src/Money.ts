/**
 * Money in euros as integer cents, and shares as integer basis points (1 bp = 0.01%).
 *
 * No floating point ever touches an amount: every division goes through `bigint` with an explicit
 * rounding mode, and splitting an amount always gives back every cent.
 *
 * @example
 * Money.format(Money.cents(10_544_029))                                   // "€ 105.440,29"
 * Money.share(Money.cents(5_000_000), Money.cents(10_544_029), "half-up") // 4742 (47,42%)
 * Money.applyShare(Money.cents(10_544_029), Money.bp(7000), "floor")      // 7_380_820 (€ 73.808,20)
 */
import { Result, Schema } from "effect"

/** An amount of euros in integer cents (may be negative for differences). */
export const Cents = Schema.Int.pipe(Schema.brand("Cents"))
/** An amount of euros in integer cents. */
export type Cents = typeof Cents.Type

/** A non-negative amount in cents: what a cost line, a grant or a pledge may be. */
export const NonNegativeCents = Cents.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/** A share as integer basis points: 10000 = 100%, 7000 = 70%, 1 = 0.01%. Never negative. */
export const BasisPoints = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)), Schema.brand("BasisPoints"))
/** A share as integer basis points. */
export type BasisPoints = typeof BasisPoints.Type

/** How a division that does not fall on an integer is rounded. `half-up` rounds halves away from zero. */
export const Rounding = Schema.Literals(["floor", "ceil", "half-up", "half-even"])
/** How a division that does not fall on an integer is rounded. */
export type Rounding = typeof Rounding.Type

/** Builds an amount from integer cents; throws on a fractional or unsafe number. */
export const cents = (n: number): Cents => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of cents: ${n}`)
  return Cents.make(n)
}

/** Builds a share from integer basis points (7000 = 70%); throws on a fractional or negative number. */
export const bp = (n: number): BasisPoints => BasisPoints.make(n)

/** Zero euros. */
export const zero: Cents = Cents.make(0)

/** All of it: 10000 bp = 100%. */
export const whole: BasisPoints = BasisPoints.make(10_000)

/** `a + b`. */
export const add = (a: Cents, b: Cents): Cents => cents(a + b)

/** `a - b` (may be negative). */
export const sub = (a: Cents, b: Cents): Cents => cents(a - b)

/** The sum of any number of amounts (zero for none). */
export const sum = (amounts: Iterable<Cents>): Cents => {
  let total = 0
  for (const a of amounts) total += a
  return cents(total)
}

/** `a × n` for an integer `n` (a quantity, a number of months). */
export const times = (a: Cents, n: number): Cents => {
  if (!Number.isInteger(n)) throw new RangeError(`not an integer factor: ${n}`)
  return cents(a * n)
}

/** `-a`. */
export const negate = (a: Cents): Cents => cents(a === 0 ? 0 : -a)

/** Ordering of amounts: negative, zero or positive, like `Array.prototype.sort` wants. */
export const compare = (a: Cents, b: Cents): number => (a < b ? -1 : a > b ? 1 : 0)

/** The smaller of two amounts. */
export const min = (a: Cents, b: Cents): Cents => (a <= b ? a : b)

/** The larger of two amounts. */
export const max = (a: Cents, b: Cents): Cents => (a >= b ? a : b)

/** `n / d` on integers, rounded as asked; `d` must be positive. Exact for any size through `bigint`. */
export const divide = (n: bigint, d: bigint, rounding: Rounding): bigint => {
  if (d <= 0n) throw new RangeError("divisor must be positive")
  const q = n / d // truncates toward zero
  const r = n % d // same sign as n
  if (r === 0n) return q
  const negative = n < 0n
  switch (rounding) {
    case "floor":
      return negative ? q - 1n : q
    case "ceil":
      return negative ? q : q + 1n
    case "half-up":
    case "half-even": {
      const twice = (r < 0n ? -r : r) * 2n
      const away = negative ? q - 1n : q + 1n
      if (twice > d) return away
      if (twice < d) return q
      if (rounding === "half-up") return away
      return q % 2n === 0n ? q : away
    }
  }
}

/**
 * The share `part / of` in basis points, rounded as asked. `of` must be positive.
 * Example: `share(cents(5_000_000), cents(10_544_029), "half-up")` → 4742.
 */
export const share = (part: Cents, of: Cents, rounding: Rounding): BasisPoints => {
  if (part < 0) throw new RangeError("a share of a negative amount is not defined")
  return BasisPoints.make(Number(divide(BigInt(part) * 10_000n, BigInt(of), rounding)))
}

/**
 * `amount × bp / 10000`, rounded to the cent as asked.
 * Example: `applyShare(cents(10_544_029), bp(7000), "floor")` → 7_380_820.
 */
export const applyShare = (amount: Cents, share: BasisPoints, rounding: Rounding): Cents =>
  cents(Number(divide(BigInt(amount) * BigInt(share), 10_000n, rounding)))

/**
 * Compares the exact ratio `part / of` with a share, without rounding: negative when below, zero when
 * equal, positive when above. `of` must be positive. Rules test caps with this, never with a rounded share.
 */
export const compareShare = (part: Cents, of: Cents, share: BasisPoints): number => {
  if (of <= 0) throw new RangeError("the whole must be positive")
  const lhs = BigInt(part) * 10_000n
  const rhs = BigInt(of) * BigInt(share)
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0
}

/**
 * Splits `amount` in proportion to integer `weights` (largest remainder method): the parts always add
 * up to `amount` exactly, and each differs from its exact proportion by less than one cent.
 * Example: `allocate(cents(100), [1, 1, 1])` → [34, 33, 33].
 */
export const allocate = (amount: Cents, weights: ReadonlyArray<number>): ReadonlyArray<Cents> => {
  if (weights.length === 0) throw new RangeError("nothing to allocate to")
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError("weights must be non-negative integers")
  const total = weights.reduce((s, w) => s + BigInt(w), 0n)
  if (total === 0n) throw new RangeError("weights must not all be zero")
  const a = BigInt(amount)
  const sign = a < 0n ? -1n : 1n
  const abs = a * sign
  const floors = weights.map((w) => (abs * BigInt(w)) / total)
  const remainders = weights.map((w, i) => ({ i, r: (abs * BigInt(w)) % total }))
  let left = abs - floors.reduce((s, f) => s + f, 0n)
  // Largest remainder first; ties go to the earlier part, so the result is deterministic.
  remainders.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    floors[i] = (floors[i] ?? 0n) + 1n
    left -= 1n
  }
  return floors.map((f) => cents(Number(f * sign)))
}

/** Splits `amount` into `n` parts as equal as possible, larger parts first; they add up exactly. */
export const split = (amount: Cents, n: number): ReadonlyArray<Cents> => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError("split into at least one part")
  return allocate(amount, Array.from({ length: n }, () => 1))
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".")

/**
 * Italian formatting, the same on every runtime (no `Intl`): "€ 105.440,29"; negative amounts "-€ 12,50".
 */
export const format = (amount: Cents): string => {
  const abs = Math.abs(amount)
  const euros = Math.trunc(abs / 100)
  const rest = abs % 100
  return `${amount < 0 ? "-" : ""}€ ${groupThousands(String(euros))},${String(rest).padStart(2, "0")}`
}

/** A share in Italian notation with two decimals: 4742 → "47,42%". */
export const formatShare = (share: BasisPoints): string =>
  `${groupThousands(String(Math.trunc(share / 100)))},${String(share % 100).padStart(2, "0")}%`

/**
 * Reads an amount written the Italian way ("€ 105.440,29", "105440,29", "1.000") or with a decimal point
 * and no grouping ("105440.29"). At most two decimals; anything else fails with the reason.
 */
export const parse = (text: string): Result.Result<Cents, string> => {
  const t = text.trim().replace(/\s+/g, " ")
  const m = /^(-)?(?:€ ?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(t) ?? /^(-)?(?:€ ?)?(\d+)(?:\.(\d{1,2}))?$/.exec(t)
  if (m === null) return Result.fail(`importo non valido (invalid amount): "${text}"`)
  const euros = BigInt((m[2] ?? "0").replaceAll(".", ""))
  const fraction = BigInt((m[3] ?? "").padEnd(2, "0") || "0")
  const value = (euros * 100n + fraction) * (m[1] === "-" ? -1n : 1n)
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    return Result.fail(`importo troppo grande (amount too large): "${text}"`)
  }
  return Result.succeed(cents(Number(value)))
}

/** Builds an amount from euro text, throwing on an invalid one. Example: `euros("105440.29")`. */
export const euros = (text: string): Cents => Result.getOrThrowWith(parse(text), (e) => new RangeError(e))
