/**
 * Reporting: one ledger of service delivery, and the indicators derived from it.
 *
 * Each entry is one delivery: which (pseudonymous) household, the gender of the working parent who uses
 * the service, the firm or partner they work for, the child's age band, the service, the date, hours,
 * funding source and cost in cents. Every indicator is a pure function over an array of entries, so any
 * indicator a call asks for later can be derived from the same raw data: beneficiaries by gender, by firm,
 * by age band; hours of care; spend by partner and by funding source against the plan (`Budget`); and the
 * share of fathers among users, in basis points (the call's gender-parity aim).
 *
 * @example
 * ```ts
 * Reporting.fathersShare(ledger)                         // 3400: 34,00% of the households are fathers
 * Reporting.beneficiariesBy(ledger, "firmId")            // [{ key: "oltrepo-servizi", value: 12 }, ...]
 * Reporting.spendVersusPlan(ledger, Fixtures.smartfamVogheraBudget)
 * ```
 */
import { Schema } from "effect"
import type * as Budget from "./Budget.ts"
import * as LocalDate from "./LocalDate.ts"
import * as Money from "./Money.ts"

/** The gender of the working parent using a service, as declared. */
export const Gender = Schema.Literals(["F", "M", "undisclosed"])
/** The gender of the working parent. */
export type Gender = typeof Gender.Type

/** Where the money for a delivery comes from. The usual ones: `grant`, `cofinancing`, `family-fee`, `other-public`. */
export const FundingSource = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)))
/** Where the money for a delivery comes from. */
export type FundingSource = typeof FundingSource.Type

/** A child's age band, e.g. `0-3`, `3-6`, `6-11`, `11-14`; `adult` for caregiver and time-saving services. */
export const AgeBand = Schema.String.pipe(Schema.check(Schema.isMinLength(1)))
/** A child's age band. */
export type AgeBand = typeof AgeBand.Type

/** One delivery of a service. */
export const Entry = Schema.Struct({
  /** Pseudonymous household id (never a codice fiscale). */
  household: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  workingParentGender: Gender,
  /** The firm or partner the working parent is employed by, if any. */
  firmId: Schema.optionalKey(Schema.String),
  /** The partner delivering (and paying for) the service. */
  partnerId: Schema.String,
  ageBand: AgeBand,
  serviceId: Schema.String,
  date: LocalDate.LocalDate,
  hours: Schema.Number.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  fundingSource: FundingSource,
  cost: Money.NonNegativeCents
})
/** One delivery of a service. */
export type Entry = typeof Entry.Type

/** One row of an indicator: a key and a value (a count, hours or cents). */
export interface Row {
  readonly key: string
  readonly value: number
}

/** Age bands in months: `[from, to)`, with a label. */
export interface Band {
  readonly label: string
  readonly fromMonths: number
  readonly toMonths: number
}

/** The usual bands: 0–3, 3–6, 6–11, 11–14 years. */
export const defaultBands: ReadonlyArray<Band> = [
  { label: "0-3", fromMonths: 0, toMonths: 36 },
  { label: "3-6", fromMonths: 36, toMonths: 72 },
  { label: "6-11", fromMonths: 72, toMonths: 132 },
  { label: "11-14", fromMonths: 132, toMonths: 168 }
]

/** Whole months from a birth date to a date (a month is complete on the same day of the month). */
export const ageInMonths = (birth: LocalDate.LocalDate, on: LocalDate.LocalDate): number => {
  const m = (LocalDate.year(on) - LocalDate.year(birth)) * 12 + LocalDate.month(on) - LocalDate.month(birth)
  return LocalDate.day(on) >= LocalDate.day(birth) ? m : m - 1
}

/** The age band of a child on a date, or `undefined` outside every band. */
export const ageBand = (
  birth: LocalDate.LocalDate,
  on: LocalDate.LocalDate,
  bands: ReadonlyArray<Band> = defaultBands
): string | undefined => {
  const m = ageInMonths(birth, on)
  return bands.find((b) => m >= b.fromMonths && m < b.toMonths)?.label
}

/** The entries dated between two dates, both included. */
export const between = (
  entries: ReadonlyArray<Entry>,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
): ReadonlyArray<Entry> => entries.filter((e) => e.date >= from && e.date <= to)

const rows = (m: Map<string, number>): ReadonlyArray<Row> =>
  [...m].map(([key, value]) => ({ key, value })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

/** A dimension of the ledger to break an indicator down by. */
export type Dimension =
  "workingParentGender" | "firmId" | "partnerId" | "ageBand" | "serviceId" | "fundingSource" | "month"

const keyOf = (e: Entry, by: Dimension): string =>
  by === "month" ? e.date.slice(0, 7) : by === "firmId" ? (e.firmId ?? "none") : e[by]

/** Distinct households in the ledger (the beneficiaries). */
export const beneficiaries = (entries: ReadonlyArray<Entry>): number =>
  new Set(entries.map((e) => e.household)).size

/** Distinct households per key of a dimension (a household using two services counts once per key). Entries without a firm go under `none`. */
export const beneficiariesBy = (entries: ReadonlyArray<Entry>, by: Dimension): ReadonlyArray<Row> => {
  const seen = new Map<string, Set<string>>()
  for (const e of entries) {
    const k = keyOf(e, by)
    const s = seen.get(k)
    if (s === undefined) seen.set(k, new Set([e.household]))
    else s.add(e.household)
  }
  return rows(new Map([...seen].map(([k, s]) => [k, s.size])))
}

/** Total hours of care delivered. */
export const hours = (entries: ReadonlyArray<Entry>): number => entries.reduce((n, e) => n + e.hours, 0)

/** Hours of care per key of a dimension. */
export const hoursBy = (entries: ReadonlyArray<Entry>, by: Dimension): ReadonlyArray<Row> => {
  const m = new Map<string, number>()
  for (const e of entries) m.set(keyOf(e, by), (m.get(keyOf(e, by)) ?? 0) + e.hours)
  return rows(m)
}

/** Total spend, in cents. */
export const spend = (entries: ReadonlyArray<Entry>): Money.Cents => Money.sum(entries.map((e) => e.cost))

/** Spend in cents per key of a dimension (by partner: `partnerId`; by funding source: `fundingSource`). */
export const spendBy = (entries: ReadonlyArray<Entry>, by: Dimension): ReadonlyArray<Row> => {
  const m = new Map<string, number>()
  for (const e of entries) m.set(keyOf(e, by), (m.get(keyOf(e, by)) ?? 0) + e.cost)
  return rows(m)
}

/** Planned against spent, in cents, with the share spent in basis points (rounded half-up; 0 when nothing was planned). */
export interface PlanRow {
  readonly key: string
  readonly planned: Money.Cents
  readonly spent: Money.Cents
  readonly remaining: Money.Cents
  readonly spentShare: Money.BasisPoints
}

const planRow = (key: string, planned: Money.Cents, spent: Money.Cents): PlanRow => ({
  key,
  planned,
  spent,
  remaining: Money.sub(planned, spent),
  spentShare: planned > 0 ? Money.share(Money.max(spent, Money.zero), planned, "half-up") : Money.bp(0)
})

/**
 * Spend per partner against each partner's planned cost in the budget (every partner of the budget, the
 * zero-cost ones included). Partners that spent without a plan appear with a planned amount of zero.
 */
export const spendVersusPlan = (
  entries: ReadonlyArray<Entry>,
  budget: Budget.Budget
): ReadonlyArray<PlanRow> => {
  const spent = new Map(spendBy(entries, "partnerId").map((r) => [r.key, r.value]))
  const planned = new Map<string, number>(budget.partners.map((p) => [p.partnerId, 0]))
  for (const l of budget.lines) planned.set(l.partnerId, (planned.get(l.partnerId) ?? 0) + l.amount)
  const keys = [...new Set([...planned.keys(), ...spent.keys()])].sort()
  return keys.map((k) => planRow(k, Money.cents(planned.get(k) ?? 0), Money.cents(spent.get(k) ?? 0)))
}

/**
 * Spend per funding source against the plan: `grant` against the budget's grant, `cofinancing` against the
 * partners' co-financing; any other source has no planned amount.
 */
export const fundingVersusPlan = (
  entries: ReadonlyArray<Entry>,
  budget: Budget.Budget
): ReadonlyArray<PlanRow> => {
  const spent = new Map(spendBy(entries, "fundingSource").map((r) => [r.key, r.value]))
  const planned = new Map<string, number>([
    ["grant", budget.grant],
    ["cofinancing", budget.cofinancing]
  ])
  const keys = [...new Set([...planned.keys(), ...spent.keys()])].sort()
  return keys.map((k) => planRow(k, Money.cents(planned.get(k) ?? 0), Money.cents(spent.get(k) ?? 0)))
}

/**
 * The share of fathers among the households using the services, in basis points (half-up): households whose
 * working parent is a man, over households whose working parent's gender is declared. 0 when none is.
 */
export const fathersShare = (entries: ReadonlyArray<Entry>): Money.BasisPoints => {
  const fathers = new Set<string>()
  const declared = new Set<string>()
  for (const e of entries) {
    if (e.workingParentGender === "undisclosed") continue
    declared.add(e.household)
    if (e.workingParentGender === "M") fathers.add(e.household)
  }
  return declared.size === 0
    ? Money.bp(0)
    : Money.share(Money.cents(fathers.size), Money.cents(declared.size), "half-up")
}

/** Every indicator at once, for a dashboard or an export. */
export interface Summary {
  readonly beneficiaries: number
  readonly byGender: ReadonlyArray<Row>
  readonly byFirm: ReadonlyArray<Row>
  readonly byAgeBand: ReadonlyArray<Row>
  readonly hours: number
  readonly hoursByService: ReadonlyArray<Row>
  readonly spend: Money.Cents
  readonly spendByPartner: ReadonlyArray<PlanRow>
  readonly spendByFundingSource: ReadonlyArray<PlanRow>
  readonly fathersShare: Money.BasisPoints
}

/** All the indicators of a ledger against a budget. */
export const summary = (entries: ReadonlyArray<Entry>, budget: Budget.Budget): Summary => ({
  beneficiaries: beneficiaries(entries),
  byGender: beneficiariesBy(entries, "workingParentGender"),
  byFirm: beneficiariesBy(entries, "firmId"),
  byAgeBand: beneficiariesBy(entries, "ageBand"),
  hours: hours(entries),
  hoursByService: hoursBy(entries, "serviceId"),
  spend: spend(entries),
  spendByPartner: spendVersusPlan(entries, budget),
  spendByFundingSource: fundingVersusPlan(entries, budget),
  fathersShare: fathersShare(entries)
})
