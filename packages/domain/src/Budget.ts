/**
 * A project's budget: cost lines per partner and per action, the grant, each partner's co-financing;
 * its checks against a call; and the burn-down of spend against plan, month by month.
 *
 * All amounts are integer cents and every total must add up to the cent. `validate` returns EVERY
 * violation. `burnDown` is pure: spend records and the plan come in, series go out.
 *
 * @example
 * Budget.validate(Fixtures.smartfamVogheraBudget, Call.lombardia2022)          // Success
 * Budget.burnDown(Fixtures.smartfamVogheraBudget, spend).months[0]?.remaining  // cents still to spend
 */
import { Result, Schema } from "effect"
import type { Call } from "./Call.ts"
import { InterventionArea } from "./Call.ts"
import { LocalDate } from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { PartnerId } from "./Partnership.ts"
import type { Partnership } from "./Partnership.ts"
import * as Violation from "./Violation.ts"

/** Identifier of an action (a work package) of the project. */
export const ActionId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("ActionId"))
/** Identifier of an action. */
export type ActionId = typeof ActionId.Type

/** An action of the project, in one of the call's intervention areas. */
export const Action = Schema.Struct({
  id: ActionId,
  title: Schema.String,
  area: InterventionArea
})
/** An action of the project. */
export type Action = typeof Action.Type

/** One cost line: who spends, on which action, in which category, how much (net of VAT if the call says so). */
export const CostLine = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  partnerId: PartnerId,
  actionId: ActionId,
  /** A cost category id of the call. */
  category: Schema.String,
  description: Schema.String,
  amount: Money.NonNegativeCents,
  /** True when the line is invented for demonstration. */
  demo: Schema.Boolean
})
/** One cost line. */
export type CostLine = typeof CostLine.Type

/** A partner's place in the budget: its co-financing, and whether it declares any cost at all. */
export const PartnerBudget = Schema.Struct({
  partnerId: PartnerId,
  cofinancing: Money.NonNegativeCents,
  /** False for a partner taking part at zero cost (the Comune): it may have no cost line and no co-financing. */
  declaresCosts: Schema.Boolean
})
/** A partner's place in the budget. */
export type PartnerBudget = typeof PartnerBudget.Type

/** The project period, both dates included. */
export const Period = Schema.Struct({ start: LocalDate, end: LocalDate }).pipe(
  Schema.check(Schema.makeFilter((p) => p.start <= p.end || "la fine precede l'inizio (end before start)"))
)
/** The project period. */
export type Period = typeof Period.Type

/** A project budget. */
export class Budget extends Schema.Class<Budget>("Budget")({
  period: Period,
  actions: Schema.Array(Action),
  partners: Schema.Array(PartnerBudget),
  lines: Schema.Array(CostLine),
  /** Declared total cost; `validate` checks it equals the sum of the lines. */
  totalCost: Money.NonNegativeCents,
  /** Grant requested or awarded. */
  grant: Money.NonNegativeCents
}) {
  /** Sum of the cost lines. */
  get linesTotal(): Money.Cents {
    return Money.sum(this.lines.map((l) => l.amount))
  }
  /** Sum of the partners' co-financing. */
  get cofinancing(): Money.Cents {
    return Money.sum(this.partners.map((p) => p.cofinancing))
  }
}

/** The budget breaks the call's rules; `violations` lists every one. */
export class BudgetInvalid extends Schema.TaggedError<BudgetInvalid>()("BudgetInvalid", {
  violations: Schema.Array(Violation.Violation)
}) {
  override get message(): string {
    return `Budget non conforme al bando: ${this.violations.map((v) => v.message).join("; ")}`
  }
}

/** Total cost of one partner's lines. */
export const costOf = (budget: Budget, partnerId: string): Money.Cents =>
  Money.sum(budget.lines.filter((l) => l.partnerId === partnerId).map((l) => l.amount))

/** Total cost of one action's lines. */
export const costOfAction = (budget: Budget, actionId: string): Money.Cents =>
  Money.sum(budget.lines.filter((l) => l.actionId === actionId).map((l) => l.amount))

/** Total cost per category id. */
export const costByCategory = (budget: Budget): ReadonlyMap<string, Money.Cents> => {
  const m = new Map<string, Money.Cents>()
  for (const l of budget.lines) m.set(l.category, Money.add(m.get(l.category) ?? Money.zero, l.amount))
  return m
}

const ymd = (d: string): [number, number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))]
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()
const iso = (y: number, m: number, d: number): LocalDate =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as LocalDate

/** The date `n` months after `d`, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (d: LocalDate, n: number): LocalDate => {
  const [y, m, day] = ymd(d)
  const index = y * 12 + (m - 1) + n
  const ny = Math.floor(index / 12)
  const nm = (index % 12) + 1
  return iso(ny, nm, Math.min(day, daysInMonth(ny, nm)))
}

/** Whether a period lasts at most `months` months: its end comes before the same day `months` months on. */
export const fitsInMonths = (period: Period, months: number): boolean => period.end < addMonths(period.start, months)

/** The calendar months a period touches, as "YYYY-MM", in order. */
export const months = (period: Period): ReadonlyArray<string> => {
  const out: Array<string> = []
  const [sy, sm] = ymd(period.start)
  const [ey, em] = ymd(period.end)
  for (let i = sy * 12 + sm - 1; i <= ey * 12 + em - 1; i++) {
    out.push(`${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`)
  }
  return out
}

/** Extra checks against the partnership, when given: the pledges match, and the partners are the same. */
export interface ValidateOptions {
  readonly partnership?: Partnership
}

/**
 * Every way the budget breaks the call's rules (and disagrees with the partnership, if given), in a
 * stable order; empty when it complies. A co-financing shortfall that is only the mirror of a grant
 * over its share (grant + co-financing = total and the call's two shares add up to 100%) is reported
 * once, as the grant's.
 */
export const violations = (budget: Budget, call: Call, options: ValidateOptions = {}): ReadonlyArray<Violation.Violation> => {
  const out: Array<Violation.Violation> = []
  const v = Violation.make
  const f = Money.format
  const fs = Money.formatShare
  const partnerIds = new Set<string>(budget.partners.map((p) => p.partnerId))
  const actionIds = new Set<string>(budget.actions.map((a) => a.id))

  for (const a of budget.actions) {
    if (!call.interventionAreas.includes(a.area)) {
      out.push(
        v(
          "area-not-allowed",
          `L'azione "${a.title}" ricade in un ambito non previsto dal bando`,
          `Action "${a.title}" is in an intervention area the call does not provide for`,
          { ref: a.id }
        )
      )
    }
  }

  for (const l of budget.lines) {
    if (!partnerIds.has(l.partnerId)) {
      out.push(
        v("unknown-partner", `La voce di costo ${l.id} è di un partner non in budget (${l.partnerId})`, `Cost line ${l.id} belongs to a partner not in the budget (${l.partnerId})`, {
          partnerId: l.partnerId,
          ref: l.id
        })
      )
    }
    if (!actionIds.has(l.actionId)) {
      out.push(
        v("unknown-action", `La voce di costo ${l.id} rimanda a un'azione inesistente (${l.actionId})`, `Cost line ${l.id} refers to an unknown action (${l.actionId})`, { ref: l.id })
      )
    }
    if (!call.costCategories.some((c) => c.id === l.category)) {
      out.push(
        v(
          "cost-category-not-allowed",
          `La voce di costo ${l.id} usa una categoria non ammessa dal bando ("${l.category}")`,
          `Cost line ${l.id} uses a cost category the call does not admit ("${l.category}")`,
          { ref: l.id }
        )
      )
    }
  }

  for (const p of budget.partners) {
    if (p.declaresCosts) continue
    const cost = costOf(budget, p.partnerId)
    if (cost > 0) {
      out.push(
        v(
          "zero-cost-partner-has-costs",
          `Il partner ${p.partnerId} partecipa a costo zero ma ha voci di costo per ${f(cost)}`,
          `Partner ${p.partnerId} takes part at zero cost but has cost lines for ${f(cost)}`,
          { partnerId: p.partnerId }
        )
      )
    }
    if (p.cofinancing > 0) {
      out.push(
        v(
          "zero-cost-partner-cofinances",
          `Il partner ${p.partnerId} partecipa a costo zero ma dichiara un cofinanziamento di ${f(p.cofinancing)}`,
          `Partner ${p.partnerId} takes part at zero cost but pledges ${f(p.cofinancing)} of co-financing`,
          { partnerId: p.partnerId }
        )
      )
    }
  }

  const linesTotal = budget.linesTotal
  if (linesTotal !== budget.totalCost) {
    out.push(
      v(
        "total-mismatch",
        `Il costo totale dichiarato (${f(budget.totalCost)}) non è la somma delle voci (${f(linesTotal)}): differenza ${f(Money.sub(budget.totalCost, linesTotal))}`,
        `Declared total cost (${f(budget.totalCost)}) is not the sum of the lines (${f(linesTotal)}): difference ${f(Money.sub(budget.totalCost, linesTotal))}`
      )
    )
  }

  const cofinancing = budget.cofinancing
  const funded = Money.add(budget.grant, cofinancing)
  const fundingAddsUp = funded === budget.totalCost
  if (!fundingAddsUp) {
    out.push(
      v(
        "funding-mismatch",
        `Contributo (${f(budget.grant)}) più cofinanziamento (${f(cofinancing)}) fanno ${f(funded)}, non il costo totale ${f(budget.totalCost)}`,
        `Grant (${f(budget.grant)}) plus co-financing (${f(cofinancing)}) make ${f(funded)}, not the total cost ${f(budget.totalCost)}`
      )
    )
  }

  if (budget.grant > call.grant.maxAmount) {
    out.push(
      v(
        "grant-over-max-amount",
        `Il contributo richiesto (${f(budget.grant)}) supera il massimo del bando (${f(call.grant.maxAmount)})`,
        `The grant (${f(budget.grant)}) exceeds the call's maximum (${f(call.grant.maxAmount)})`
      )
    )
  }

  if (budget.totalCost <= 0) {
    out.push(v("no-costs", "Il budget non ha costi", "The budget has no costs"))
  } else {
    const grantOver = Money.compareShare(budget.grant, budget.totalCost, call.grant.maxShare) > 0
    if (grantOver) {
      out.push(
        v(
          "grant-over-max-share",
          `Il contributo è il ${fs(Money.share(budget.grant, budget.totalCost, "ceil"))} del costo totale: il bando ammette al massimo il ${fs(call.grant.maxShare)}`,
          `The grant is ${fs(Money.share(budget.grant, budget.totalCost, "ceil"))} of the total cost: the call allows at most ${fs(call.grant.maxShare)}`
        )
      )
    }
    const mirror = grantOver && fundingAddsUp && call.grant.maxShare + call.minCofinancingShare === Money.whole
    if (!mirror && Money.compareShare(cofinancing, budget.totalCost, call.minCofinancingShare) < 0) {
      out.push(
        v(
          "cofinancing-under-min-share",
          `Il cofinanziamento dei partner è il ${fs(Money.share(cofinancing, budget.totalCost, "floor"))} del costo totale: il bando chiede almeno il ${fs(call.minCofinancingShare)}`,
          `Partners' co-financing is ${fs(Money.share(cofinancing, budget.totalCost, "floor"))} of the total cost: the call requires at least ${fs(call.minCofinancingShare)}`
        )
      )
    }
  }

  if (!fitsInMonths(budget.period, call.durationMonths)) {
    out.push(
      v(
        "duration-over-max",
        `Il progetto va dal ${budget.period.start} al ${budget.period.end}: il bando ammette al massimo ${call.durationMonths} mesi`,
        `The project runs from ${budget.period.start} to ${budget.period.end}: the call allows at most ${call.durationMonths} months`
      )
    )
  }

  const partnership = options.partnership
  if (partnership !== undefined) {
    for (const member of partnership.partners) {
      const entry = budget.partners.find((p) => p.partnerId === member.id)
      if (entry === undefined) {
        out.push(
          v("partner-missing-from-budget", `${member.legalName} non compare nel budget`, `${member.legalName} is missing from the budget`, {
            partnerId: member.id
          })
        )
      } else if (entry.cofinancing !== member.cofinancing) {
        out.push(
          v(
            "pledge-mismatch",
            `${member.legalName}: cofinanziamento in budget ${f(entry.cofinancing)}, impegno nel partenariato ${f(member.cofinancing)}`,
            `${member.legalName}: co-financing in the budget ${f(entry.cofinancing)}, pledge in the partnership ${f(member.cofinancing)}`,
            { partnerId: member.id }
          )
        )
      }
    }
    for (const entry of budget.partners) {
      if (!partnership.partners.some((m) => m.id === entry.partnerId)) {
        out.push(
          v("not-in-partnership", `Il partner ${entry.partnerId} è in budget ma non nel partenariato`, `Partner ${entry.partnerId} is in the budget but not in the partnership`, {
            partnerId: entry.partnerId
          })
        )
      }
    }
  }

  return out
}

/**
 * Checks a budget against a call: `Success` with the budget when it complies, otherwise `Failure` with
 * every violation.
 */
export const validate = (budget: Budget, call: Call, options: ValidateOptions = {}): Result.Result<Budget, BudgetInvalid> => {
  const found = violations(budget, call, options)
  return found.length === 0 ? Result.succeed(budget) : Result.fail(new BudgetInvalid({ violations: found }))
}

// ---------------------------------------------------------------------------------------------------
// Burn-down

/** Money actually spent: on a date, by a partner, optionally on an action. Negative amounts are corrections. */
export const Spend = Schema.Struct({
  date: LocalDate,
  partnerId: PartnerId,
  actionId: Schema.optionalKey(ActionId),
  amount: Money.Cents
})
/** Money actually spent. */
export type Spend = typeof Spend.Type

/** One month of a burn-down: planned and spent in the month and to date, and what is left. */
export interface BurnDownPoint {
  /** "YYYY-MM". */
  readonly month: string
  readonly planned: Money.Cents
  readonly spent: Money.Cents
  readonly plannedToDate: Money.Cents
  readonly spentToDate: Money.Cents
  /** Budget minus spent to date. */
  readonly remaining: Money.Cents
  /** Budget minus planned to date. */
  readonly plannedRemaining: Money.Cents
}

/** A burn-down series with the records that fell outside the project period (never silently dropped). */
export interface BurnDown {
  /** The amount being burnt down: all lines, or one partner's or action's. */
  readonly total: Money.Cents
  readonly months: ReadonlyArray<BurnDownPoint>
  readonly outsidePeriod: ReadonlyArray<Spend>
}

/** Options of `burnDown`: narrow to a partner or an action; give a monthly plan (default: even split). */
export interface BurnDownOptions {
  readonly partnerId?: string
  readonly actionId?: string
  /** Planned spend per month of the period, in order; must have one amount per month. */
  readonly plan?: ReadonlyArray<Money.Cents>
}

/**
 * Spend against plan per calendar month of the project period. Without a plan, the total is split
 * evenly over the months (exactly: the parts add up to the total). Records outside the period are
 * returned apart, in `outsidePeriod`.
 */
export const burnDown = (budget: Budget, spend: ReadonlyArray<Spend>, options: BurnDownOptions = {}): BurnDown => {
  const lines = budget.lines.filter(
    (l) =>
      (options.partnerId === undefined || l.partnerId === options.partnerId) &&
      (options.actionId === undefined || l.actionId === options.actionId)
  )
  const total = Money.sum(lines.map((l) => l.amount))
  const ms = months(budget.period)
  const plan = options.plan ?? Money.split(total, ms.length)
  if (plan.length !== ms.length) throw new RangeError(`plan has ${plan.length} months, the period ${ms.length}`)
  const records = spend.filter(
    (s) =>
      (options.partnerId === undefined || s.partnerId === options.partnerId) &&
      (options.actionId === undefined || s.actionId === options.actionId)
  )
  const byMonth = new Map<string, Money.Cents>()
  const outsidePeriod: Array<Spend> = []
  for (const s of records) {
    if (s.date < budget.period.start || s.date > budget.period.end) outsidePeriod.push(s)
    else byMonth.set(s.date.slice(0, 7), Money.add(byMonth.get(s.date.slice(0, 7)) ?? Money.zero, s.amount))
  }
  let plannedToDate = Money.zero
  let spentToDate = Money.zero
  const points = ms.map((month, i): BurnDownPoint => {
    const planned = plan[i] ?? Money.zero
    const spent = byMonth.get(month) ?? Money.zero
    plannedToDate = Money.add(plannedToDate, planned)
    spentToDate = Money.add(spentToDate, spent)
    return {
      month,
      planned,
      spent,
      plannedToDate,
      spentToDate,
      remaining: Money.sub(total, spentToDate),
      plannedRemaining: Money.sub(total, plannedToDate)
    }
  })
  return { total, months: points, outsidePeriod }
}
