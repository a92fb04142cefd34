/**
 * The kinds of service a network offers (the call's measures) and their names in Italian and English.
 * Plain data with no imports, so that a web app can show the names without shipping the domain's schemas.
 */

/** Every kind, in the order the call lists its measures. */
export const all = [
  "nido",
  "infanzia",
  "closure-childcare",
  "pre-post-school",
  "disabled-pupil-assistance",
  "caregiver-support",
  "time-saving",
  "information-desk",
  "flexible-work-coworking"
] as const

export type Kind = (typeof all)[number]

/** The name of each kind, Italian first. */
export const labels: Readonly<Record<Kind, { readonly it: string; readonly en: string }>> = {
  nido: { it: "Nido (0–3 anni)", en: "Nursery (0–3 years)" },
  infanzia: { it: "Scuola dell'infanzia (3–6 anni)", en: "Pre-school (3–6 years)" },
  "closure-childcare": { it: "Accoglienza nelle chiusure scolastiche e centri estivi", en: "Care during school closures and summer camps" },
  "pre-post-school": { it: "Pre e post scuola", en: "Before and after school" },
  "disabled-pupil-assistance": { it: "Assistenza agli alunni con disabilità", en: "Support for pupils with disabilities" },
  "caregiver-support": { it: "Sostegno ai caregiver familiari", en: "Support for family caregivers" },
  "time-saving": { it: "Servizi salva-tempo", en: "Time-saving services" },
  "information-desk": { it: "Sportello informativo per i dipendenti", en: "Information desk for employees" },
  "flexible-work-coworking": { it: "Lavoro flessibile e coworking", en: "Flexible work and coworking" }
}

/** Whether `kind` is one of the kinds. */
export const isKind = (kind: string): kind is Kind => (all as ReadonlyArray<string>).includes(kind)
