/**
 * @smartfam/domain: the model and the rules of a Lombardy work-life balance network.
 * Pure: no IO, no clock, no environment. Every module is a namespace.
 */
export * as Fixtures from "./Fixtures.ts"
export * as Project from "./Project.ts"
export * as LocalDate from "./LocalDate.ts"
