/**
 * @smartfam/domain: the model and the rules of a Lombardy work-life balance network.
 * Pure: no IO, no clock, no environment. Every module is a namespace.
 */
export * as Fixtures from "./Fixtures.ts"
export * as Project from "./Project.ts"
export * as LocalDate from "./LocalDate.ts"
export * as Territory from "./Territory.ts"
export * as Person from "./Person.ts"
export * as Calendar from "./Calendar.ts"
export * as Money from "./Money.ts"
export * as Call from "./Call.ts"
export * as EnterpriseSize from "./EnterpriseSize.ts"
export * as Partnership from "./Partnership.ts"
export * as Budget from "./Budget.ts"
export * as Lifecycle from "./Lifecycle.ts"
export * as Violation from "./Violation.ts"
