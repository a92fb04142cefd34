import { error } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { mondayOf } from "#lib/server/dates.ts"
import { euro } from "#lib/server/money.ts"
import { comuneName } from "#lib/server/territory.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ params, fetch }) => {
  const client = api(fetch)
  const [serviceRes, sessionsRes, admissionsRes] = await Promise.all([
    reach(() => client.api.v1.services[":id"].$get({ param: { id: params.id } })),
    reach(() => client.api.v1.services[":id"].sessions.$get({ param: { id: params.id }, query: {} })),
    reach(() => client.api.v1.admissions.$get())
  ])
  if (serviceRes.status === 404) error(404, "Servizio non trovato (service not found)")
  if (!serviceRes.ok) error(503, (await apiError(serviceRes)).message)
  const { service, availability, today } = await serviceRes.json()
  const sessions = sessionsRes.ok ? (await sessionsRes.json()).sessions : []
  // Admission rounds of this service (places allotted by ranking), open ones first.
  const rounds = (admissionsRes.ok ? await admissionsRes.json() : []).filter((r) => r.serviceId === service.id).sort((a, b) => Number(b.open) - Number(a.open))
  // The sessions calendar: the next three weeks that have sessions, by week.
  const weeks = new Map<string, Array<(typeof sessions)[number]>>()
  for (const s of sessions) {
    const monday = mondayOf(s.date)
    if (!weeks.has(monday) && weeks.size >= 3) break
    weeks.set(monday, [...(weeks.get(monday) ?? []), s])
  }
  return {
    service,
    rounds,
    availability,
    today,
    comune: comuneName(service.location),
    bookable: service.capacity > 0 && sessions.length > 0,
    fees: {
      unit: service.fees.unit,
      bands: service.fees.bands.map((b) => ({ maxIsee: b.maxIsee === undefined ? null : euro(b.maxIsee), amount: euro(b.amount) }))
    },
    weeks: [...weeks.entries()].map(([monday, list]) => ({
      monday,
      sessions: list.map((s) => ({ id: s.id, date: s.date, start: s.start, end: s.end, placesLeft: s.placesLeft, waiting: s.waiting, capacity: s.capacity }))
    })),
    moreWeeks: sessions.length > [...weeks.values()].reduce((n, l) => n + l.length, 0)
  }
}
