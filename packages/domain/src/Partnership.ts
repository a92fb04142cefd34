/**
 * The partnership that runs a project: who the partners are (legal name, kind, codice fiscale / partita
 * IVA, seats, size, role, services, co-financing pledge) and whether they meet a call's rules.
 *
 * `validate(partnership, call)` returns EVERY violation, each with a machine code and Italian and
 * English text. The call's thresholds are data (`Call.Call`): nothing here is specific to Lombardy.
 *
 * @example
 * const r = Partnership.validate(Fixtures.smartfamVoghera, Call.lombardia2022)
 * if (Result.isFailure(r)) r.failure.violations.map((v) => v.message)
 */
import { Result, Schema } from "effect"
import type { Call } from "./Call.ts"
import * as EnterpriseSize from "./EnterpriseSize.ts"
import * as Money from "./Money.ts"
import * as Violation from "./Violation.ts"

// ---------------------------------------------------------------------------------------------------
// Organisation codes: the 11-digit codice fiscale / partita IVA

/**
 * The check digit of an 11-digit organisation code, from its first 10 digits (Luhn-style: digits in even
 * 1-based positions are doubled, 9 subtracted when over 9; check = (10 − sum mod 10) mod 10).
 */
export const organisationCheckDigit = (first10: string): number => {
  if (!/^\d{10}$/.test(first10)) throw new RangeError("ten digits expected")
  let sum = 0
  for (let i = 0; i < 10; i++) {
    const d = first10.charCodeAt(i) - 48
    if (i % 2 === 0) sum += d
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2
  }
  return (10 - (sum % 10)) % 10
}

/** Why an organisation code is not valid. */
export interface OrganisationCodeError {
  readonly code: "organisation-code-format" | "organisation-code-zero" | "organisation-code-check-digit"
  readonly message: string
  readonly messageEn: string
}

/** Checks an 11-digit codice fiscale / partita IVA of an organisation: format, not all zeros, check digit. */
export const checkOrganisationCode = (text: string): Result.Result<string, OrganisationCodeError> => {
  if (!/^\d{11}$/.test(text)) {
    return Result.fail({
      code: "organisation-code-format",
      message: `"${text}": il codice fiscale / partita IVA di un ente ha 11 cifre`,
      messageEn: `"${text}": an organisation's tax code / VAT number has 11 digits`
    })
  }
  if (/^0{7}/.test(text)) {
    return Result.fail({
      code: "organisation-code-zero",
      message: `"${text}": numero di matricola nullo`,
      messageEn: `"${text}": the registration number is all zeros`
    })
  }
  const expected = organisationCheckDigit(text.slice(0, 10))
  if (Number(text[10]) !== expected) {
    return Result.fail({
      code: "organisation-code-check-digit",
      message: `"${text}": cifra di controllo errata (attesa ${expected})`,
      messageEn: `"${text}": wrong check digit (expected ${expected})`
    })
  }
  return Result.succeed(text)
}

/** An organisation's codice fiscale / partita IVA: 11 digits with a valid check digit. */
export const OrganisationCode = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s) =>
      Result.match(checkOrganisationCode(s), { onSuccess: () => true, onFailure: (e) => `${e.message} (${e.messageEn})` })
    )
  ),
  Schema.brand("OrganisationCode")
)
/** An organisation's codice fiscale / partita IVA. */
export type OrganisationCode = typeof OrganisationCode.Type

/** Completes 10 digits with their check digit: handy to make demo codes. Example: `"0123456789"` → `"01234567890"`. */
export const withCheckDigit = (first10: string): OrganisationCode =>
  OrganisationCode.make(`${first10}${organisationCheckDigit(first10)}`)

// ---------------------------------------------------------------------------------------------------
// Partners

/** Identifier of a partner within a project. */
export const PartnerId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("PartnerId"))
/** Identifier of a partner within a project. */
export type PartnerId = typeof PartnerId.Type

/** What kind of entity a partner is. A call says which kinds it admits (Lombardy 2022: not medium/large firms). */
export const PartnerKind = Schema.Literals([
  "public-body",
  "third-sector",
  "employers-association",
  "micro-enterprise",
  "small-enterprise",
  "medium-enterprise",
  "large-enterprise"
])
/** What kind of entity a partner is. */
export type PartnerKind = typeof PartnerKind.Type

/** The size each enterprise kind claims; non-enterprise kinds are absent. */
export const claimedSizes: Partial<Record<PartnerKind, ReadonlyArray<EnterpriseSize.Size>>> = {
  "micro-enterprise": ["micro"],
  "small-enterprise": ["small"],
  "medium-enterprise": ["medium"],
  "large-enterprise": ["large", "not-sme"]
}

/** Whether a kind is an enterprise, whose size must be declared and checked. */
export const isEnterprise = (kind: PartnerKind): boolean => claimedSizes[kind] !== undefined

/** The partner's role in the partnership. */
export const PartnerRole = Schema.Literals(["capofila", "partner"])
/** The partner's role in the partnership. */
export type PartnerRole = typeof PartnerRole.Type

/** An Italian region (the 20 of the Constitution, art. 131). */
export const Region = Schema.Literals([
  "Abruzzo",
  "Basilicata",
  "Calabria",
  "Campania",
  "Emilia-Romagna",
  "Friuli-Venezia Giulia",
  "Lazio",
  "Liguria",
  "Lombardia",
  "Marche",
  "Molise",
  "Piemonte",
  "Puglia",
  "Sardegna",
  "Sicilia",
  "Toscana",
  "Trentino-Alto Adige",
  "Umbria",
  "Valle d'Aosta",
  "Veneto"
])
/** An Italian region. */
export type Region = typeof Region.Type

/** A seat (sede legale or sede operativa): comune, province code, region. */
export const Seat = Schema.Struct({
  /** Name of the comune. */
  comune: Schema.NonEmptyString,
  /** ISTAT code of the comune (6 digits), when known. */
  istat: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{6}$/)))),
  /** Province code, e.g. "PV". */
  province: Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Z]{2}$/))),
  /** Region. */
  region: Region
})
/** A seat (sede legale or sede operativa). */
export type Seat = typeof Seat.Type

/** One member of a partnership, with seats, size figures (enterprises), services and co-financing pledge. */
export class Partner extends Schema.Class<Partner>("Partner")({
  id: PartnerId,
  legalName: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  kind: PartnerKind,
  role: PartnerRole,
  /** Codice fiscale / partita IVA (11 digits). */
  taxCode: OrganisationCode,
  /** The comune it works from, for display (usually its main operating seat). */
  comune: Schema.String,
  description: Schema.String,
  /** Sede legale. */
  registeredSeat: Seat,
  /** Sedi operative: at least one. */
  operatingSeats: Schema.Array(Seat).pipe(Schema.check(Schema.isMinLength(1))),
  /** Size figures (EU 2003/361); required of enterprises by `validate`. */
  size: Schema.optionalKey(EnterpriseSize.Facts),
  /** Services the partner provides to the network. */
  services: Schema.Array(Schema.String),
  /** Co-financing pledged, in cents. */
  cofinancing: Money.NonNegativeCents,
  /** True when the partner itself is invented for demonstration. */
  demo: Schema.Boolean,
  /** Fields invented for demonstration on an otherwise real partner (e.g. `["taxCode", "registeredSeat"]`). */
  demoFields: Schema.optionalKey(Schema.Array(Schema.String))
}) {}

/** Anything holding a list of partners: a `Project.Project` is one. */
export interface Partnership {
  readonly partners: ReadonlyArray<Partner>
}

/** The partnership breaks the call's rules; `violations` lists every one. */
export class PartnershipInvalid extends Schema.TaggedError<PartnershipInvalid>()("PartnershipInvalid", {
  violations: Schema.Array(Violation.Violation)
}) {
  override get message(): string {
    return `Partenariato non conforme al bando: ${this.violations.map((v) => v.message).join("; ")}`
  }
}

/** The capofila, if exactly one partner has that role. */
export const capofila = (p: Partnership): Partner | undefined => {
  const leads = p.partners.filter((x) => x.role === "capofila")
  return leads.length === 1 ? leads[0] : undefined
}

/** The size class of an enterprise partner from its figures; undefined when it has none. */
export const sizeOf = (partner: Partner): EnterpriseSize.Classification | undefined =>
  partner.size === undefined ? undefined : EnterpriseSize.classify(partner.size)

const kindLabel: Record<PartnerKind, { it: string; en: string }> = {
  "public-body": { it: "ente pubblico", en: "public body" },
  "third-sector": { it: "ente del Terzo Settore", en: "third-sector body" },
  "employers-association": { it: "associazione datoriale", en: "employers' association" },
  "micro-enterprise": { it: "micro impresa", en: "micro enterprise" },
  "small-enterprise": { it: "piccola impresa", en: "small enterprise" },
  "medium-enterprise": { it: "media impresa", en: "medium enterprise" },
  "large-enterprise": { it: "grande impresa", en: "large enterprise" }
}

const sizeLabel: Record<EnterpriseSize.Size, { it: string; en: string }> = {
  micro: { it: "micro impresa", en: "micro enterprise" },
  small: { it: "piccola impresa", en: "small enterprise" },
  medium: { it: "media impresa", en: "medium enterprise" },
  large: { it: "grande impresa", en: "large enterprise" },
  "not-sme": { it: "non PMI", en: "not an SME" }
}

/** Every way the partnership breaks the call's rules, in a stable order; empty when it complies. */
export const violations = (p: Partnership, call: Call): ReadonlyArray<Violation.Violation> => {
  const rules = call.partnership
  const out: Array<Violation.Violation> = []
  const v = Violation.make

  // Distinct entities: the same id or tax code twice is one entity listed twice.
  const seenIds = new Set<string>()
  const seenCodes = new Set<string>()
  for (const x of p.partners) {
    if (seenIds.has(x.id) || seenCodes.has(x.taxCode)) {
      out.push(
        v(
          "duplicate-partner",
          `${x.legalName} compare più di una volta nel partenariato`,
          `${x.legalName} is listed more than once`,
          { partnerId: x.id }
        )
      )
    }
    seenIds.add(x.id)
    seenCodes.add(x.taxCode)
  }
  const count = seenCodes.size

  if (count < rules.minPartners) {
    out.push(
      v(
        "too-few-partners",
        `Il partenariato ha ${count} soggetti: il bando ne richiede almeno ${rules.minPartners}`,
        `The partnership has ${count} members: the call requires at least ${rules.minPartners}`
      )
    )
  }

  for (const x of p.partners) {
    if (!rules.allowedKinds.includes(x.kind)) {
      out.push(
        v(
          "kind-not-allowed",
          `${x.legalName}: il bando non ammette come partner un soggetto di tipo "${kindLabel[x.kind].it}"`,
          `${x.legalName}: the call does not admit a ${kindLabel[x.kind].en} as partner`,
          { partnerId: x.id }
        )
      )
    }
  }

  for (const req of rules.requirements) {
    const n = p.partners.filter((x) => req.kinds.includes(x.kind)).length
    if (n < req.min) {
      out.push(
        v(
          "too-few-of-kind",
          `Servono almeno ${req.min} ${req.label}: il partenariato ne ha ${n}`,
          `At least ${req.min} ${req.labelEn} required: the partnership has ${n}`,
          { ref: req.id }
        )
      )
    }
  }

  for (const x of p.partners) {
    const claimed = claimedSizes[x.kind]
    if (claimed === undefined) continue
    if (x.size === undefined) {
      out.push(
        v(
          "size-missing",
          `${x.legalName}: mancano i dati dimensionali (ULA, fatturato o totale di bilancio) di un'impresa`,
          `${x.legalName}: an enterprise's size figures (AWU, turnover or balance sheet) are missing`,
          { partnerId: x.id }
        )
      )
      continue
    }
    const c = EnterpriseSize.classify(x.size, call.sizeThresholds)
    if (!claimed.includes(c.size)) {
      out.push(
        v(
          "size-mismatch",
          `${x.legalName} è indicata come ${kindLabel[x.kind].it} ma risulta ${sizeLabel[c.size].it} (${c.reasons.map((r) => r.message).join("; ")})`,
          `${x.legalName} is declared a ${kindLabel[x.kind].en} but is a ${sizeLabel[c.size].en} (${c.reasons.map((r) => r.messageEn).join("; ")})`,
          { partnerId: x.id }
        )
      )
    }
  }

  const leads = p.partners.filter((x) => x.role === "capofila")
  if (leads.length === 0) {
    out.push(v("no-capofila", "Il partenariato non ha un capofila", "The partnership has no lead partner (capofila)"))
  } else if (leads.length > 1) {
    out.push(
      v(
        "several-capofila",
        `Il capofila deve essere uno solo: sono indicati ${leads.map((x) => x.legalName).join(", ")}`,
        `There must be one lead partner: ${leads.map((x) => x.legalName).join(", ")} are listed`
      )
    )
  }
  for (const lead of leads) {
    const { registeredSeatRegion, operatingSeatRegion } = rules.capofila
    if (registeredSeatRegion !== undefined && lead.registeredSeat.region !== registeredSeatRegion) {
      out.push(
        v(
          "capofila-registered-seat-outside-region",
          `Il capofila ${lead.legalName} deve avere la sede legale in ${registeredSeatRegion}: è a ${lead.registeredSeat.comune} (${lead.registeredSeat.region})`,
          `The lead partner ${lead.legalName} must have its registered office in ${registeredSeatRegion}: it is in ${lead.registeredSeat.comune} (${lead.registeredSeat.region})`,
          { partnerId: lead.id }
        )
      )
    }
    if (operatingSeatRegion !== undefined && !lead.operatingSeats.some((s) => s.region === operatingSeatRegion)) {
      out.push(
        v(
          "capofila-operating-seat-outside-region",
          `Il capofila ${lead.legalName} deve avere una sede operativa in ${operatingSeatRegion}`,
          `The lead partner ${lead.legalName} must have an operating seat in ${operatingSeatRegion}`,
          { partnerId: lead.id }
        )
      )
    }
  }

  const region = rules.partnerOperatingSeatRegion
  if (region !== undefined) {
    for (const x of p.partners) {
      if (x.role === "capofila" || x.operatingSeats.some((s) => s.region === region)) continue
      out.push(
        v(
          "operating-seat-outside-region",
          `${x.legalName} deve avere una sede operativa in ${region}`,
          `${x.legalName} must have an operating seat in ${region}`,
          { partnerId: x.id }
        )
      )
    }
  }

  return out
}

/**
 * Checks a partnership against a call: `Success` with the partnership when it complies, otherwise
 * `Failure` with every violation. Any consumer can match on it, Effect or not.
 */
export const validate = <P extends Partnership>(p: P, call: Call): Result.Result<P, PartnershipInvalid> => {
  const found = violations(p, call)
  return found.length === 0 ? Result.succeed(p) : Result.fail(new PartnershipInvalid({ violations: found }))
}
