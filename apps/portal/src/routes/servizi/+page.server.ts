import { error } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { isIsoDate } from "#lib/server/dates.ts"
import { comuneName, comuni } from "#lib/server/territory.ts"
import { KINDS } from "#lib/i18n.ts"
import type { PageServerLoad } from "./$types"

/** Filters live in the URL (a GET form): kind, child's age in years, comune, period, closures only, text. */
export const load: PageServerLoad = async ({ url, fetch }) => {
  const p = url.searchParams
  const values = {
    q: (p.get("q") ?? "").trim().slice(0, 100),
    kind: p.get("tipo") ?? "",
    age: p.get("eta") ?? "",
    comune: p.get("comune") ?? "",
    from: p.get("dal") ?? "",
    to: p.get("al") ?? "",
    closureOnly: p.get("chiusure") === "1"
  }
  const issues: Array<{ path: string; message: string }> = []
  const query: Record<string, string> = {}
  if ((KINDS as ReadonlyArray<string>).includes(values.kind)) query["kind"] = values.kind
  if (values.age !== "") {
    const years = Number(values.age)
    if (Number.isInteger(years) && years >= 0 && years <= 17) query["ageMonths"] = String(years * 12)
    else issues.push({ path: "eta", message: "age" })
  }
  if (/^\d{6}$/.test(values.comune)) query["comune"] = values.comune
  if (values.from !== "") {
    if (isIsoDate(values.from)) query["from"] = values.from
    else issues.push({ path: "dal", message: "date" })
  }
  if (values.to !== "") {
    if (isIsoDate(values.to)) query["to"] = values.to
    else issues.push({ path: "al", message: "date" })
  }
  if (values.closureOnly) query["closureOnly"] = "true"

  const res = await reach(() => api(fetch).api.v1.services.$get({ query }))
  if (!res.ok) {
    const e = await apiError(res)
    if (res.status !== 400) error(503, e.message)
    for (const i of e.issues ?? []) issues.push({ path: i.path === "to" ? "al" : i.path === "from" ? "dal" : i.path, message: "period" })
    return { values, issues, items: [], from: values.from, to: values.to, today: "", comuni }
  }
  const listing = await res.json()
  const words = values.q.toLowerCase().split(/\s+/).filter((w) => w.length > 0)
  const items = listing.items
    .filter((i) => {
      const hay = `${i.name.it} ${i.name.en ?? ""} ${i.summary.it} ${i.summary.en ?? ""} ${i.kindLabel} ${i.provider.name}`.toLowerCase()
      return words.every((w) => hay.includes(w))
    })
    .map((i) => ({
      id: i.id,
      name: i.name,
      summary: i.summary,
      kind: i.kind,
      provider: i.provider.name,
      comune: comuneName(i.location),
      closureOnly: i.schedule.kind === "closure-only",
      bookable: i.availability.capacity > 0 && i.availability.sessions > 0,
      availability: i.availability
    }))
  return { values, issues, items, from: listing.from, to: listing.to, today: listing.today, comuni }
}
