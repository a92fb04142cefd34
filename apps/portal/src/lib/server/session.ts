/**
 * The portal's session. The API sets its cookie on its own origin, which is not the portal's: at login the
 * portal's server reads the token from the API's `Set-Cookie` and keeps it in a cookie of its own
 * (HttpOnly, SameSite=Lax), then sends it to the API as `Authorization: Bearer` on every call.
 */
import { redirect, type Cookies, type RequestEvent } from "@sveltejs/kit"

export const SESSION_COOKIE = "smartfam_portal"
/** The nonce a SPID/CIE login is bound to, kept in the browser that started it (see /accedi/identita-digitale). */
export const OIDC_NONCE_COOKIE = "smartfam_oidc_nonce"
export const OIDC_NONCE_PATH = "/accedi/identita-digitale"

/** The token in an API `Set-Cookie` header list, if the API opened a session. */
export const tokenFrom = (headers: Headers): string | undefined => {
  for (const line of headers.getSetCookie()) {
    const match = /^smartfam_session=([^;]+)/.exec(line)
    if (match?.[1] !== undefined && match[1] !== "") return match[1]
  }
  return undefined
}

/**
 * Keeps the token for 30 days. The API's own expiry is not copied: it is an instant on the API's clock
 * (the demo runs in 2023); when the API ends the session first, the next page sees a 401 and forgets it.
 */
export const openSession = (cookies: Cookies, url: URL, token: string) =>
  cookies.set(SESSION_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", secure: url.protocol === "https:", maxAge: 60 * 60 * 24 * 30 })

export const closeSession = (cookies: Cookies) => cookies.delete(SESSION_COOKIE, { path: "/" })

/** The token of a logged-in family, or a redirect to the login page that comes back here. */
export const requireToken = (event: Pick<RequestEvent, "locals" | "url">): string => {
  const token = event.locals.token
  if (token === undefined) redirect(303, `/accedi?next=${encodeURIComponent(event.url.pathname + event.url.search)}`)
  return token
}

/** A same-site path to go back to after logging in (never another origin). */
export const safeNext = (next: string | null | undefined): string =>
  next !== null && next !== undefined && next.startsWith("/") && !next.startsWith("//") ? next : "/area-personale"
