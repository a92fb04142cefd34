import { error, fail, redirect } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { cleanFacts, keepAnswers, parseFacts, type Facts } from "#lib/server/answers.ts"
import { isIsoDate } from "#lib/server/dates.ts"
import { PARTNERS, parseEuros } from "#lib/server/household.ts"
import { comuni, isComune } from "#lib/server/territory.ts"
import type { Actions, PageServerLoad } from "./$types"

/** Documents the shipped rules can ask for. */
const DOCUMENTS = ["certificato-vaccinale", "certificazione-104"] as const

export const load: PageServerLoad = async ({ fetch, url }) => {
  const res = await reach(() => api(fetch).api.v1.services.$get({ query: {} }))
  if (!res.ok) error(503, (await apiError(res)).message)
  const listing = await res.json()
  const services = listing.items.map((i) => ({ id: i.id, name: i.name, nextDate: i.availability.nextDate }))
  const asked = url.searchParams.get("servizio")
  return { services, today: listing.today, serviceId: services.some((s) => s.id === asked) ? asked : null, comuni, documents: DOCUMENTS }
}

type Issue = { path: string; message: string }

/** Reads the answers to the questions asked on this round into the facts gathered so far. */
const merge = (form: FormData, facts: Facts): { facts: Facts; issues: Array<Issue> } => {
  const issues: Array<Issue> = []
  const next: Facts = structuredClone(facts)
  const get = (k: string) => {
    const v = form.get(k)
    return typeof v === "string" ? v.trim() : ""
  }
  if (form.has("q.partnerEmployer")) {
    const v = get("q.partnerEmployer")
    if (v === "") issues.push({ path: "q.partnerEmployer", message: "required" })
    else if (v === "none" || (PARTNERS as ReadonlyArray<string>).includes(v)) next.applicant = { ...next.applicant, partnerEmployer: v === "none" ? null : v }
    else issues.push({ path: "q.partnerEmployer", message: "required" })
  }
  if (form.has("q.comuneEmployeeAsked")) {
    const v = get("q.comuneEmployee")
    if (v === "yes" || v === "no") next.applicant = { ...next.applicant, comuneEmployee: v === "yes" }
    else issues.push({ path: "q.comuneEmployee", message: "required" })
  }
  if (form.has("q.residence")) {
    const v = get("q.residence")
    if (isComune(v)) next.residence = v
    else issues.push({ path: "q.residence", message: "required" })
  }
  if (form.has("q.birthDate")) {
    const v = get("q.birthDate")
    if (isIsoDate(v) && v > "1990-01-01") next.child = { birthDate: v }
    else issues.push({ path: "q.birthDate", message: "date" })
  }
  if (form.has("q.iseeAsked")) {
    if (get("q.noIsee") === "on") next.isee = null
    else {
      const cents = parseEuros(get("q.isee"))
      if (cents === undefined) issues.push({ path: "q.isee", message: "amount" })
      else next.isee = cents
    }
  }
  if (form.has("q.documentsAsked")) {
    next.documents = form.getAll("q.documents").filter((d): d is string => typeof d === "string" && (DOCUMENTS as ReadonlyArray<string>).includes(d))
  }
  return { facts: cleanFacts(next), issues }
}

export const actions: Actions = {
  check: async ({ request, fetch }) => {
    const form = await request.formData()
    const serviceId = String(form.get("servizio") ?? "")
    const dateValue = String(form.get("data") ?? "")
    const previous = parseFacts(String(form.get("facts") ?? ""))
    const previousMissing = String(form.get("missing") ?? "").split(",").filter((s) => s !== "")
    const { facts, issues } = merge(form, previous)
    if (!/^[a-z0-9-]{1,100}$/.test(serviceId)) issues.push({ path: "servizio", message: "required" })
    if (dateValue !== "" && !isIsoDate(dateValue)) issues.push({ path: "data", message: "date" })
    if (issues.length > 0) return fail(400, { serviceId, date: dateValue, facts: previous, missing: previousMissing, issues, outcome: null })
    const res = await reach(() =>
      api(fetch).api.v1.eligibility.check.$post({ json: { serviceId, ...(dateValue === "" ? {} : { date: dateValue }), facts: facts as never } })
    )
    if (!res.ok) {
      const e = await apiError(res)
      return fail(res.status === 404 ? 404 : 400, { serviceId, date: dateValue, facts, missing: previousMissing, issues: [{ path: "servizio", message: e.message }], outcome: null })
    }
    const outcome = await res.json()
    return { serviceId, date: outcome.date, facts, missing: [...outcome.missing], issues: [], outcome }
  },
  /** Keeps the answers for the household form of a new (or logged-in) family. */
  save: async ({ request, cookies, url, locals }) => {
    const facts = parseFacts(String((await request.formData()).get("facts") ?? ""))
    keepAnswers(cookies, url, facts)
    redirect(303, locals.token === undefined ? "/registrati?risposte=1" : "/area-personale/nucleo")
  }
}
