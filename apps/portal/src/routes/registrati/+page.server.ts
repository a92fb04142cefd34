import { fail, redirect } from "@sveltejs/kit"
import { api, apiError, formKey, idempotencyKey, reach } from "#lib/server/api.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.token !== undefined) redirect(303, "/area-personale")
  return { key: formKey(), answersKept: url.searchParams.get("risposte") === "1" }
}

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const form = await request.formData()
    const values = { email: String(form.get("email") ?? "").trim(), displayName: String(form.get("displayName") ?? "").trim() }
    const password = String(form.get("password") ?? "")
    const issues: Array<{ path: string; message: string }> = []
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) issues.push({ path: "email", message: "email" })
    if (password.length < 10) issues.push({ path: "password", message: "password" })
    if (form.get("privacy") !== "on") issues.push({ path: "privacy", message: "privacy" })
    if (issues.length > 0) return fail(400, { values, issues, message: null })
    const json = { email: values.email, password, ...(values.displayName === "" ? {} : { displayName: values.displayName }) }
    const res = await reach(() =>
      api(fetch).api.v1.auth.register.$post({ json }, { headers: { "idempotency-key": idempotencyKey(form.get("key"), "register", values.email) } })
    )
    if (!res.ok) {
      const e = await apiError(res)
      if (res.status === 409) return fail(409, { values, issues: [{ path: "email", message: "taken" }], message: null })
      return fail(res.status === 400 ? 400 : 422, { values, issues: (e.issues ?? []).map((i) => ({ path: i.path, message: i.message })), message: e.message })
    }
    return { registered: true, email: values.email }
  }
}
