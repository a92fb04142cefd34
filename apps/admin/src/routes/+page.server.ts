import { error } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { euro, percent } from "#lib/server/money.ts"
import type { PageServerLoad } from "./$types"

export const load: PageServerLoad = async ({ fetch }) => {
  const res = await reach(() => api(fetch).api.v1.project.$get())
  if (!res.ok) error(503, "Il servizio non è al momento disponibile (service unavailable)")
  const project = await res.json()
  const cofinancing = project.totalCost - project.grant
  return {
    project,
    money: {
      totalCost: euro(project.totalCost),
      grant: euro(project.grant),
      grantShare: percent(project.grant, project.totalCost),
      cofinancing: euro(cofinancing),
      cofinancingShare: percent(cofinancing, project.totalCost),
      byPartner: Object.fromEntries(project.partners.map((p) => [p.id, euro(p.cofinancing)]))
    }
  }
}
