import { assert, describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Money } from "../src/index.ts"

const c = Money.cents

/** Amounts up to ± ten billion euros. */
const Amount = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: -1_000_000_000_000, maximum: 1_000_000_000_000 })))
const NonNegativeAmount = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000_000_000 })))
const Share = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 10_000 })))
const Weight = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 1_000_000 })))
const Parts = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 400 })))

describe("Money", () => {
  describe("format", () => {
    it.each([
      [0, "€ 0,00"],
      [5, "€ 0,05"],
      [99, "€ 0,99"],
      [100, "€ 1,00"],
      [123_456, "€ 1.234,56"],
      [10_544_029, "€ 105.440,29"],
      [5_000_000, "€ 50.000,00"],
      [100_000_000, "€ 1.000.000,00"],
      [-1_250, "-€ 12,50"]
    ])("%i cents → %s", (n, text) => {
      expect(Money.format(c(n))).toBe(text)
    })

    it.each([
      [4742, "47,42%"],
      [7000, "70,00%"],
      [10_000, "100,00%"],
      [1, "0,01%"],
      [0, "0,00%"]
    ])("%i bp → %s", (n, text) => {
      expect(Money.formatShare(Money.bp(n))).toBe(text)
    })
  })

  describe("parse", () => {
    it.each([
      ["€ 105.440,29", 10_544_029],
      ["105.440,29", 10_544_029],
      ["105440,29", 10_544_029],
      ["105440.29", 10_544_029],
      ["€105440.29", 10_544_029],
      ["1.000", 100_000],
      ["0,5", 50],
      ["50000", 5_000_000],
      ["-€ 12,50", -1_250]
    ])("%s → %i cents", (text, n) => {
      expect(Money.parse(text)).toEqual(Result.succeed(n))
    })

    it.each(["", "abc", "12,345", "1.00.0", "1,2,3", "€", "10.5.2022"])("rejects %j", (text) => {
      expect(Result.isFailure(Money.parse(text))).toBe(true)
    })
  })

  describe("shares", () => {
    it.each([
      // part, of, rounding, bp
      [5_000_000, 10_544_029, "half-up", 4742],
      [5_544_029, 10_544_029, "half-up", 5258],
      [1, 3, "floor", 3333],
      [1, 3, "ceil", 3334],
      [1, 3, "half-up", 3333],
      [2, 3, "half-up", 6667],
      [1, 8, "floor", 1250],
      [1, 20_000, "half-up", 1],
      [1, 20_000, "half-even", 0],
      [3, 20_000, "half-even", 2],
      [7_001, 10_000, "floor", 7001]
    ] as const)("share(%i, %i, %s) = %i bp", (part, of, rounding, expected) => {
      expect(Money.share(c(part), c(of), rounding)).toBe(expected)
    })

    it.each([
      // amount, bp, rounding, cents
      [10_544_029, 7000, "floor", 7_380_820],
      [10_544_029, 7000, "ceil", 7_380_821],
      [10_544_029, 7000, "half-up", 7_380_820],
      [5, 5000, "half-up", 3],
      [5, 5000, "half-even", 2],
      [7, 5000, "half-even", 4],
      [5, 5000, "floor", 2],
      [-5, 5000, "half-up", -3],
      [-5, 5000, "floor", -3],
      [-5, 5000, "ceil", -2],
      [-5, 5000, "half-even", -2]
    ] as const)("applyShare(%i, %i bp, %s) = %i", (amount, share, rounding, expected) => {
      expect(Money.applyShare(c(amount), Money.bp(share), rounding)).toBe(expected)
    })

    it.each([
      [7_000, 10_000, 7000, 0],
      [7_001, 10_000, 7000, 1],
      [6_999, 10_000, 7000, -1],
      [5_000_000, 10_544_029, 7000, -1]
    ])("compareShare(%i, %i, %i bp) = %i, exactly", (part, of, share, expected) => {
      expect(Money.compareShare(c(part), c(of), Money.bp(share))).toBe(expected)
    })

    it("refuses fractional cents and a share of nothing", () => {
      expect(() => Money.cents(10.5)).toThrow(RangeError)
      expect(() => Money.share(c(1), c(0), "floor")).toThrow(RangeError)
      expect(() => Schema.decodeUnknownSync(Money.Cents)(0.1)).toThrow()
      expect(() => Schema.decodeUnknownSync(Money.BasisPoints)(-1)).toThrow()
    })
  })

  describe("allocate and split", () => {
    it.each([
      [100, [1, 1, 1], [34, 33, 33]],
      [-100, [1, 1, 1], [-34, -33, -33]],
      [10_544_029, [7000, 3000], [7_380_820, 3_163_209]],
      [1, [1, 1], [1, 0]],
      [100, [0, 1], [0, 100]],
      [5, [1, 2, 3], [1, 2, 2]]
    ])("allocate(%i, %j) = %j", (amount, weights, expected) => {
      expect(Money.allocate(c(amount), weights)).toEqual(expected)
    })

    it("splits the Smartfam total over 12 months", () => {
      const parts = Money.split(c(10_544_029), 12)
      expect(parts[0]).toBe(878_670)
      expect(parts.slice(1).every((p) => p === 878_669)).toBe(true)
      expect(Money.sum(parts)).toBe(10_544_029)
    })
  })

  describe("never loses a cent", () => {
    it.prop("sub undoes add", [Amount, Amount], ([a, b]) => {
      assert.strictEqual(Money.sub(Money.add(c(a), c(b)), c(b)), a)
    })

    it.prop("sum is the same in any order", { xs: Schema.Array(Amount) }, ({ xs }) => {
      const amounts = xs.map(c)
      assert.strictEqual(Money.sum(amounts), Money.sum([...amounts].reverse()))
    })

    it.prop("allocation adds back up, each part within a cent of its exact proportion", [Amount, Schema.Array(Weight)], ([a, ws]) => {
      const weights = [...ws, 1]
      const parts = Money.allocate(c(a), weights)
      assert.strictEqual(Money.sum(parts), a)
      const total = BigInt(weights.reduce((s, w) => s + w, 0))
      parts.forEach((p, i) => {
        const error = BigInt(p) * total - BigInt(a) * BigInt(weights[i] ?? 0) // (part − exact) × total
        assert.isTrue(error < total && -error < total)
      })
    })

    it.prop("splitting into n parts adds back up, parts differ by at most a cent", [Amount, Parts], ([a, n]) => {
      const parts = Money.split(c(a), n)
      assert.strictEqual(parts.length, n)
      assert.strictEqual(Money.sum(parts), a)
      assert.isAtMost(Math.max(...parts) - Math.min(...parts), 1)
    })

    it.prop("a share and its complement give back the whole amount", [NonNegativeAmount, Share], ([a, s]) => {
      const part = Money.applyShare(c(a), Money.bp(s), "floor")
      const rest = Money.applyShare(c(a), Money.bp(10_000 - s), "ceil")
      assert.strictEqual(part + rest, a)
    })

    it.prop("every rounding of a share is within a cent of the exact value", [Amount, Share], ([a, s]) => {
      for (const rounding of ["floor", "ceil", "half-up", "half-even"] as const) {
        const r = BigInt(Money.applyShare(c(a), Money.bp(s), rounding))
        const diff = r * 10_000n - BigInt(a) * BigInt(s)
        assert.isTrue(diff < 10_000n && -diff < 10_000n)
      }
    })

    it.prop("format and parse round-trip", [Amount], ([a]) => {
      assert.deepStrictEqual(Money.parse(Money.format(c(a))), Result.succeed(c(a)))
    })
  })
})
