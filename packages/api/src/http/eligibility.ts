/** Eligibility of a family for a service on a date: the domain's rule set of the service, on the network's data. */
import { Eligibility, type LocalDate, type Service } from "@smartfam/domain"
import { network } from "../network.ts"
import { RuleViolation } from "../services/errors.ts"

/** The rule set a service names, in force on `date`. */
export const ruleSetOf = (service: Service.Service, date: LocalDate.LocalDate) =>
  Eligibility.byId(network.ruleSets, service.eligibility, date) ?? Eligibility.byId(network.ruleSets, service.eligibility)

/** What a check on `date` reads besides the facts: the network's settings and calendar. */
export const contextOn = (date: LocalDate.LocalDate): Eligibility.Context => ({ date, settings: network.settings, calendar: network.calendar })

/** Checks facts against a service's rules on a date. */
export const checkService = (service: Service.Service, facts: Eligibility.Facts, date: LocalDate.LocalDate) => {
  const ruleSet = ruleSetOf(service, date)
  if (ruleSet === undefined) return undefined
  return Eligibility.check(ruleSet, facts, contextOn(date))
}

/** The 422 for an outcome that says no: every reason against, `doing` what was refused ("prenotare"). */
export const refusal = (outcome: Eligibility.Outcome, doing: string) => {
  const against = outcome.reasons.filter((r) => r.status !== "pass").map((r) => r.message)
  return new RuleViolation({
    code: outcome.status === "undetermined" ? "eligibility-undetermined" : "ineligible",
    message: `Non è possibile ${doing}: ${against.join("; ")} (not eligible)`,
    reasons: against
  })
}
