/** The API's typed client, bound to SvelteKit's `fetch` of the current request. Server-only. */
import { makeClient } from "@smartfam/api/client"
import { error } from "@sveltejs/kit"
import { apiUrl } from "./config.ts"

export const api = (fetch: typeof globalThis.fetch) => makeClient(apiUrl, fetch)

/** Calls the API; an API that cannot be reached becomes a 503 page, not an unexpected 500. */
export const reach = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call()
  } catch (cause) {
    console.error(JSON.stringify({ level: "warn", msg: "API unreachable", apiUrl, error: String(cause) }))
    error(503, "Il servizio non è al momento disponibile: riprova tra poco (service unavailable)")
  }
}
