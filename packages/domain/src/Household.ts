/**
 * Household: the family that applies for a service. Adults (codice fiscale, sex, employer and whether it is
 * a partner firm, Comune staff, weekly hours, residence), children (birth date, disability under
 * L. 104/1992), the ISEE with its DSU protocol and expiry, the single-parent flag and consent records.
 *
 * Every shape is a Schema class, so a decoded household is valid by construction: codici fiscali are
 * checked by `Person`, dates are `LocalDate`s, amounts are cents. Ages are counted in whole months, the
 * unit services state their ranges in.
 *
 * @example
 * ```ts
 * Household.ageInMonths(LocalDate.make("2020-01-12"), LocalDate.make("2022-09-01"))  // 31
 * Household.dateAtMonths(LocalDate.make("2020-01-12"), 36)                          // "2023-01-12"
 * Household.iseeOn(household, LocalDate.make("2023-01-01"))                          // undefined: the 2022 DSU expired
 * ```
 */
import { Schema } from "effect"
import * as LocalDate from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { PartnerId } from "./Partnership.ts"
import { CodiceFiscale, Sex } from "./Person.ts"
import { IstatCode } from "./Territory.ts"

// ---------------------------------------------------------------------------------------------------------
// Ages

const yearOf = (d: string): number =>
  (d.charCodeAt(0) - 48) * 1000 +
  (d.charCodeAt(1) - 48) * 100 +
  (d.charCodeAt(2) - 48) * 10 +
  (d.charCodeAt(3) - 48)
const monthOf = (d: string): number => (d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48)
const dayOf = (d: string): number => (d.charCodeAt(8) - 48) * 10 + (d.charCodeAt(9) - 48)

/**
 * Whole months of age on `on` for a child born on `birth` (negative before birth). A month is completed on
 * the same day of the month as the birth; a child born on the 31st completes a month on the 1st of the
 * month after a shorter one.
 */
export const ageInMonths = (birth: LocalDate.LocalDate, on: LocalDate.LocalDate): number => {
  const months = (yearOf(on) - yearOf(birth)) * 12 + (monthOf(on) - monthOf(birth))
  return dayOf(on) < dayOf(birth) ? months - 1 : months
}

const daysInMonth = (y: number, m: number): number =>
  m === 2
    ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
      ? 29
      : 28
    : m === 4 || m === 6 || m === 9 || m === 11
      ? 30
      : 31
const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)

/** The first date on which a child born on `birth` is `months` whole months old (the inverse of `ageInMonths`). */
export const dateAtMonths = (birth: LocalDate.LocalDate, months: number): LocalDate.LocalDate => {
  const index = yearOf(birth) * 12 + (monthOf(birth) - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  const d = dayOf(birth)
  if (y < 1 || y > 9999) throw new RangeError(`date out of range: ${birth} + ${months} months`)
  if (d <= daysInMonth(y, m))
    return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}` as LocalDate.LocalDate
  // No such day (born on the 31st, a 30-day month): the month is completed on the 1st of the next one.
  return (
    m === 12 ? `${String(y + 1).padStart(4, "0")}-01-01` : `${String(y).padStart(4, "0")}-${pad2(m + 1)}-01`
  ) as LocalDate.LocalDate
}

/** An age in Italian: 36 → "3 anni", 1 → "1 mese", 30 → "30 mesi", 12 → "1 anno". */
export const formatAge = (months: number): string =>
  months % 12 === 0 && months > 0
    ? `${months / 12} ${months === 12 ? "anno" : "anni"}`
    : `${months} ${months === 1 ? "mese" : "mesi"}`

/** An age in English: 36 → "3", 30 → "30 months" (as in "when Giulia turns 3"). */
export const formatAgeEn = (months: number): string =>
  months % 12 === 0 && months > 0 ? `${months / 12}` : `${months} ${months === 1 ? "month" : "months"}`

// ---------------------------------------------------------------------------------------------------------
// Shapes

/** Identifier of a household. */
export const HouseholdId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)),
  Schema.brand("HouseholdId")
)
/** Identifier of a household. */
export type HouseholdId = typeof HouseholdId.Type

/** Identifier of a child within the network (stable across applications). */
export const ChildId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)),
  Schema.brand("ChildId")
)
/** Identifier of a child. */
export type ChildId = typeof ChildId.Type

/** Who an adult works for: the employer's name and, when it is a partner firm of the project, its partner id. */
export class Employer extends Schema.Class<Employer>("Employer")({
  name: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  /** The partner id when the employer is a partner of the project (absent: not a partner). */
  partnerId: Schema.optionalKey(PartnerId),
  /** Whether the employer has confirmed the employment (the portal asks the firm; until then it is pending). */
  confirmed: Schema.Boolean
}) {}

/** A parent or other adult of the household. */
export class Adult extends Schema.Class<Adult>("Adult")({
  codiceFiscale: CodiceFiscale,
  sex: Sex,
  /** Absent when the adult is not employed. */
  employer: Schema.optionalKey(Employer),
  /** Whether the adult works for the Comune (whether that makes them a recipient is a project setting). */
  comuneEmployee: Schema.Boolean,
  /** Contractual weekly working hours (0 when not working). */
  weeklyHours: Schema.Number.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 168 }))),
  /** Comune of residence (ISTAT code). */
  residence: IstatCode,
  /**
   * False for an adult of the household who is not a parent of its children (a grandparent living with
   * them, say): rankings count the parents' work only. Absent: a parent.
   */
  parent: Schema.optionalKey(Schema.Boolean)
}) {}

/** A child of the household. */
export class Child extends Schema.Class<Child>("Child")({
  id: ChildId,
  name: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  birthDate: LocalDate.LocalDate,
  /** Certified disability under Law 104/1992. */
  disability104: Schema.Boolean
}) {}

/** A DSU protocol number, as INPS prints it (e.g. `INPS-ISEE-2022-12345678A-00`); the exact format is not checked. */
export const DsuProtocol = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[A-Z0-9][A-Z0-9-]{5,39}$/)),
  Schema.brand("DsuProtocol")
)
/** A DSU protocol number. */
export type DsuProtocol = typeof DsuProtocol.Type

/** An ISEE attestation (DPCM 159/2013): the indicator in cents, its DSU protocol and when it was issued. */
export class Isee extends Schema.Class<Isee>("Isee")({
  value: Money.NonNegativeCents,
  dsuProtocol: DsuProtocol,
  issuedOn: LocalDate.LocalDate
}) {
  /** The last day it is valid: 31 December of the year it was issued. */
  get expiresOn(): LocalDate.LocalDate {
    return LocalDate.make(`${this.issuedOn.slice(0, 4)}-12-31`)
  }
}

/** What a consent is given for. */
export const ConsentPurpose = Schema.Literals([
  "service-delivery",
  "eligibility-check",
  "ranking",
  "reporting",
  "communications"
])
/** What a consent is given for. */
export type ConsentPurpose = typeof ConsentPurpose.Type

/** A consent given (and possibly withdrawn) for one purpose, under one version of the privacy notice. */
export class Consent extends Schema.Class<Consent>("Consent")({
  purpose: ConsentPurpose,
  givenAt: Schema.DateTimeUtcFromString,
  /** Version of the privacy notice the person agreed to, e.g. `2022-09`. */
  version: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  withdrawnAt: Schema.optionalKey(Schema.DateTimeUtcFromString)
}) {}

const uniqueBy = <A>(items: ReadonlyArray<A>, key: (a: A) => string): boolean =>
  new Set(items.map(key)).size === items.length

/** A household: at least one adult, its children, the ISEE if presented, the single-parent flag, consents. */
export class Household extends Schema.Class<Household>("Household")(
  Schema.Struct({
    id: HouseholdId,
    adults: Schema.Array(Adult).pipe(Schema.check(Schema.isMinLength(1))),
    children: Schema.Array(Child),
    /** Absent when no ISEE was presented (the top fee band applies). */
    isee: Schema.optionalKey(Isee),
    singleParent: Schema.Boolean,
    consents: Schema.Array(Consent)
  }).check(
    Schema.makeFilter(
      (h) =>
        uniqueBy(h.adults, (a) => a.codiceFiscale) ||
        "lo stesso codice fiscale compare due volte (the same codice fiscale appears twice)"
    ),
    Schema.makeFilter(
      (h) =>
        uniqueBy(h.children, (c) => c.id) || "due minori con lo stesso id (two children with the same id)"
    )
  )
) {}

/** Decodes a household from unknown input (JSON), throwing a `Schema.SchemaError` with every path on failure. */
export const decode = (input: unknown): Household =>
  Schema.decodeUnknownSync(Household)(input, { errors: "all" })

// ---------------------------------------------------------------------------------------------------------
// Rules

/** Whether an ISEE is valid on a date: issued on or before it, and not past 31 December of its year. */
export const isValidOn = (isee: Isee, date: LocalDate.LocalDate): boolean =>
  isee.issuedOn <= date && date <= isee.expiresOn

/** The household's ISEE valid on `date`, or `undefined` (none presented, or expired: then the top band applies). */
export const iseeOn = (household: Household, date: LocalDate.LocalDate): Isee | undefined =>
  household.isee !== undefined && isValidOn(household.isee, date) ? household.isee : undefined

/** A child of the household by id. */
export const child = (household: Household, id: string): Child | undefined =>
  household.children.find((c) => c.id === id)

/** How many children are minors (under 18) on a date. */
export const minorsOn = (household: Household, date: LocalDate.LocalDate): number =>
  household.children.filter(
    (c) => ageInMonths(c.birthDate, date) >= 0 && ageInMonths(c.birthDate, date) < 216
  ).length

/** The household's parents: its adults but those marked as not a parent of its children. */
export const parents = (household: Household): ReadonlyArray<Adult> => household.adults.filter((a) => a.parent !== false)

/** Whether every parent works (weekly hours > 0): "both parents working" in rankings. */
export const allAdultsWork = (household: Household): boolean =>
  parents(household).every((a) => a.weeklyHours > 0)

/** Whether a consent for `purpose` is in force at `at` (given before, not withdrawn by then), optionally for one notice version. */
export const hasConsent = (
  household: Household,
  purpose: ConsentPurpose,
  at: Consent["givenAt"],
  version?: string
): boolean =>
  household.consents.some(
    (c) =>
      c.purpose === purpose &&
      (version === undefined || c.version === version) &&
      c.givenAt.epochMilliseconds <= at.epochMilliseconds &&
      (c.withdrawnAt === undefined || at.epochMilliseconds < c.withdrawnAt.epochMilliseconds)
  )
