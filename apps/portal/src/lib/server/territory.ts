/** Comuni for the pickers (province of Pavia, from the domain's registry), by name. Server-only. */
import { Person, Territory } from "@smartfam/domain"

export interface ComuneOption {
  readonly istat: string
  readonly name: string
}

export const comuni: ReadonlyArray<ComuneOption> = Territory.comuni
  .filter((c) => c.validTo === undefined)
  .map((c) => ({ istat: c.istat as string, name: c.name }))
  .sort((a, b) => a.name.localeCompare(b.name, "it"))

export const comuneName = (istat: string): string => Territory.byCode(istat)?.name ?? istat

export const isComune = (istat: string): boolean => Territory.byCode(istat) !== undefined

/** What is wrong with a codice fiscale (the domain's check: form, dates, check character), or undefined. */
export const codiceFiscaleProblem = (cf: string, lang: "it" | "en"): string | undefined => {
  const result = Person.validate(cf)
  if (result._tag === "Success") return undefined
  return lang === "en" ? result.failure.messageEn : result.failure.message
}
