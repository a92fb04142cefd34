import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import type { RequestHandler } from "./$types"

/**
 * The secret calendar address on the portal's origin (`/calendario/{token}.ics`), for calendar apps that
 * cannot log in: the API checks the token and audits the read.
 */
export const GET: RequestHandler = async ({ params, fetch }) => {
  const res = await reach(() => api(fetch).api.v1.calendar[":file"].$get({ param: { file: params.file } }))
  if (res.status === 404) error(404, "Calendario non trovato (no such calendar)")
  if (!res.ok) error(503, "Calendario non disponibile (calendar unavailable)")
  return new Response(await res.text(), { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store" } })
}
