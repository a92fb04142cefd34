import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ fetch }) => {
  const res = await reach(() => api(fetch).api.v1.project.$get())
  if (!res.ok) error(503, "Il servizio non è al momento disponibile (service unavailable)")
  return { project: await res.json() }
}
