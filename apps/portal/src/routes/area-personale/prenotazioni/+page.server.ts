import { fail } from "@sveltejs/kit"
import { api, apiError, formKey, idempotencyKey, reach } from "#lib/server/api.ts"
import { runBookingAction } from "#lib/server/bookings.ts"
import { requireToken } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  const token = requireToken(event)
  const client = api(event.fetch, token)
  const [bookingsRes, householdRes, servicesRes, applicationsRes, admissionsRes] = await Promise.all([
    reach(() => client.api.v1.bookings.$get()),
    reach(() => client.api.v1.me.household.$get()),
    reach(() => client.api.v1.services.$get({ query: {} })),
    reach(() => client.api.v1.applications.$get()),
    reach(() => client.api.v1.admissions.$get())
  ])
  const bookings = bookingsRes.ok ? await bookingsRes.json() : []
  const household = householdRes.ok ? await householdRes.json() : null
  const listing = servicesRes.ok ? await servicesRes.json() : null
  const names = new Map((listing?.items ?? []).map((i) => [i.id, i.name]))
  const applications = applicationsRes.ok ? await applicationsRes.json() : []
  const rounds = new Map((admissionsRes.ok ? await admissionsRes.json() : []).map((r) => [r.id, r.title]))
  const childName = (id: string) => household?.children.find((c) => c.id === id)?.name ?? id
  return {
    applications: applications.map((a) => ({ ...a, roundTitle: rounds.get(a.roundId) ?? a.roundId, serviceName: names.get(a.serviceId) ?? { it: a.serviceId }, childName: childName(a.childId) })),
    key: formKey(),
    today: listing?.today ?? null,
    bookings: bookings.map((b) => ({
      ...b,
      serviceName: names.get(b.serviceId) ?? { it: b.serviceId },
      childName: childName(b.childId)
    }))
  }
}

export const actions: Actions = {
  confirm: (event) => runBookingAction(event, "confirm"),
  cancel: (event) => runBookingAction(event, "cancel"),
  accept: (event) => runBookingAction(event, "accept"),
  decline: (event) => runBookingAction(event, "decline"),
  absent: (event) => runBookingAction(event, "absent"),
  /** Withdraws an application to an admission round. */
  withdraw: async (event) => {
    const form = await event.request.formData()
    const id = String(form.get("application") ?? "")
    if (id.length === 0 || id.length > 200) return fail(400, { problems: [{ id, message: "Domanda mancante (no application)" }] })
    const res = await reach(() =>
      api(event.fetch, requireToken(event)).api.v1.applications[":id"].withdraw.$post(
        { param: { id } },
        { headers: { "idempotency-key": idempotencyKey(form.get("key"), "withdraw", id) } }
      )
    )
    if (!res.ok) return fail(res.status === 401 ? 401 : 409, { problems: [{ id, message: (await apiError(res)).message }] })
    return { done: 1, problems: [] }
  },
  /** A secret calendar address for calendar apps, on the portal's origin (shown once; replaces the old one). */
  feed: async (event) => {
    const res = await reach(() => api(event.fetch, requireToken(event)).api.v1.bookings["calendar-feed"].$post())
    if (!res.ok) return fail(res.status === 401 ? 401 : 503, { feedFailed: true })
    const { token } = await res.json()
    return { feedUrl: `${event.url.origin}/calendario/${token}.ics` }
  },
  unfeed: async (event) => {
    const res = await reach(() => api(event.fetch, requireToken(event)).api.v1.bookings["calendar-feed"].$delete())
    if (!res.ok) return fail(503, { feedFailed: true })
    return { feedRevoked: true }
  }
}
