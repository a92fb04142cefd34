import { fail } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import type { Actions, PageServerLoad } from "./$types"

/** The link in the email opens this page; the button confirms (a GET must not change anything: mail scanners open links). */
export const load: PageServerLoad = ({ url }) => ({ token: (url.searchParams.get("token") ?? "").slice(0, 200) })

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const token = String((await request.formData()).get("token") ?? "")
    if (token === "") return fail(400, { verified: false, message: null })
    const res = await reach(() => api(fetch).api.v1.auth["verify-email"].$post({ json: { token } }))
    if (!res.ok) return fail(400, { verified: false, message: (await apiError(res)).message })
    return { verified: true, message: null }
  }
}
