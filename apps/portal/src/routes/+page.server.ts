import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { nextClosures } from "#lib/server/closures.ts"
import { euro } from "#lib/server/money.ts"
import type { PageServerLoad } from "./$types"

/**
 * The home page needs no JavaScript: links, a GET search form and the logout form all work as plain HTML.
 * Served without the client runtime, a phone on a slow network renders it without hydrating anything
 * (Lighthouse mobile's Total Blocking Time was the score's swing factor on a busy machine: 94–97).
 */
export const csr = false

export const load: PageServerLoad = async ({ fetch }) => {
  const client = api(fetch)
  const [projectRes, openRes] = await Promise.all([
    reach(() => client.api.v1.project.$get()),
    reach(() => client.api.v1.services.$get({ query: { closureOnly: "true" } }))
  ])
  if (!projectRes.ok || !openRes.ok) error(503, "Il servizio non è al momento disponibile (service unavailable)")
  const project = await projectRes.json()
  const open = await openRes.json()
  return {
    project,
    money: { grant: euro(project.grant), totalCost: euro(project.totalCost) },
    today: open.today,
    closures: nextClosures(open.today),
    open: open.items
      .filter((i) => i.availability.sessions > 0)
      .map((i) => ({ id: i.id, name: i.name, summary: i.summary, availability: i.availability, provider: i.provider.name }))
  }
}
