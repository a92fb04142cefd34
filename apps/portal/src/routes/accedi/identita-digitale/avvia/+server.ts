import { apiPublicUrl } from "#lib/server/config.ts"
import type { RequestHandler } from "./$types"

/**
 * Starts the SPID/CIE login at the API, which sends the browser on to the identity provider. A plain
 * response: SvelteKit's `redirect` refuses other origins.
 */
export const GET: RequestHandler = () => new Response(null, { status: 303, headers: { location: `${apiPublicUrl}/api/v1/auth/oidc/start` } })
