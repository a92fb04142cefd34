import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { euro } from "#lib/server/money.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ fetch }) => {
  const res = await reach(() => api(fetch).api.v1.project.$get())
  if (!res.ok) error(503, "Il servizio non è al momento disponibile (service unavailable)")
  const project = await res.json()
  return { project, money: { grant: euro(project.grant), totalCost: euro(project.totalCost) } }
}
