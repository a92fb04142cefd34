import { error, fail } from "@sveltejs/kit"
import { api, apiError, formKey, idempotencyKey, reach } from "#lib/server/api.ts"
import { runBookingAction } from "#lib/server/bookings.ts"
import { ageInMonths, isIsoDate, mondayOf, plusDays } from "#lib/server/dates.ts"
import { requireToken } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

const ACTIVE = new Set(["held", "confirmed", "waitlisted", "offered", "absent"])

export const load: PageServerLoad = async (event) => {
  const token = requireToken(event)
  const { params, url, fetch } = event
  const client = api(fetch, token)
  const serviceRes = await reach(() => client.api.v1.services[":id"].$get({ param: { id: params.id } }))
  if (serviceRes.status === 404) error(404, "Servizio non trovato (service not found)")
  if (!serviceRes.ok) error(503, (await apiError(serviceRes)).message)
  const { service, availability, today } = await serviceRes.json()

  const firstDay = availability.nextDate ?? (service.schedule.from > today ? service.schedule.from : today)
  const asked = url.searchParams.get("settimana")
  const monday = mondayOf(isIsoDate(asked) ? asked : firstDay)
  const sunday = plusDays(monday, 6)

  const [sessionsRes, householdRes, bookingsRes] = await Promise.all([
    reach(() => client.api.v1.services[":id"].sessions.$get({ param: { id: params.id }, query: { from: monday, to: sunday } })),
    reach(() => client.api.v1.me.household.$get()),
    reach(() => client.api.v1.bookings.$get())
  ])
  const sessions = sessionsRes.ok ? (await sessionsRes.json()).sessions : []
  // Eligibility is judged on the week's first session (closure days count), else on its Monday.
  const judgedOn = sessions.find((s) => s.date >= today)?.date ?? (monday < today ? today : monday)
  const eligibilityRes = await reach(() => client.api.v1.eligibility.mine.$get({ query: { date: judgedOn } }))
  const household = householdRes.ok ? await householdRes.json() : null
  const bookings = bookingsRes.ok ? (await bookingsRes.json()).filter((b) => b.serviceId === service.id) : []
  const eligibility = eligibilityRes.ok ? (await eligibilityRes.json()).results.filter((r) => r.serviceId === service.id) : []

  const target = service.target
  const children = (household?.children ?? []).map((c) => {
    const months = ageInMonths(c.birthDate, monday)
    const inRange = target.kind !== "child" || (months >= target.minMonths && months < target.maxMonths)
    const outcome = eligibility.find((r) => r.childId === c.id)?.outcome
    return {
      id: c.id,
      name: c.name,
      inRange,
      eligible: outcome?.eligible ?? null,
      reasons: (outcome?.reasons ?? []).filter((r) => r.status !== "pass").map((r) => ({ it: r.message, en: r.messageEn }))
    }
  })
  const askedChild = url.searchParams.get("figlio")
  const child = children.find((c) => c.id === askedChild) ?? children.find((c) => c.inRange) ?? children[0] ?? null

  const days = Array.from({ length: 5 }, (_, i) => plusDays(monday, i)).map((day) => ({
    date: day,
    sessions: sessions
      .filter((s) => s.date === day)
      .map((s) => ({
        id: s.id,
        start: s.start,
        end: s.end,
        capacity: s.capacity,
        placesLeft: s.placesLeft,
        waiting: s.waiting,
        past: s.date < today,
        mine: bookings.find((b) => b.sessionId === s.id && b.childId === child?.id && ACTIVE.has(b.status))?.status ?? null
      }))
  }))
  const scheduleFrom = mondayOf(service.schedule.from > today ? service.schedule.from : today)
  return {
    key: formKey(),
    service: { id: service.id, name: service.name, capacity: service.capacity, schedule: service.schedule },
    today,
    monday,
    prevWeek: plusDays(monday, -7) >= scheduleFrom ? plusDays(monday, -7) : null,
    nextWeek: plusDays(monday, 7) <= service.schedule.to ? plusDays(monday, 7) : null,
    hasHousehold: household !== null,
    children,
    child: child?.id ?? null,
    days,
    mine: bookings
      .filter((b) => ACTIVE.has(b.status))
      .map((b) => ({ ...b, childName: household?.children.find((c) => c.id === b.childId)?.name ?? b.childId }))
  }
}

export const actions: Actions = {
  /** Holds the chosen sessions for the chosen child (the waitlist when a session is full). */
  hold: async (event) => {
    const token = requireToken(event)
    const form = await event.request.formData()
    const child = String(form.get("child") ?? "")
    const chosen = form.getAll("session").filter((v): v is string => typeof v === "string" && v.length > 0 && v.length < 200)
    const values = { child, sessions: chosen }
    const issues: Array<{ path: string; message: string }> = []
    if (!/^[a-z0-9-]{1,100}$/.test(child)) issues.push({ path: "child", message: "required" })
    if (chosen.length === 0) issues.push({ path: "session", message: "required" })
    if (issues.length > 0) return fail(400, { values, issues, results: [] })
    const client = api(event.fetch, token)
    const results: Array<{ sessionId: string; status: string | null; message: string | null; reasons: ReadonlyArray<string> }> = []
    for (const sessionId of chosen) {
      const res = await reach(() =>
        client.api.v1.bookings.$post(
          { json: { sessionId, childId: child, mode: "hold" } },
          { headers: { "idempotency-key": idempotencyKey(form.get("key"), "hold", sessionId, child) } }
        )
      )
      if (res.ok) {
        const booking = await res.json()
        results.push({ sessionId, status: booking.status, message: null, reasons: [] })
      } else {
        const e = await apiError(res)
        results.push({ sessionId, status: null, message: e.message, reasons: e.reasons ?? [] })
      }
    }
    if (results.every((r) => r.status === null)) return fail(422, { values, issues: [], results })
    return { values, issues: [], results }
  },
  /** Confirms the held places (repeated `booking` ids). */
  confirm: (event) => runBookingAction(event, "confirm"),
  /** Lets a held place go. */
  release: (event) => runBookingAction(event, "cancel")
}
