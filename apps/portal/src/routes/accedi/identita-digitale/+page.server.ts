import { redirect } from "@sveltejs/kit"
import { api, reach } from "#lib/server/api.ts"
import { OIDC_NONCE_COOKIE, OIDC_NONCE_PATH, openSession, tokenFrom } from "#lib/server/session.ts"
import type { PageServerLoad } from "./$types"

/** Why a SPID/CIE login came back without a session (the API's `errore`, or a code that did not work). */
export type DigitalLoginError = "oidc-no-email" | "oidc-email-taken" | "oidc-failed" | "expired"

/**
 * Where a SPID/CIE login lands: the API sends the browser here with a one-time `code` (2 minutes, single
 * use), which this server exchanges, with the nonce this browser kept since `/avvia`, for a session of its
 * own; or with `errore`, which the page explains.
 */
export const load: PageServerLoad = async ({ url, fetch, cookies, locals }) => {
  const code = url.searchParams.get("code")
  const nonce = cookies.get(OIDC_NONCE_COOKIE)
  cookies.delete(OIDC_NONCE_COOKIE, { path: OIDC_NONCE_PATH })
  if (code !== null && code !== "") {
    if (nonce === undefined) return { error: "expired" as DigitalLoginError }
    const res = await reach(() => api(fetch).api.v1.auth.oidc.exchange.$post({ json: { token: code, nonce } }))
    const token = res.ok ? tokenFrom(res.headers) : undefined
    if (token !== undefined) {
      // Someone else logged in on this browser before: that session ends here.
      if (locals.token !== undefined) await reach(() => api(fetch, locals.token).api.v1.auth.logout.$post())
      openSession(cookies, url, token)
      redirect(303, "/area-personale")
    }
    return { error: "expired" as DigitalLoginError }
  }
  const error = url.searchParams.get("errore")
  return { error: (error === "oidc-no-email" || error === "oidc-email-taken" ? error : "oidc-failed") as DigitalLoginError }
}
