import { assert, describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Budget, Call, Fixtures, LocalDate, Money, Partnership, Violation } from "../src/index.ts"

const call = Call.lombardia2022
const budget = Fixtures.smartfamVogheraBudget
const c = Money.cents
const pid = Partnership.PartnerId.make

type Fields = ConstructorParameters<typeof Budget.Budget>[0]
const change = (f: (b: Fields) => Partial<Fields>): Budget.Budget => new Budget.Budget({ ...budget, ...f(budget) })
const setCofinancing = (b: Fields, partnerId: string, delta: number) =>
  b.partners.map((p) => (p.partnerId === partnerId ? { ...p, cofinancing: c(p.cofinancing + delta) } : p))
const setLine = (b: Fields, id: string, changes: Partial<Budget.CostLine>) =>
  b.lines.map((l) => (l.id === id ? { ...l, ...changes } : l))

/** A one-line budget of € 10.000,00 with the given grant, co-financed by the capofila for the rest. */
const small = (grant: number): Budget.Budget =>
  new Budget.Budget({
    ...budget,
    partners: [
      { partnerId: pid("cresciamo"), cofinancing: c(1_000_000 - grant), declaresCosts: true },
      { partnerId: pid("comune-voghera"), cofinancing: Money.zero, declaresCosts: false }
    ],
    lines: [{ id: "x-1", partnerId: pid("cresciamo"), actionId: Budget.ActionId.make("childcare"), category: "staff", description: "Educatrici", amount: c(1_000_000), demo: true }],
    totalCost: c(1_000_000),
    grant: c(grant)
  })

describe("Budget", () => {
  describe("the Smartfam Voghera budget", () => {
    it("complies with the call, and agrees with the partnership", () => {
      expect(Budget.violations(budget, call, { partnership: Fixtures.smartfamVoghera })).toEqual([])
      expect(Result.isSuccess(Budget.validate(budget, call))).toBe(true)
    })

    it("adds up to the cent: € 105.440,29 = € 50.000,00 grant + € 55.440,29 co-financing", () => {
      expect(Money.format(budget.linesTotal)).toBe("€ 105.440,29")
      expect(Money.format(budget.cofinancing)).toBe("€ 55.440,29")
      expect(Money.formatShare(Money.share(budget.grant, budget.totalCost, "half-up"))).toBe("47,42%")
      expect(Money.formatShare(Money.share(budget.cofinancing, budget.totalCost, "half-up"))).toBe("52,58%")
      expect(budget.totalCost).toBe(Fixtures.smartfamVoghera.totalCost)
      expect(budget.grant).toBe(Fixtures.smartfamVoghera.grant)
    })

    it.each([
      ["cresciamo", 6_544_029],
      ["oltrepo-servizi", 2_000_000],
      ["staffora-lab", 2_000_000],
      ["comune-voghera", 0]
    ])("%s costs %i cents", (partnerId, cost) => {
      expect(Budget.costOf(budget, partnerId)).toBe(cost)
    })

    it("every action has costs, and costs by action and by category add up to the total", () => {
      const byAction = budget.actions.map((a) => Budget.costOfAction(budget, a.id))
      expect(byAction.every((x) => x > 0)).toBe(true)
      expect(Money.sum(byAction)).toBe(budget.totalCost)
      expect(Money.sum(Budget.costByCategory(budget).values())).toBe(budget.totalCost)
      expect(budget.lines.every((l) => l.demo)).toBe(true)
    })
  })

  describe("validate: each rule broken alone gives exactly its violation", () => {
    const fewerAreas = new Call.Call({ ...call, interventionAreas: call.interventionAreas.filter((a) => a !== "flexibility-coworking") })
    const moreCofinancing = new Call.Call({ ...call, minCofinancingShare: Money.bp(6000) })

    it.each<[string, Budget.Budget, Call.Call, ReadonlyArray<string>]>([
      ["grant € 50.000,01", change((b) => ({ grant: c(5_000_001), partners: setCofinancing(b, "cresciamo", -1) })), call, ["grant-over-max-amount"]],
      ["grant 70,01% of the cost", small(700_100), call, ["grant-over-max-share"]],
      ["co-financing under the call's minimum (60%)", budget, moreCofinancing, ["cofinancing-under-min-share"]],
      ["lines add up to one cent more than the total", change((b) => ({ lines: setLine(b, "cr-04", { amount: c(264_030) }) })), call, ["total-mismatch"]],
      ["grant + co-financing one cent over the total", change((b) => ({ partners: setCofinancing(b, "staffora-lab", 1) })), call, ["funding-mismatch"]],
      ["the Comune with a cost line", change((b) => ({ lines: setLine(b, "cr-07", { partnerId: pid("comune-voghera") }) })), call, ["zero-cost-partner-has-costs"]],
      ["the Comune co-financing", change((b) => ({ partners: setCofinancing({ ...b, partners: setCofinancing(b, "comune-voghera", 100) }, "cresciamo", -100) })), call, ["zero-cost-partner-cofinances"]],
      ["a cost category the call does not list", change((b) => ({ lines: setLine(b, "cr-02", { category: "travel" }) })), call, ["cost-category-not-allowed"]],
      ["a line on an unknown action", change((b) => ({ lines: setLine(b, "cr-02", { actionId: Budget.ActionId.make("party") }) })), call, ["unknown-action"]],
      ["a line of a partner not in the budget", change((b) => ({ lines: setLine(b, "cr-02", { partnerId: pid("ghost") }) })), call, ["unknown-partner"]],
      ["13 months", change(() => ({ period: { start: LocalDate.make("2022-09-01"), end: LocalDate.make("2023-09-01") } })), call, ["duration-over-max"]],
      ["an action outside the call's areas", budget, fewerAreas, ["area-not-allowed"]],
      ["no costs at all", new Budget.Budget({ ...budget, lines: [], partners: budget.partners.map((p) => ({ ...p, cofinancing: Money.zero })), totalCost: Money.zero, grant: Money.zero }), call, ["no-costs"]]
    ])("%s", (_name, b, rules, expected) => {
      const found = Budget.violations(b, rules)
      expect(Violation.codes(found)).toEqual(expected)
      for (const v of found) expect(v.message.length).toBeGreaterThan(10)
    })

    it.each([
      [700_000, []],
      [699_999, []],
      [700_001, ["grant-over-max-share"]]
    ])("the 70%% cap is exact: a grant of %i cents on € 10.000,00 → %j", (grant, expected) => {
      expect(Violation.codes(Budget.violations(small(grant), call))).toEqual(expected)
    })

    it("says by how much, in Italian", () => {
      expect(Budget.violations(small(700_100), call)[0]?.message).toBe(
        "Il contributo è il 70,01% del costo totale: il bando ammette al massimo il 70,00%"
      )
      const over = change((b) => ({ grant: c(5_000_001), partners: setCofinancing(b, "cresciamo", -1) }))
      expect(Budget.violations(over, call)[0]?.message).toBe(
        "Il contributo richiesto (€ 50.000,01) supera il massimo del bando (€ 50.000,00)"
      )
      const offByOne = change((b) => ({ lines: setLine(b, "cr-04", { amount: c(264_030) }) }))
      expect(Budget.violations(offByOne, call)[0]?.message).toBe(
        "Il costo totale dichiarato (€ 105.440,29) non è la somma delle voci (€ 105.440,30): differenza -€ 0,01"
      )
    })

    it("reports every violation at once", () => {
      const bad = change((b) => ({
        grant: c(5_000_001),
        lines: setLine({ ...b, lines: setLine(b, "cr-07", { partnerId: pid("comune-voghera") }) }, "cr-02", { category: "travel" })
      }))
      const r = Budget.validate(bad, call)
      assert.isTrue(Result.isFailure(r))
      if (Result.isFailure(r)) {
        expect(Violation.codes(r.failure.violations)).toEqual([
          "cost-category-not-allowed",
          "zero-cost-partner-has-costs",
          "funding-mismatch",
          "grant-over-max-amount"
        ])
        expect(r.failure._tag).toBe("BudgetInvalid")
      }
    })

    it("cross-checks the partnership's pledges when given", () => {
      const partners = Fixtures.smartfamVoghera.partners.map((p) =>
        p.id === "staffora-lab" ? new Partnership.Partner({ ...p, cofinancing: c(900_000) }) : p
      )
      expect(Violation.codes(Budget.violations(budget, call, { partnership: { partners } }))).toEqual(["pledge-mismatch"])
      expect(Violation.codes(Budget.violations(budget, call, { partnership: { partners: partners.slice(0, 3) } }))).toEqual([
        "pledge-mismatch",
        "not-in-partnership"
      ])
    })

    it("the schema refuses a period that ends before it starts, and negative lines", () => {
      const json = Schema.encodeSync(Budget.Budget)(budget)
      expect(() => Schema.decodeUnknownSync(Budget.Budget)({ ...json, period: { start: "2023-01-01", end: "2022-01-01" } })).toThrow(/end before start/)
      expect(() => Schema.decodeUnknownSync(Budget.Budget)({ ...json, lines: [{ ...json.lines[0], amount: -1 }] })).toThrow()
      expect(Schema.decodeUnknownSync(Budget.Budget)(JSON.parse(JSON.stringify(json))).totalCost).toBe(10_544_029)
    })
  })

  describe("months and durations", () => {
    it.each([
      ["2022-09-01", 12, "2023-09-01"],
      ["2022-01-31", 1, "2022-02-28"],
      ["2024-01-31", 1, "2024-02-29"],
      ["2022-12-15", 2, "2023-02-15"],
      ["2023-03-31", -1, "2023-02-28"]
    ])("%s + %i months = %s", (d, n, expected) => {
      expect(Budget.addMonths(LocalDate.make(d), n)).toBe(expected)
    })

    it("the project touches 12 calendar months", () => {
      expect(Budget.months(budget.period)).toEqual([
        "2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02",
        "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08"
      ])
      expect(Budget.fitsInMonths(budget.period, 12)).toBe(true)
      expect(Budget.fitsInMonths(budget.period, 11)).toBe(false)
    })
  })

  describe("burnDown", () => {
    const spend = (date: string, partnerId: string, amount: number): Budget.Spend => ({
      date: LocalDate.make(date),
      partnerId: pid(partnerId),
      amount: c(amount)
    })

    it("without spend, the plan splits the total evenly and exactly", () => {
      const b = Budget.burnDown(budget, [])
      expect(b.months).toHaveLength(12)
      expect(b.months[0]).toEqual({
        month: "2022-09",
        planned: 878_670,
        spent: 0,
        plannedToDate: 878_670,
        spentToDate: 0,
        remaining: 10_544_029,
        plannedRemaining: 9_665_359
      })
      expect(b.months[11]?.plannedToDate).toBe(10_544_029)
      expect(b.months[11]?.plannedRemaining).toBe(0)
    })

    it("adds spend by month, keeps records outside the period apart, takes corrections", () => {
      const records = [
        spend("2022-08-31", "cresciamo", 10_000), // before the start: apart
        spend("2022-09-01", "cresciamo", 500_000),
        spend("2022-09-30", "oltrepo-servizi", 120_050),
        spend("2022-12-23", "staffora-lab", 300_000),
        spend("2022-12-24", "staffora-lab", -50_000), // a correction
        spend("2023-08-31", "cresciamo", 1)
      ]
      const b = Budget.burnDown(budget, records)
      expect(b.outsidePeriod).toEqual([records[0]])
      expect(b.months.map((m) => m.spent)).toEqual([620_050, 0, 0, 250_000, 0, 0, 0, 0, 0, 0, 0, 1])
      expect(b.months[3]?.spentToDate).toBe(870_050)
      expect(b.months[11]?.remaining).toBe(10_544_029 - 870_051)
    })

    it("narrows to one partner, with its own plan", () => {
      const plan = [...Array.from({ length: 11 }, () => c(0)), c(2_000_000)]
      const b = Budget.burnDown(budget, [spend("2022-10-10", "staffora-lab", 1_000), spend("2022-10-10", "cresciamo", 9)], {
        partnerId: "staffora-lab",
        plan
      })
      expect(b.total).toBe(2_000_000)
      expect(b.months[1]).toMatchObject({ month: "2022-10", spent: 1_000, plannedToDate: 0, remaining: 1_999_000 })
      expect(b.months[11]?.plannedRemaining).toBe(0)
      expect(() => Budget.burnDown(budget, [], { plan: [c(1)] })).toThrow(/plan has 1 months, the period 12/)
    })

    const Offset = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: -40, maximum: 400 })))
    const Amount = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: -1_000_000, maximum: 10_000_000 })))
    const Who = Schema.Literals(["cresciamo", "oltrepo-servizi", "staffora-lab"])
    it.prop("never loses a cent: spend in the months plus spend outside equals all spend", { records: Schema.Array(Schema.Tuple([Offset, Amount, Who])) }, ({ records }) => {
      const all = records.map(([offset, amount, who]) => spend(LocalDate.addDays(LocalDate.make("2022-09-01"), offset), who, amount))
      const b = Budget.burnDown(budget, all)
      const inMonths = Money.sum(b.months.map((m) => m.spent))
      const outside = Money.sum(b.outsidePeriod.map((s) => s.amount))
      assert.strictEqual(inMonths + outside, Money.sum(all.map((s) => s.amount)))
      assert.strictEqual(b.months.at(-1)?.spentToDate, inMonths)
      assert.strictEqual(b.months.at(-1)?.remaining, budget.totalCost - inMonths)
      assert.strictEqual(b.months.at(-1)?.plannedToDate, budget.totalCost)
    })
  })
})
