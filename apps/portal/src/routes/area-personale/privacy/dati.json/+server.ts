import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { requireToken } from "#lib/server/session.ts"
import type { RequestHandler } from "./$types"

/** Everything held about the family, as the API exports it (JSON download). */
export const GET: RequestHandler = async (event) => {
  const token = requireToken(event)
  const res = await reach(() => api(event.fetch, token).api.v1.me.export.$get())
  if (!res.ok) error(res.status === 401 ? 401 : 503, "Esportazione non disponibile (export unavailable)")
  return new Response(await res.text(), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": 'attachment; filename="smartfam-dati.json"',
      "cache-control": "private, no-store"
    }
  })
}
