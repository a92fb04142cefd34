import { fail } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import type { Actions } from "./$types"

export const actions: Actions = {
  default: async ({ request, fetch }) => {
    const email = String((await request.formData()).get("email") ?? "").trim()
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return fail(400, { email, invalid: true, sent: false })
    await reach(() => api(fetch).api.v1.auth["password-reset"].request.$post({ json: { email } }))
    // Same answer whether the address is registered or not: the page reveals no accounts.
    return { email, invalid: false, sent: true }
  }
}
