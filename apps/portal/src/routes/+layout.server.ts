import { catalogue } from "#lib/i18n.ts"
import { api, reach } from "#lib/server/api.ts"
import { closeSession } from "#lib/server/session.ts"
import type { LayoutServerLoad } from "./$types"

/** Language, its messages (only the chosen language reaches the browser) and who is logged in. */
export const load: LayoutServerLoad = async ({ locals, fetch, cookies }) => {
  let account: { email: string; displayName: string | null; emailVerified: boolean; role: string } | null = null
  if (locals.token !== undefined) {
    const res = await reach(() => api(fetch, locals.token).api.v1.auth.me.$get())
    if (res.ok) {
      const me = await res.json()
      account = { email: me.email, displayName: me.displayName, emailVerified: me.emailVerified, role: me.role }
    } else if ((res.status as number) === 401) {
      // The API closed the session (logout elsewhere, password reset, expiry): forget it here too.
      closeSession(cookies)
      locals.token = undefined
    }
  }
  return { lang: locals.lang, m: catalogue[locals.lang], account }
}
