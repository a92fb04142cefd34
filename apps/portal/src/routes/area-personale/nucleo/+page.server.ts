import { fail } from "@sveltejs/kit"
import { api, apiError, formKey, idempotencyKey, reach } from "#lib/server/api.ts"
import { forgetAnswers, readAnswers } from "#lib/server/answers.ts"
import { fromForm, toBody, toValues, type HouseholdBody, type Values } from "#lib/server/household.ts"
import { requireToken } from "#lib/server/session.ts"
import { comuni } from "#lib/server/territory.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = async (event) => {
  const token = requireToken(event)
  const res = await reach(() => api(event.fetch, token).api.v1.me.household.$get())
  let values: Values
  let prefilled = false
  if (res.ok) values = toValues((await res.json()) as HouseholdBody)
  else {
    // No household yet: start from the answers given to "Posso accedere?", if any were saved.
    const facts = readAnswers(event.cookies)
    prefilled = Object.keys(facts).length > 0
    values = { childSlots: "1", "adults.0.residence": facts.residence ?? "018182", "consent.service-delivery": "" }
    if (facts.applicant?.partnerEmployer) values["adults.0.partnerId"] = facts.applicant.partnerEmployer
    if (facts.applicant?.comuneEmployee) values["adults.0.comuneEmployee"] = "on"
    if (facts.child?.birthDate) values["children.0.birthDate"] = facts.child.birthDate
    if (typeof facts.isee === "number") values["isee.value"] = (facts.isee / 100).toFixed(2).replace(".", ",")
  }
  return { key: formKey(), exists: res.ok, prefilled, values, comuni }
}

export const actions: Actions = {
  /** One more empty child row (without JavaScript the form grows on the server). */
  addChild: async ({ request }) => {
    const values = fromForm(await request.formData())
    values["childSlots"] = String(Math.min(12, Number(values["childSlots"]) + 1))
    return { values, issues: [], saved: false, message: null, added: true }
  },
  save: async (event) => {
    const token = requireToken(event)
    const form = await event.request.formData()
    const values = fromForm(form)
    const client = api(event.fetch, token)
    const prevRes = await reach(() => client.api.v1.me.household.$get())
    const previous = prevRes.ok ? ((await prevRes.json()) as HouseholdBody) : null
    const { body, issues } = toBody(values, previous, event.locals.lang, new Date().toISOString())
    if (issues.length > 0) return fail(400, { values, issues, saved: false, message: null })
    const res = await reach(() =>
      client.api.v1.me.household.$put({ json: body as never }, { headers: { "idempotency-key": idempotencyKey(form.get("key"), body) } })
    )
    if (!res.ok) {
      const e = await apiError(res)
      return fail(res.status === 400 ? 400 : 422, { values, issues: (e.issues ?? []).map((i) => ({ path: i.path, message: i.message })), saved: false, message: e.message })
    }
    forgetAnswers(event.cookies)
    return { values: toValues((await res.json()) as HouseholdBody), issues: [], saved: true, message: null }
  }
}
