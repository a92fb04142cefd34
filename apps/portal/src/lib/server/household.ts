/**
 * The household form: a flat map of field names (`adults.0.codiceFiscale`, the API's issue paths) to the
 * text typed, both ways, with the checks a person can fix before the API is asked.
 */
import { codiceFiscaleProblem, isComune } from "./territory.ts"
import { isIsoDate } from "./dates.ts"

export type Values = Record<string, string>
export interface Issue {
  readonly path: string
  readonly message: string
}

export const ADULT_SLOTS = 2
export const PARTNERS = ["cresciamo", "oltrepo-servizi", "staffora-lab", "comune-voghera"] as const
export const CONSENTS = ["service-delivery", "eligibility-check", "ranking", "communications"] as const
export const NOTICE_VERSION = "2022-09"

interface Consent {
  readonly purpose: string
  readonly givenAt: string
  readonly version: string
  readonly withdrawnAt?: string
}
export interface HouseholdBody {
  readonly adults: ReadonlyArray<{
    codiceFiscale: string
    sex: "M" | "F"
    employer?: { name: string; partnerId?: string; confirmed: boolean }
    comuneEmployee: boolean
    weeklyHours: number
    residence: string
    parent?: boolean
  }>
  readonly children: ReadonlyArray<{ id: string; name: string; birthDate: string; disability104: boolean }>
  readonly isee?: { value: number; dsuProtocol: string; issuedOn: string }
  readonly singleParent: boolean
  readonly consents: ReadonlyArray<Consent>
}

const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",")

/** A saved household as form values (children: one empty slot more than saved). */
export const toValues = (h: HouseholdBody): Values => {
  const v: Values = {}
  h.adults.forEach((a, i) => {
    v[`adults.${i}.codiceFiscale`] = a.codiceFiscale
    v[`adults.${i}.sex`] = a.sex
    v[`adults.${i}.employerName`] = a.employer?.name ?? ""
    v[`adults.${i}.partnerId`] = a.employer?.partnerId ?? ""
    v[`adults.${i}.employerConfirmed`] = a.employer?.confirmed ? "on" : ""
    v[`adults.${i}.comuneEmployee`] = a.comuneEmployee ? "on" : ""
    v[`adults.${i}.weeklyHours`] = String(a.weeklyHours)
    v[`adults.${i}.residence`] = a.residence
    v[`adults.${i}.notParent`] = a.parent === false ? "on" : ""
  })
  h.children.forEach((c, i) => {
    v[`children.${i}.id`] = c.id
    v[`children.${i}.name`] = c.name
    v[`children.${i}.birthDate`] = c.birthDate
    v[`children.${i}.disability104`] = c.disability104 ? "on" : ""
  })
  v["childSlots"] = String(h.children.length + 1)
  if (h.isee) {
    v["isee.value"] = euros(h.isee.value)
    v["isee.dsuProtocol"] = h.isee.dsuProtocol
    v["isee.issuedOn"] = h.isee.issuedOn
  }
  v["singleParent"] = h.singleParent ? "on" : ""
  for (const c of h.consents) if (c.withdrawnAt === undefined) v[`consent.${c.purpose}`] = "on"
  return v
}

/** The form as sent (only known names, trimmed). */
export const fromForm = (form: FormData): Values => {
  const v: Values = {}
  for (const [k, value] of form.entries()) {
    if (typeof value !== "string" || !/^[a-zA-Z0-9.-]{1,40}$/.test(k)) continue
    v[k] = value.trim().slice(0, 200)
  }
  const slots = Number(v["childSlots"])
  v["childSlots"] = String(Number.isInteger(slots) && slots >= 1 && slots <= 12 ? slots : 1)
  return v
}

const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "figlio"

/** Parses "18.500,00", "18500" or "18500.5" euros into cents. */
export const parseEuros = (s: string): number | undefined => {
  const clean = s.replace(/\s|€/g, "")
  const normal = /,\d{1,2}$/.test(clean) ? clean.replace(/\./g, "").replace(",", ".") : clean.replace(/,/g, "")
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(normal)) return undefined
  return Math.round(Number(normal) * 100)
}

/**
 * Checks the values and builds the API body. `previous` keeps consent dates and the employer's
 * confirmation (only the firm can confirm it; a changed employer is unconfirmed again).
 */
export const toBody = (
  v: Values,
  previous: HouseholdBody | null,
  lang: "it" | "en",
  nowIso: string
): { body: HouseholdBody; issues: ReadonlyArray<Issue> } => {
  const issues: Array<Issue> = []
  const adults: Array<HouseholdBody["adults"][number]> = []
  for (let i = 0; i < ADULT_SLOTS; i++) {
    const p = `adults.${i}`
    const cf = (v[`${p}.codiceFiscale`] ?? "").toUpperCase().replace(/\s/g, "")
    if (i > 0 && cf === "") continue
    if (cf === "") issues.push({ path: `${p}.codiceFiscale`, message: "required" })
    else {
      const problem = codiceFiscaleProblem(cf, lang)
      if (problem !== undefined) issues.push({ path: `${p}.codiceFiscale`, message: problem })
    }
    const sex = v[`${p}.sex`]
    if (sex !== "M" && sex !== "F") issues.push({ path: `${p}.sex`, message: "required" })
    const hours = Number((v[`${p}.weeklyHours`] ?? "").replace(",", "."))
    if ((v[`${p}.weeklyHours`] ?? "") === "" || !Number.isFinite(hours) || hours < 0 || hours > 168) issues.push({ path: `${p}.weeklyHours`, message: "hours" })
    const residence = v[`${p}.residence`] ?? ""
    if (!isComune(residence)) issues.push({ path: `${p}.residence`, message: "required" })
    const employerName = v[`${p}.employerName`] ?? ""
    const partnerId = v[`${p}.partnerId`] ?? ""
    if (partnerId !== "" && !(PARTNERS as ReadonlyArray<string>).includes(partnerId)) issues.push({ path: `${p}.partnerId`, message: "required" })
    if (partnerId !== "" && employerName === "") issues.push({ path: `${p}.employerName`, message: "required" })
    const before = previous?.adults[i]?.employer
    const confirmed = before !== undefined && before.name === employerName && (before.partnerId ?? "") === partnerId && before.confirmed
    adults.push({
      codiceFiscale: cf,
      sex: sex === "M" ? "M" : "F",
      ...(employerName === "" ? {} : { employer: { name: employerName, ...(partnerId === "" ? {} : { partnerId }), confirmed } }),
      comuneEmployee: v[`${p}.comuneEmployee`] === "on",
      weeklyHours: Number.isFinite(hours) ? hours : 0,
      residence,
      ...(v[`${p}.notParent`] === "on" ? { parent: false } : {})
    })
  }
  const children: Array<HouseholdBody["children"][number]> = []
  const ids = new Set<string>()
  const slots = Number(v["childSlots"] ?? "1")
  for (let i = 0; i < slots; i++) {
    const p = `children.${i}`
    const name = v[`${p}.name`] ?? ""
    const birthDate = v[`${p}.birthDate`] ?? ""
    if (name === "" && birthDate === "") continue
    if (name === "") issues.push({ path: `${p}.name`, message: "required" })
    if (!isIsoDate(birthDate) || birthDate < "1990-01-01") issues.push({ path: `${p}.birthDate`, message: "date" })
    let id = /^[a-z0-9-]{1,60}$/.test(v[`${p}.id`] ?? "") ? v[`${p}.id`]! : slug(name)
    for (let n = 2; ids.has(id); n++) id = `${slug(name)}-${n}`
    ids.add(id)
    children.push({ id, name, birthDate, disability104: v[`${p}.disability104`] === "on" })
  }
  let isee: HouseholdBody["isee"]
  const iseeValue = v["isee.value"] ?? ""
  if (iseeValue !== "" || (v["isee.dsuProtocol"] ?? "") !== "" || (v["isee.issuedOn"] ?? "") !== "") {
    const cents = parseEuros(iseeValue)
    if (cents === undefined) issues.push({ path: "isee.value", message: "amount" })
    const dsu = (v["isee.dsuProtocol"] ?? "").toUpperCase()
    if (!/^[A-Z0-9][A-Z0-9-]{5,39}$/.test(dsu)) issues.push({ path: "isee.dsuProtocol", message: "dsu" })
    const issuedOn = v["isee.issuedOn"] ?? ""
    if (!isIsoDate(issuedOn)) issues.push({ path: "isee.issuedOn", message: "date" })
    isee = { value: cents ?? 0, dsuProtocol: dsu, issuedOn }
  }
  if (v["consent.service-delivery"] !== "on") issues.push({ path: "consent.service-delivery", message: "consent" })
  const consents: Array<Consent> = []
  for (const purpose of CONSENTS) {
    const before = previous?.consents.find((c) => c.purpose === purpose && c.withdrawnAt === undefined)
    const given = v[`consent.${purpose}`] === "on"
    if (given) consents.push(before ?? { purpose, givenAt: nowIso, version: NOTICE_VERSION })
    else if (before !== undefined) consents.push({ ...before, withdrawnAt: nowIso })
  }
  // Consents withdrawn earlier stay on record.
  for (const c of previous?.consents ?? []) if (c.withdrawnAt !== undefined) consents.push(c)
  return {
    body: { adults, children, ...(isee === undefined ? {} : { isee }), singleParent: v["singleParent"] === "on", consents },
    issues
  }
}
