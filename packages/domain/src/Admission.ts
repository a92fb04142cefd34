/**
 * Admission rounds (bandi di iscrizione): a service whose places are allotted by a ranking rather than
 * first come, first served (a nursery year, say). Families apply within a window; each application
 * carries the facts the ranking's points need, taken from the household's profile plus three statements
 * the profile does not hold (self-certified under DPR 445/2000); `rank` draws up the round's list with
 * `Ranking`, so every position comes with its score line by line.
 *
 * Rounds are data, like the ranking rules they name: another network changes the data, not the code.
 *
 * @example
 * ```ts
 * const facts = Admission.factsOf(household, "c1", { socialServicesReferral: false, disabledHouseholdMember: false, noFamilyNetwork: true }, round.startsOn)
 * const list = Admission.rank(round, Ranking.vogheraRules, applications, today)
 * Ranking.positionOf(list, applicationId)?.breakdown
 * ```
 */
import { DateTime, Schema } from "effect"
import * as Eligibility from "./Eligibility.ts"
import * as Household from "./Household.ts"
import * as LocalDate from "./LocalDate.ts"
import * as Ranking from "./Ranking.ts"

/** What an applicant states for the ranking beyond the household's profile. */
export const Declarations = Schema.Struct({
  /** The family is followed by the social services, who referred it (an absolute priority where the rules say so). */
  socialServicesReferral: Schema.Boolean,
  /** A member of the household other than the child has a certified disability. */
  disabledHouseholdMember: Schema.Boolean,
  /** No grandparents or other relatives nearby who can look after the child. */
  noFamilyNetwork: Schema.Boolean
}).annotate({ identifier: "AdmissionDeclarations" })
/** What an applicant states for the ranking. */
export type Declarations = typeof Declarations.Type

/** One admission round of one service. */
export class Round extends Schema.Class<Round>("AdmissionRound")({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
  serviceId: Schema.String,
  title: Schema.String,
  /** The ranking rules (`Ranking.Rules` id) in force on the day the list is drawn up. */
  rulesId: Schema.String,
  /** Applications are accepted from `opensAt` (included) to `closesAt` (excluded). */
  opensAt: Schema.DateTimeUtcFromString,
  closesAt: Schema.DateTimeUtcFromString,
  /** The first day of the places: ages and the service's eligibility are checked on it. */
  startsOn: LocalDate.LocalDate,
  seats: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
  /** True when the round is invented for demonstration. */
  demo: Schema.Boolean
}) {}

/** Whether a round accepts applications at an instant. */
export const isOpen = (round: Round, at: DateTime.Utc): boolean =>
  DateTime.isGreaterThanOrEqualTo(at, round.opensAt) && DateTime.isLessThan(at, round.closesAt)

/**
 * The ranking facts of one child of a household: the household's profile and the applicant's
 * declarations. Ages (who is a minor) are taken on `agesOn`, the first day of the places; the ISEE is the
 * one valid on `iseeOn`, the day of the application (an attestation valid when the family applied counts
 * even if it expires before the places start). Working hours are the parents' (`Household.parents`: an
 * adult marked as not a parent, a grandparent say, does not count). Undefined when the child is not in the
 * household.
 */
export const factsOf = (
  household: Household.Household,
  childId: string,
  declared: Declarations,
  dates: { readonly agesOn: LocalDate.LocalDate; readonly iseeOn: LocalDate.LocalDate }
): Ranking.Facts | undefined => {
  const child = Household.child(household, childId)
  if (child === undefined) return undefined
  const isMinor = (birthDate: LocalDate.LocalDate) => {
    const months = Household.ageInMonths(birthDate, dates.agesOn)
    return months >= 0 && months < 216
  }
  // The other children who are minors on the day; the child counts among the minors whatever its age.
  const siblings = household.children.filter((c) => c.id !== childId && isMinor(c.birthDate)).length
  const isee = Household.iseeOn(household, dates.iseeOn)
  return {
    disability: child.disability104,
    socialServicesReferral: declared.socialServicesReferral,
    singleParent: household.singleParent,
    parentsWeeklyHours: Household.parents(household).map((a) => a.weeklyHours),
    siblings,
    minors: siblings + 1,
    disabledHouseholdMember: declared.disabledHouseholdMember,
    noFamilyNetwork: declared.noFamilyNetwork,
    ...(isee === undefined ? {} : { isee: isee.value })
  }
}

/** The day applications close, in Rome: the ranking rules in force on it are the round's. */
export const closingDay = (round: Round): LocalDate.LocalDate =>
  LocalDate.make(DateTime.formatIsoDate(DateTime.setZoneNamedUnsafe(round.closesAt, "Europe/Rome")))

/**
 * The round's ranking rules: the version of `round.rulesId` in force on its closing day, so that a newer
 * version added later never re-ranks a round already closed; undefined when none is.
 */
export const rulesOf = (round: Round, all: ReadonlyArray<Ranking.Rules>): Ranking.Rules | undefined =>
  Ranking.select(all, round.rulesId, closingDay(round))

/**
 * Whether a child may apply, by the service's rule set, when the family holds the documents `held`.
 * Documents not held yet do not stop an application: they are due later, and an admitted place is "with
 * reservation" until they arrive (as municipalities' rankings do). So when the child is not eligible with
 * `held` but would be with every document the rules ask for, the outcome is that one and `due` lists the
 * documents still to deliver.
 */
export const eligibility = (
  ruleSet: Eligibility.RuleSet,
  facts: Eligibility.Facts,
  context: Eligibility.Context,
  held: ReadonlyArray<string>
): { readonly outcome: Eligibility.Outcome; readonly due: ReadonlyArray<Eligibility.RequiredDocument> } => {
  const outcome = Eligibility.check(ruleSet, { ...facts, documents: held }, context)
  if (outcome.eligible) return { outcome, due: [] }
  const due = Eligibility.requiredDocuments(ruleSet).filter((d) => !held.includes(d.id))
  if (due.length === 0) return { outcome, due: [] }
  const withAll = Eligibility.check(ruleSet, { ...facts, documents: [...held, ...due.map((d) => d.id)] }, context)
  return withAll.eligible ? { outcome: withAll, due } : { outcome, due: [] }
}

/** The round's list on `on`: every application in one category, the round's seats to allot. */
export const rank = (
  round: Round,
  rules: Ranking.Rules,
  applications: ReadonlyArray<Ranking.Application>,
  on: LocalDate.LocalDate
): Ranking.Ranking =>
  Ranking.rank(applications, { rules, mode: { kind: "seats", categories: [{ category: round.id, seats: round.seats }] }, on })

/**
 * Smartfam Voghera's rounds (demo): the CresciAmo nursery's places for 2023-24, applications from 2 May
 * to 30 June 2023 at 12:00 Rome time, ranked by `Ranking.vogheraRules`.
 */
export const smartfamVoghera: ReadonlyArray<Round> = [
  new Round({
    id: "nido-cresciamo-2023-24",
    serviceId: "nido-cresciamo",
    title: "Iscrizioni al nido CresciAmo, anno educativo 2023-24",
    rulesId: Ranking.vogheraRules.id,
    opensAt: DateTime.makeUnsafe("2023-05-02T07:00:00.000Z"),
    closesAt: DateTime.makeUnsafe("2023-06-30T10:00:00.000Z"),
    startsOn: LocalDate.make("2023-09-04"),
    seats: 12,
    demo: true
  })
]
