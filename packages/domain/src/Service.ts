/**
 * Service: the catalogue of what a family can use. Each service has a kind (nido, scuola dell'infanzia,
 * closure-period childcare, pre/post-school, disabled-pupil assistance, caregiver support, time saving,
 * employee information desk, flexible work and coworking), a provider, the call's intervention area, a
 * target (a child's age range in months, or adults), a comune, a capacity, fees by ISEE band, funding
 * sources, schedule hints, the eligibility rule set, and the texts of a Designers Italia service page.
 *
 * The catalogue also lists services of the wider local network the project does not fund (`funded:
 * false`, `network: "local"`): the Comune's role is to make the whole local offer known.
 *
 * @example
 * ```ts
 * const nido = Service.byId(Service.smartfamVoghera, "nido-cresciamo")!
 * Money.format(Service.fee(nido, Money.cents(1_200_000)))  // "€ 250,00" (ISEE € 12.000,00)
 * Money.format(Service.fee(nido, undefined))               // "€ 480,00": no ISEE, top band
 * ```
 */
import { Schema } from "effect"
import { SchoolLevel } from "./Calendar.ts"
import { InterventionArea } from "./Call.ts"
import { catalogue as shippedCatalogue } from "./data/smartfamCatalogue.ts"
import { RuleSetId } from "./Eligibility.ts"
import { ageInMonths, dateAtMonths } from "./Household.ts"
import * as LocalDate from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { PartnerId } from "./Partnership.ts"
import { ProjectId } from "./Project.ts"
import { IstatCode } from "./Territory.ts"
import * as ServiceKinds from "./ServiceKinds.ts"

/** Identifier of a service. */
export const ServiceId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)),
  Schema.brand("ServiceId")
)
/** Identifier of a service. */
export type ServiceId = typeof ServiceId.Type

/** What a service is. */
export const ServiceKind = Schema.Literals(ServiceKinds.all)
/** What a service is. */
export type ServiceKind = typeof ServiceKind.Type

/** Italian labels of the kinds of service (both languages: `ServiceKinds.labels`). */
export const kindLabel: Record<ServiceKind, string> = Object.fromEntries(
  ServiceKinds.all.map((k) => [k, ServiceKinds.labels[k].it])
) as Record<ServiceKind, string>

/** A text in Italian, optionally in English. */
export const Text = Schema.Struct({
  it: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  en: Schema.optionalKey(Schema.String)
})
/** A text in Italian, optionally in English. */
export type Text = typeof Text.Type

const Months = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

/** Children from `minMonths` (included) to `maxMonths` (excluded) of age, on the session date or on `referenceDate`. */
export const ChildTarget = Schema.Struct({
  kind: Schema.Literal("child"),
  minMonths: Months,
  maxMonths: Months,
  /** A fixed date ages are counted on (e.g. 31 December for school admissions); absent: the session date. */
  referenceDate: Schema.optionalKey(LocalDate.LocalDate)
}).check(
  Schema.makeFilter(
    (t) =>
      t.minMonths < t.maxMonths ||
      "minMonths deve essere minore di maxMonths (minMonths must be below maxMonths)"
  )
)

/** Who a service is for: children of an age range, or adults (workers, caregivers). */
export const Target = Schema.Union([ChildTarget, Schema.Struct({ kind: Schema.Literal("adult") })])
/** Who a service is for. */
export type Target = typeof Target.Type

/** What a fee is charged per. */
export const FeeUnit = Schema.Literals(["month", "week", "day", "session", "hour", "one-off"])
/** What a fee is charged per. */
export type FeeUnit = typeof FeeUnit.Type

/** A fee band: families with an ISEE up to `maxIsee` (included) pay `amount`; the band without `maxIsee` is the top one. */
export const FeeBand = Schema.Struct({
  maxIsee: Schema.optionalKey(Money.NonNegativeCents),
  amount: Money.NonNegativeCents
})
/** A fee band. */
export type FeeBand = typeof FeeBand.Type

/** Fees by ISEE band, lowest band first; the last band has no ceiling and applies when there is no ISEE. */
export const Fees = Schema.Struct({
  unit: FeeUnit,
  bands: Schema.Array(FeeBand).pipe(Schema.check(Schema.isMinLength(1)))
}).check(
  Schema.makeFilter(
    (f) =>
      (f.bands.every((b, i) => (i === f.bands.length - 1) === (b.maxIsee === undefined)) &&
        f.bands.every(
          (b, i) => i === 0 || b.maxIsee === undefined || (f.bands[i - 1]?.maxIsee ?? Infinity) < b.maxIsee
        )) ||
      "le fasce ISEE devono crescere e solo l'ultima è senza tetto (ISEE bands must increase and only the last has no ceiling)"
  )
)
/** Fees by ISEE band. */
export type Fees = typeof Fees.Type

/** Who pays for a service. */
export const FundingSource = Schema.Literals([
  "regional-grant",
  "partner-cofinancing",
  "family-fees",
  "comune",
  "other-public",
  "other-private"
])
/** Who pays for a service. */
export type FundingSource = typeof FundingSource.Type

/** A wall-clock time, `HH:MM` (24 h). */
export const Time = Schema.String.pipe(Schema.check(Schema.isPattern(/^([01]\d|2[0-3]):[0-5]\d$/)))
/** A wall-clock time, `HH:MM`. */
export type Time = typeof Time.Type

const Weekday = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 7 })))
const spanInOrder = (s: {
  readonly start: string
  readonly end: string
  readonly from: string
  readonly to: string
}) =>
  (s.start < s.end && s.from <= s.to) ||
  "l'orario o il periodo finisce prima di iniziare (time span or period ends before it starts)"

/** Sessions on some ISO weekdays (1 = Monday), from `start` to `end`, between two dates (holidays removed by Scheduling). */
export const RecurringSchedule = Schema.Struct({
  kind: Schema.Literal("recurring"),
  weekdays: Schema.Array(Weekday).pipe(Schema.check(Schema.isMinLength(1))),
  start: Time,
  end: Time,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
}).check(Schema.makeFilter(spanInOrder))

/** Sessions only on the school-closure days of `level`, from `start` to `end`, between two dates. */
export const ClosureOnlySchedule = Schema.Struct({
  kind: Schema.Literal("closure-only"),
  level: SchoolLevel,
  start: Time,
  end: Time,
  from: LocalDate.LocalDate,
  to: LocalDate.LocalDate
}).check(Schema.makeFilter(spanInOrder))

/** When a service runs: a hint Scheduling turns into sessions. */
export const Schedule = Schema.Union([RecurringSchedule, ClosureOnlySchedule])
/** When a service runs. */
export type Schedule = typeof Schedule.Type

/** The sections of a Designers Italia service page (Italian first). */
export const Page = Schema.Struct({
  whoFor: Text,
  howToApply: Text,
  whatYouNeed: Text,
  whatYouGet: Text,
  timesAndDeadlines: Text,
  conditions: Text,
  contacts: Text
})
/** The sections of a service page. */
export type Page = typeof Page.Type

/** Who runs a service: a partner of the project (by id) or another body of the local network (by name). */
export const Provider = Schema.Struct({ partnerId: Schema.optionalKey(PartnerId), name: Schema.String })
/** Who runs a service. */
export type Provider = typeof Provider.Type

/** Whether a service belongs to the project or to the wider local network. */
export const Network = Schema.Literals(["project", "local"])
/** Whether a service belongs to the project or to the wider local network. */
export type Network = typeof Network.Type

/** A service of the catalogue. */
export class Service extends Schema.Class<Service>("Service")(
  Schema.Struct({
    id: ServiceId,
    name: Text,
    summary: Text,
    kind: ServiceKind,
    provider: Provider,
    area: InterventionArea,
    target: Target,
    /** The comune where it is delivered (ISTAT code). */
    location: IstatCode,
    /** Places per session (0: no limit, e.g. a desk by appointment). */
    capacity: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0))),
    fees: Fees,
    fundingSources: Schema.Array(FundingSource),
    schedule: Schedule,
    /** The eligibility rule set (`Eligibility.RuleSet` id). */
    eligibility: RuleSetId,
    page: Page,
    /** Whether the project funds it. */
    funded: Schema.Boolean,
    network: Network,
    /** True when details (fees, hours, capacity, texts) are invented for demonstration. */
    demo: Schema.Boolean
  }).check(
    Schema.makeFilter(
      (s) =>
        s.funded === (s.network === "project") ||
        "un servizio è finanziato se e solo se è del progetto (a service is funded if and only if it belongs to the project)"
    ),
    Schema.makeFilter(
      (s) =>
        !s.funded ||
        s.provider.partnerId !== undefined ||
        "un servizio del progetto è erogato da un partner (a project service is provided by a partner)"
    )
  )
) {}

/** A project's catalogue: its services and those of the local network, valid between two dates. */
export class Catalogue extends Schema.Class<Catalogue>("Catalogue")(
  Schema.Struct({
    id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
    projectId: ProjectId,
    title: Schema.String,
    validFrom: LocalDate.LocalDate,
    validTo: LocalDate.LocalDate,
    services: Schema.Array(Service)
  }).check(
    Schema.makeFilter(
      (c) =>
        new Set(c.services.map((s) => s.id)).size === c.services.length ||
        "due servizi con lo stesso id (two services with the same id)"
    )
  )
) {}

/** Decodes a catalogue from JSON-like input, throwing a `Schema.SchemaError` with every path on failure. */
export const decodeCatalogue = (input: unknown): Catalogue =>
  Schema.decodeUnknownSync(Catalogue)(input, { errors: "all" })

// ---------------------------------------------------------------------------------------------------------
// Rules

/** The index of the fee band for an ISEE in cents; `undefined` (no valid ISEE) gives the top band. */
export const band = (service: Service, isee: number | undefined): number => {
  const bands = service.fees.bands
  if (isee === undefined) return bands.length - 1
  const i = bands.findIndex((b) => b.maxIsee === undefined || isee <= b.maxIsee)
  return i === -1 ? bands.length - 1 : i
}

/** The fee for a family with this ISEE (cents; `undefined`: no ISEE, so the top band), per `service.fees.unit`. */
export const fee = (service: Service, isee: number | undefined): Money.Cents =>
  service.fees.bands[band(service, isee)]!.amount

/** A service of a catalogue by id. */
export const byId = (catalogue: Catalogue, id: string): Service | undefined =>
  catalogue.services.find((s) => s.id === id)

/** The services the project funds. */
export const funded = (catalogue: Catalogue): ReadonlyArray<Service> =>
  catalogue.services.filter((s) => s.funded)

/** The services of the wider local network, listed but not funded by the project. */
export const localNetwork = (catalogue: Catalogue): ReadonlyArray<Service> =>
  catalogue.services.filter((s) => !s.funded)

/** Whether a child born on `birth` is in a service's age range on `on` (or on the target's reference date); adults' services: false. */
export const acceptsChild = (
  service: Service,
  birth: LocalDate.LocalDate,
  on: LocalDate.LocalDate
): boolean => {
  const t = service.target
  if (t.kind !== "child") return false
  const age = ageInMonths(birth, t.referenceDate ?? on)
  return age >= t.minMonths && age < t.maxMonths
}

/** The dates between which a child born on `birth` is of a service's age (`from` included, `to` the last day), or undefined for adults' services. */
export const ageWindow = (
  service: Service,
  birth: LocalDate.LocalDate
): { readonly from: LocalDate.LocalDate; readonly to: LocalDate.LocalDate } | undefined => {
  const t = service.target
  if (t.kind !== "child") return undefined
  return {
    from: dateAtMonths(birth, t.minMonths),
    to: LocalDate.addDays(dateAtMonths(birth, t.maxMonths), -1)
  }
}

/** The services of a catalogue a child born on `birth` is of age for on `on`. */
export const forChild = (
  catalogue: Catalogue,
  birth: LocalDate.LocalDate,
  on: LocalDate.LocalDate
): ReadonlyArray<Service> => catalogue.services.filter((s) => acceptsChild(s, birth, on))

/** The services of a kind. */
export const ofKind = (catalogue: Catalogue, kind: ServiceKind): ReadonlyArray<Service> =>
  catalogue.services.filter((s) => s.kind === kind)

// ---------------------------------------------------------------------------------------------------------
// Shipped data

/**
 * The Smartfam Voghera 2022-23 catalogue: nine project services (nido, infanzia, centro estivo, closure-day
 * care, post-school, caregiver desk, time saving, employee desk, coworking) and two of the local network.
 * Hours, fees, capacities and texts are invented (`demo: true`); kinds, providers and areas follow the project.
 */
export const smartfamVoghera: Catalogue = decodeCatalogue(shippedCatalogue)
