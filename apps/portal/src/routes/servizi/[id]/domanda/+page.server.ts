import { error, fail } from "@sveltejs/kit"
import { api, apiError, formKey, idempotencyKey, reach } from "#lib/server/api.ts"
import { ageInMonths } from "#lib/server/dates.ts"
import { requireToken } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  const token = requireToken(event)
  const { params, url, fetch } = event
  const client = api(fetch, token)
  const [serviceRes, admissionsRes, householdRes, applicationsRes] = await Promise.all([
    reach(() => client.api.v1.services[":id"].$get({ param: { id: params.id } })),
    reach(() => client.api.v1.admissions.$get()),
    reach(() => client.api.v1.me.household.$get()),
    reach(() => client.api.v1.applications.$get())
  ])
  if (serviceRes.status === 404) error(404, "Servizio non trovato (service not found)")
  if (!serviceRes.ok) error(503, (await apiError(serviceRes)).message)
  const { service } = await serviceRes.json()
  const rounds = (admissionsRes.ok ? await admissionsRes.json() : []).filter((r) => r.serviceId === service.id)
  const round = rounds.find((r) => r.id === url.searchParams.get("bando")) ?? rounds.find((r) => r.open) ?? rounds[0] ?? null
  const household = householdRes.ok ? await householdRes.json() : null
  const applications = applicationsRes.ok ? await applicationsRes.json() : []
  const target = service.target
  return {
    key: formKey(),
    service: { id: service.id, name: service.name },
    round,
    hasHousehold: household !== null,
    // Consent to rankings, given and not withdrawn: without it the API refuses the application.
    hasConsent: household?.consents.some((c) => c.purpose === "ranking" && c.withdrawnAt === undefined) ?? false,
    children: (household?.children ?? []).map((c) => {
      const months = round === null ? 0 : ageInMonths(c.birthDate, round.startsOn)
      return {
        id: c.id,
        name: c.name,
        inRange: target.kind !== "child" || (months >= target.minMonths && months < target.maxMonths),
        applied: applications.find((a) => a.roundId === round?.id && a.childId === c.id && a.status === "submitted")?.id ?? null
      }
    })
  }
}

export const actions: Actions = {
  /** Sends an application for one child, with the statements ticked and the documents already held. */
  apply: async (event) => {
    const token = requireToken(event)
    const form = await event.request.formData()
    const roundId = String(form.get("bando") ?? "")
    const child = String(form.get("child") ?? "")
    const declarations = {
      socialServicesReferral: form.get("socialServicesReferral") === "on",
      disabledHouseholdMember: form.get("disabledHouseholdMember") === "on",
      noFamilyNetwork: form.get("noFamilyNetwork") === "on"
    }
    const documents = form.getAll("documents").filter((v): v is string => typeof v === "string" && /^[a-z0-9-]{1,100}$/.test(v))
    const values = { child, declarations, documents }
    if (!/^[a-z0-9-]{1,100}$/.test(child)) return fail(400, { values, issues: [{ path: "child", message: "required" }], problem: null })
    const res = await reach(() =>
      api(event.fetch, token).api.v1.applications.$post(
        { json: { roundId, childId: child, declarations, documents } },
        { headers: { "idempotency-key": idempotencyKey(form.get("key"), "apply", roundId, child, declarations, documents) } }
      )
    )
    if (!res.ok) {
      const e = await apiError(res)
      return fail(res.status === 401 ? 401 : res.status >= 500 ? 503 : 422, { values, issues: [], problem: { message: e.message, code: e.code ?? null, reasons: e.reasons ?? [] } })
    }
    return { values, issues: [], problem: null, sent: await res.json() }
  }
}
