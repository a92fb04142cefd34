/**
 * "Posso accedere?" answers kept for the household form: an HttpOnly cookie on this browser for one day,
 * read once the family has an account, then deleted. Only the facts the check asked are kept.
 */
import type { Cookies } from "@sveltejs/kit"

export const ANSWERS_COOKIE = "smartfam_answers"

export interface Facts {
  applicant?: { partnerEmployer?: string | null; comuneEmployee?: boolean }
  residence?: string
  child?: { birthDate?: string }
  isee?: number | null
  documents?: Array<string>
}

/** Keeps only well-formed facts (the cookie and the hidden field come from the browser). */
export const cleanFacts = (input: unknown): Facts => {
  const out: Facts = {}
  if (typeof input !== "object" || input === null) return out
  const i = input as Record<string, unknown>
  const a = i["applicant"]
  if (typeof a === "object" && a !== null) {
    const ap = a as Record<string, unknown>
    const applicant: NonNullable<Facts["applicant"]> = {}
    if (ap["partnerEmployer"] === null || (typeof ap["partnerEmployer"] === "string" && /^[a-z0-9-]{1,40}$/.test(ap["partnerEmployer"]))) {
      applicant.partnerEmployer = ap["partnerEmployer"] as string | null
    }
    if (typeof ap["comuneEmployee"] === "boolean") applicant.comuneEmployee = ap["comuneEmployee"]
    if (Object.keys(applicant).length > 0) out.applicant = applicant
  }
  if (typeof i["residence"] === "string" && /^\d{6}$/.test(i["residence"])) out.residence = i["residence"]
  const c = i["child"]
  if (typeof c === "object" && c !== null) {
    const b = (c as Record<string, unknown>)["birthDate"]
    if (typeof b === "string" && /^\d{4}-\d{2}-\d{2}$/.test(b)) out.child = { birthDate: b }
  }
  if (i["isee"] === null || (typeof i["isee"] === "number" && Number.isInteger(i["isee"]) && i["isee"] >= 0)) out.isee = i["isee"] as number | null
  if (Array.isArray(i["documents"])) out.documents = i["documents"].filter((d): d is string => typeof d === "string" && /^[a-z0-9-]{1,60}$/.test(d)).slice(0, 10)
  return out
}

export const parseFacts = (raw: string | null | undefined): Facts => {
  if (raw === null || raw === undefined || raw === "") return {}
  try {
    return cleanFacts(JSON.parse(raw))
  } catch {
    return {}
  }
}

export const keepAnswers = (cookies: Cookies, url: URL, facts: Facts) =>
  cookies.set(ANSWERS_COOKIE, JSON.stringify(facts), { path: "/", httpOnly: true, sameSite: "lax", secure: url.protocol === "https:", maxAge: 60 * 60 * 24 })

export const readAnswers = (cookies: Cookies): Facts => parseFacts(cookies.get(ANSWERS_COOKIE))

export const forgetAnswers = (cookies: Cookies) => cookies.delete(ANSWERS_COOKIE, { path: "/" })
