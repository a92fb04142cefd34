import { createHash, randomBytes } from "node:crypto"
import { apiPublicUrl } from "#lib/server/config.ts"
import { OIDC_NONCE_COOKIE, OIDC_NONCE_PATH } from "#lib/server/session.ts"
import type { RequestHandler } from "./$types"

/**
 * Starts the SPID/CIE login at the API, which sends the browser on to the identity provider. The login is
 * bound to this browser: a random nonce stays here in a cookie, its hash goes with the login, and the code
 * the login comes back with works only together with the nonce (so a code sent to someone else's browser
 * logs nobody in). A plain response: SvelteKit's `redirect` refuses other origins.
 */
export const GET: RequestHandler = ({ cookies, url }) => {
  const nonce = randomBytes(32).toString("base64url")
  cookies.set(OIDC_NONCE_COOKIE, nonce, { path: OIDC_NONCE_PATH, httpOnly: true, sameSite: "lax", secure: url.protocol === "https:", maxAge: 10 * 60 })
  const binding = createHash("sha256").update(nonce).digest("base64url")
  return new Response(null, { status: 303, headers: { location: `${apiPublicUrl}/api/v1/auth/oidc/start?binding=${binding}` } })
}
