import { fail } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { requireToken } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  const token = requireToken(event)
  const client = api(event.fetch, token)
  const [householdRes, eligibilityRes, servicesRes] = await Promise.all([
    reach(() => client.api.v1.me.household.$get()),
    reach(() => client.api.v1.eligibility.mine.$get({ query: {} })),
    reach(() => client.api.v1.services.$get({ query: {} }))
  ])
  const household = householdRes.ok ? await householdRes.json() : null
  const names = new Map(servicesRes.ok ? (await servicesRes.json()).items.map((i) => [i.id, i.name]) : [])
  const results = eligibilityRes.ok ? (await eligibilityRes.json()).results : []
  return {
    hasHousehold: household !== null,
    eligible: results
      .filter((r) => r.outcome.eligible)
      .map((r) => ({
        serviceId: r.serviceId,
        name: names.get(r.serviceId) ?? { it: r.serviceId },
        child: r.childId === null ? null : (household?.children.find((c) => c.id === r.childId)?.name ?? r.childId)
      }))
  }
}

export const actions: Actions = {
  /** Sends the verification link again. */
  resend: async (event) => {
    const token = requireToken(event)
    const res = await reach(() => api(event.fetch, token).api.v1.auth["verify-email"].resend.$post())
    if (!res.ok) return fail(400, { resent: false, message: (await apiError(res)).message })
    return { resent: true, message: null }
  }
}
