/** Eligibility of a family for a service on a date: the domain's rule set of the service, on the network's data. */
import { Eligibility, type LocalDate, type Service } from "@smartfam/domain"
import { network } from "../network.ts"

/** The rule set a service names, in force on `date`. */
export const ruleSetOf = (service: Service.Service, date: LocalDate.LocalDate) =>
  Eligibility.byId(network.ruleSets, service.eligibility, date) ?? Eligibility.byId(network.ruleSets, service.eligibility)

/** Checks facts against a service's rules on a date. */
export const checkService = (service: Service.Service, facts: Eligibility.Facts, date: LocalDate.LocalDate) => {
  const ruleSet = ruleSetOf(service, date)
  if (ruleSet === undefined) return undefined
  return Eligibility.check(ruleSet, facts, { date, settings: network.settings, calendar: network.calendar })
}
