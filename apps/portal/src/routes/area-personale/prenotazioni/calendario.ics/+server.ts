import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { requireToken } from "#lib/server/session.ts"
import type { RequestHandler } from "./$types"

/** The family's bookings as an iCalendar file (Europe/Rome), read from the API with the portal's session. */
export const GET: RequestHandler = async (event) => {
  const token = requireToken(event)
  const res = await reach(() => api(event.fetch, token).api.v1.bookings["calendar.ics"].$get())
  if (!res.ok) error(res.status === 401 ? 401 : 503, "Calendario non disponibile (calendar unavailable)")
  return new Response(await res.text(), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="smartfam.ics"',
      "cache-control": "private, no-store"
    }
  })
}
