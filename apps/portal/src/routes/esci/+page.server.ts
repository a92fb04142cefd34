import { redirect } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { closeSession } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = () => redirect(303, "/")

export const actions: Actions = {
  default: async ({ locals, fetch, cookies }) => {
    if (locals.token !== undefined) await reach(() => api(fetch, locals.token).api.v1.auth.logout.$post())
    closeSession(cookies)
    redirect(303, "/")
  }
}
