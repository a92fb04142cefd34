/**
 * The project a network runs: its partners, its money and its dates.
 *
 * This is the walking-skeleton model; Domain I refines partners, budgets and lifecycle in their own
 * modules and keeps this shape as the public summary served by the API.
 */
import { Schema } from "effect"
import { LocalDate } from "./LocalDate.ts"

/** An amount of euros in integer cents. */
export const Cents = Schema.Int.pipe(Schema.brand("Cents"))
export type Cents = typeof Cents.Type

/** Identifier of a partner within a project. */
export const PartnerId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("PartnerId"))
export type PartnerId = typeof PartnerId.Type

/** Identifier of a project. */
export const ProjectId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("ProjectId"))
export type ProjectId = typeof ProjectId.Type

/** What kind of entity a partner is, as the call classifies it. */
export const PartnerKind = Schema.Literals([
  "public-body",
  "third-sector",
  "employers-association",
  "micro-enterprise",
  "small-enterprise"
])
export type PartnerKind = typeof PartnerKind.Type

/** The partner's role in the partnership. */
export const PartnerRole = Schema.Literals(["capofila", "partner"])
export type PartnerRole = typeof PartnerRole.Type

/** One member of the partnership, with its co-financing pledge. */
export class Partner extends Schema.Class<Partner>("Partner")({
  id: PartnerId,
  legalName: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  kind: PartnerKind,
  role: PartnerRole,
  comune: Schema.String,
  description: Schema.String,
  cofinancing: Cents,
  demo: Schema.Boolean
}) {}

/** A project of a work-life balance network. */
export class Project extends Schema.Class<Project>("Project")({
  id: ProjectId,
  title: Schema.String,
  callId: Schema.String,
  summary: Schema.String,
  aims: Schema.Array(Schema.String),
  partners: Schema.Array(Partner),
  totalCost: Cents,
  grant: Cents,
  startDate: LocalDate,
  endDate: LocalDate
}) {
  /** The capofila (lead partner). */
  get capofila(): Partner | undefined {
    return this.partners.find((p) => p.role === "capofila")
  }
  /** Partners' co-financing, in cents: total cost minus the grant. */
  get cofinancing(): Cents {
    return Cents.make(this.totalCost - this.grant)
  }
}
