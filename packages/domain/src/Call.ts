/**
 * A funding call's rules as data: who may partner, how much grant, how long, until when, for what.
 *
 * Every threshold is a field of a versioned `Call` with validity dates, so another call (another region,
 * the ATS "Piani territoriali", a later Lombardy round) is a new value, not new code. The Lombardy 2022
 * call (DGR XI/5755, decree 4683/2022) ships as `lombardia2022`.
 *
 * @example
 * Call.isOpenAt(Call.lombardia2022, DateTime.makeUnsafe("2022-06-15T09:59:59Z"))  // true
 * Call.formatDeadline(Call.lombardia2022)  // "2022-06-15T12:00:00.000+02:00[Europe/Rome]"
 */
import { DateTime, Schema } from "effect"
import * as EnterpriseSize from "./EnterpriseSize.ts"
import { LocalDate } from "./LocalDate.ts"
import * as Money from "./Money.ts"
import { PartnerKind, Region } from "./Partnership.ts"

/** Identifier of a call (all versions of one call share it). */
export const CallId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("CallId"))
/** Identifier of a call. */
export type CallId = typeof CallId.Type

/** An area of intervention a project may work in (Lombardy 2022 list). */
export const InterventionArea = Schema.Literals([
  "firm-network-welfare",
  "care-services-access",
  "time-saving",
  "intergenerational-conciliation",
  "home-work-mobility",
  "information-desk",
  "flexibility-coworking"
])
/** An area of intervention. */
export type InterventionArea = typeof InterventionArea.Type

/** Italian labels of the intervention areas. */
export const interventionAreaLabel: Record<InterventionArea, string> = {
  "firm-network-welfare": "Rete di imprese per il welfare aziendale",
  "care-services-access": "Accesso ai servizi di cura (infanzia, caregiver)",
  "time-saving": "Servizi salva-tempo",
  "intergenerational-conciliation": "Conciliazione intergenerazionale",
  "home-work-mobility": "Mobilità casa-lavoro",
  "information-desk": "Sportello informativo e di orientamento per i dipendenti",
  "flexibility-coworking": "Flessibilità aziendale e coworking"
}

/** "At least `min` partners of these kinds", e.g. ≥ 2 micro or small enterprises. */
export const KindRequirement = Schema.Struct({
  /** Stable id, used as the violation's `ref`. */
  id: Schema.String,
  kinds: Schema.Array(PartnerKind),
  min: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Plural Italian label: "enti pubblici". */
  label: Schema.String,
  /** Plural English label: "public bodies". */
  labelEn: Schema.String
})
/** "At least `min` partners of these kinds". */
export type KindRequirement = typeof KindRequirement.Type

/** A share from 0 to 10000 basis points. */
const Share = Money.BasisPoints.pipe(Schema.check(Schema.isLessThanOrEqualTo(10_000)))

/** The partnership rules. Seat regions left out mean "no rule". */
export const PartnershipRules = Schema.Struct({
  minPartners: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  allowedKinds: Schema.Array(PartnerKind),
  requirements: Schema.Array(KindRequirement),
  capofila: Schema.Struct({
    registeredSeatRegion: Schema.optionalKey(Region),
    operatingSeatRegion: Schema.optionalKey(Region)
  }),
  /** If set, every other partner needs an operating seat in this region. */
  partnerOperatingSeatRegion: Schema.optionalKey(Region)
})
/** The partnership rules. */
export type PartnershipRules = typeof PartnershipRules.Type

/** Whether the public partner's own staff are final recipients: always, never, or decided per project. */
export const PublicStaffRule = Schema.Literals(["included", "excluded", "per-project"])
/** Whether the public partner's own staff are final recipients. */
export type PublicStaffRule = typeof PublicStaffRule.Type

/** Who the final recipients of the services are. */
export const FinalRecipients = Schema.Struct({
  /** Employees of partners of these kinds. */
  employeesOf: Schema.Array(PartnerKind),
  /** Whether their families are recipients too. */
  families: Schema.Boolean,
  /** Whether the public partner's staff count. */
  publicPartnerStaff: PublicStaffRule
})
/** Who the final recipients are. */
export type FinalRecipients = typeof FinalRecipients.Type

/** A cost category a budget line may use. */
export const CostCategory = Schema.Struct({
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/))),
  label: Schema.String,
  labelEn: Schema.String,
  /** True when the category is assumed, not taken from the call's text. */
  demo: Schema.Boolean
})
/** A cost category. */
export type CostCategory = typeof CostCategory.Type

/** When applications are accepted: from `opensAt` to `deadline` (instants), shown in `zone`. */
export const Window = Schema.Struct({
  opensAt: Schema.DateTimeUtcFromString,
  deadline: Schema.DateTimeUtcFromString,
  /** IANA zone the call states its times in. */
  zone: Schema.String
})
/** When applications are accepted. */
export type Window = typeof Window.Type

/** A funding call's rules, one version of them, in force from `validFrom` (to `validUntil`, if set). */
export class Call extends Schema.Class<Call>("Call")({
  id: CallId,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  title: Schema.String,
  issuer: Schema.String,
  /** Acts the rules come from. */
  legalBasis: Schema.Array(Schema.String),
  validFrom: LocalDate,
  validUntil: Schema.optionalKey(LocalDate),
  /** Total money the call distributes. */
  endowment: Schema.optionalKey(Money.NonNegativeCents),
  partnership: PartnershipRules,
  /** Enterprise sizes thresholds the call relies on. */
  sizeThresholds: EnterpriseSize.Thresholds,
  grant: Schema.Struct({ maxAmount: Money.NonNegativeCents, maxShare: Share }),
  /** Minimum share of the total cost the partners co-finance. */
  minCofinancingShare: Share,
  /** Longest project duration, in months. */
  durationMonths: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  /** Whether costs are counted net of VAT. */
  costsNetOfVat: Schema.Boolean,
  window: Window,
  interventionAreas: Schema.Array(InterventionArea),
  finalRecipients: FinalRecipients,
  costCategories: Schema.Array(CostCategory),
  /** What is assumed rather than confirmed, in Italian. */
  notes: Schema.Array(Schema.String)
}) {}

/** A wall-clock time in a zone as an instant. Example: `instant("2022-06-15T12:00", "Europe/Rome")`. */
export const instant = (local: string, zone: string): DateTime.Utc =>
  DateTime.toUtc(DateTime.makeZonedUnsafe(local, { timeZone: zone, adjustForTimeZone: true }))

/** The deadline, seen in the call's zone. */
export const deadline = (call: Call): DateTime.Zoned => DateTime.setZoneNamedUnsafe(call.window.deadline, call.window.zone)

/** The deadline as ISO text with offset and zone: "2022-06-15T12:00:00.000+02:00[Europe/Rome]". */
export const formatDeadline = (call: Call): string => DateTime.formatIsoZoned(deadline(call))

/** Whether applications are accepted at `at`: from the opening instant included to the deadline excluded. */
export const isOpenAt = (call: Call, at: DateTime.DateTime): boolean =>
  DateTime.isGreaterThanOrEqualTo(at, call.window.opensAt) && DateTime.isLessThan(at, call.window.deadline)

/** Whether this version of the rules is in force on a date. */
export const isInForce = (call: Call, on: LocalDate): boolean =>
  call.validFrom <= on && (call.validUntil === undefined || on <= call.validUntil)

/** The latest version of call `id` in force on a date, if any. */
export const select = (calls: ReadonlyArray<Call>, id: string, on: LocalDate): Call | undefined =>
  calls
    .filter((c) => c.id === id && isInForce(c, on))
    .reduce<Call | undefined>((best, c) => (best === undefined || c.version > best.version ? c : best), undefined)

/** Whether the public partner's staff are recipients, given the project's own choice where the call leaves it open. */
export const publicStaffAreRecipients = (call: Call, projectChoice: boolean): boolean =>
  call.finalRecipients.publicPartnerStaff === "per-project"
    ? projectChoice
    : call.finalRecipients.publicPartnerStaff === "included"

/** Whether a budget may use a cost category. */
export const allowsCostCategory = (call: Call, id: string): boolean => call.costCategories.some((c) => c.id === id)

/**
 * Regione Lombardia 2022: "interventi di conciliazione vita-lavoro e welfare aziendale", DGR XI/5755 of
 * 21 Dec 2021 and D.d.u.o. 4683 of 6 Apr 2022. Applications 4 May – 15 Jun 2022, 12:00 Europe/Rome.
 */
export const lombardia2022: Call = new Call({
  id: CallId.make("lombardia-dgr-xi-5755-2022"),
  version: 1,
  title: "Interventi di conciliazione vita-lavoro e welfare aziendale – Regione Lombardia 2022",
  issuer: "Regione Lombardia (tramite le ATS)",
  legalBasis: ["DGR XI/5755 del 21/12/2021", "D.d.u.o. n. 4683 del 06/04/2022"],
  validFrom: LocalDate.make("2022-04-06"),
  endowment: Money.cents(505_000_000),
  partnership: {
    minPartners: 4,
    allowedKinds: ["public-body", "third-sector", "employers-association", "micro-enterprise", "small-enterprise"],
    requirements: [
      { id: "public-bodies", kinds: ["public-body"], min: 1, label: "enti pubblici", labelEn: "public bodies" },
      {
        id: "micro-small-enterprises",
        kinds: ["micro-enterprise", "small-enterprise"],
        min: 2,
        label: "micro o piccole imprese",
        labelEn: "micro or small enterprises"
      }
    ],
    capofila: { registeredSeatRegion: "Lombardia", operatingSeatRegion: "Lombardia" }
  },
  sizeThresholds: EnterpriseSize.eu2003_361,
  grant: { maxAmount: Money.cents(5_000_000), maxShare: Money.bp(7000) },
  minCofinancingShare: Money.bp(3000),
  durationMonths: 12,
  costsNetOfVat: true,
  window: {
    opensAt: instant("2022-05-04T00:00", "Europe/Rome"),
    deadline: instant("2022-06-15T12:00", "Europe/Rome"),
    zone: "Europe/Rome"
  },
  interventionAreas: [
    "firm-network-welfare",
    "care-services-access",
    "time-saving",
    "intergenerational-conciliation",
    "home-work-mobility",
    "information-desk",
    "flexibility-coworking"
  ],
  finalRecipients: {
    employeesOf: ["micro-enterprise", "small-enterprise"],
    families: true,
    publicPartnerStaff: "per-project"
  },
  costCategories: [
    { id: "staff", label: "Personale", labelEn: "Staff", demo: true },
    { id: "services", label: "Servizi e prestazioni di terzi", labelEn: "External services", demo: true },
    { id: "goods", label: "Beni e materiali di consumo", labelEn: "Goods and consumables", demo: true },
    { id: "communication", label: "Comunicazione e promozione", labelEn: "Communication and promotion", demo: true },
    { id: "coordination", label: "Coordinamento e gestione", labelEn: "Coordination and management", demo: true }
  ],
  notes: [
    "Categorie di costo ammissibili non confermate: dati dimostrativi.",
    "Ora di apertura delle domande (4 maggio 2022) non confermata: assunta mezzanotte.",
    "Se il personale dell'ente pubblico partner sia destinatario è una scelta di progetto.",
    "Scadenze di rendicontazione e indicatori obbligatori non confermati."
  ]
})
