import { fail } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { closeSession } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = ({ url }) => ({ token: (url.searchParams.get("token") ?? "").slice(0, 200) })

export const actions: Actions = {
  default: async ({ request, fetch, cookies }) => {
    const form = await request.formData()
    const token = String(form.get("token") ?? "")
    const password = String(form.get("password") ?? "")
    if (password.length < 10) return fail(400, { done: false, short: true, message: null })
    const res = await reach(() => api(fetch).api.v1.auth["password-reset"].confirm.$post({ json: { token, password } }))
    if (!res.ok) return fail(400, { done: false, short: false, message: (await apiError(res)).message })
    // The API closed every session of the account: this browser logs in again too.
    closeSession(cookies)
    return { done: true, short: false, message: null }
  }
}
