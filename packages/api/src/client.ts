/**
 * The typed client for the apps (`@smartfam/api/client`). Server code passes its own `fetch`
 * (SvelteKit's `event.fetch`); browsers never hold it.
 */
import { hc } from "hono/client"
import type { AppType } from "./app.ts"

export type { AppType }

/** A client bound to the API at `baseUrl`. */
export const makeClient = (baseUrl: string, fetchImpl: typeof fetch = fetch) => hc<AppType>(baseUrl, { fetch: fetchImpl })

export type Client = ReturnType<typeof makeClient>
