import { fail, redirect } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { openSession, safeNext, tokenFrom } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

// SPID/CIE is offered when the API has an OIDC gateway configured (see /accedi/identita-digitale).
export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  if (locals.token !== undefined) redirect(303, safeNext(url.searchParams.get("next")))
  const status = await reach(() => api(fetch).api.v1.auth.oidc.$get())
  const digital = status.ok ? (await status.json()).enabled : false
  return { next: safeNext(url.searchParams.get("next")), digital }
}

export const actions: Actions = {
  default: async ({ request, fetch, cookies, url }) => {
    const form = await request.formData()
    const email = String(form.get("email") ?? "").trim()
    const password = String(form.get("password") ?? "")
    const next = safeNext(String(form.get("next") ?? ""))
    if (email === "" || password === "") return fail(400, { email, message: null, issues: [{ path: email === "" ? "email" : "password", message: "required" }] })
    const res = await reach(() => api(fetch).api.v1.auth.login.$post({ json: { email, password } }))
    if (!res.ok) {
      const e = await apiError(res)
      return fail(res.status === 401 ? 401 : res.status === 429 ? 429 : 400, { email, message: res.status === 401 ? null : e.message, issues: res.status === 429 ? [] : [{ path: "password", message: "wrong" }] })
    }
    const token = tokenFrom(res.headers)
    if (token === undefined) return fail(502, { email, message: "Sessione non aperta (no session)", issues: [] })
    openSession(cookies, url, token)
    redirect(303, next)
  }
}
