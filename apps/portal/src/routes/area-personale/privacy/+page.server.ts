import { fail } from "@sveltejs/kit"
import { api, apiError, reach } from "#lib/server/api.ts"
import { closeSession, requireToken } from "#lib/server/session.ts"
import type { Actions, PageServerLoad } from "./$types"

export const load: PageServerLoad = (event) => {
  if (event.url.searchParams.get("cancellato") === "1" && event.locals.token === undefined) return { erased: true }
  requireToken(event)
  return { erased: false }
}

export const actions: Actions = {
  /** Erases the account and everything about the family (asks for an explicit confirmation first). */
  erase: async (event) => {
    const token = requireToken(event)
    const form = await event.request.formData()
    if (form.get("confirm") !== "on") return fail(400, { unconfirmed: true, message: null })
    const res = await reach(() => api(event.fetch, token).api.v1.me.$delete())
    if (!res.ok) return fail(res.status === 401 ? 401 : 409, { unconfirmed: false, message: (await apiError(res)).message })
    closeSession(event.cookies)
    event.locals.token = undefined
    return { erasedNow: true }
  }
}
