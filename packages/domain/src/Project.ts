/**
 * The project a network runs: its partners, its money and its dates — the public summary the API serves.
 *
 * Partners are `Partnership.Partner` (re-exported here as `Partner`); the budget is a `Budget.Budget`,
 * checked against the call with `Budget.validate`; the rules are the call's (`Call.Call`, by `callId`).
 */
import { Schema } from "effect"
import { LocalDate } from "./LocalDate.ts"
import { Cents } from "./Money.ts"
import { Partner } from "./Partnership.ts"

/** An amount of euros in integer cents (the same as `Money.Cents`). */
export { Cents } from "./Money.ts"
/** Partners, their ids, kinds and roles (the same as in `Partnership`). */
export { Partner, PartnerId, PartnerKind, PartnerRole } from "./Partnership.ts"

/** Identifier of a project. */
export const ProjectId = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9-]+$/)), Schema.brand("ProjectId"))
/** Identifier of a project. */
export type ProjectId = typeof ProjectId.Type

/** A project of a work-life balance network. */
export class Project extends Schema.Class<Project>("Project")({
  id: ProjectId,
  title: Schema.String,
  /** The call it applies to (`Call.Call` id). */
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
