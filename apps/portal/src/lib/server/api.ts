/** The API's typed client, bound to SvelteKit's `fetch` of the current request. Server-only. */
import { createHash } from "node:crypto"
import { makeClient } from "@smartfam/api/client"
import { error } from "@sveltejs/kit"
import { apiUrl } from "./config.ts"

/** A client bound to the API; with a session token every call carries `Authorization: Bearer`. */
export const api = (fetch: typeof globalThis.fetch, token?: string) =>
  makeClient(
    apiUrl,
    token === undefined
      ? fetch
      : (input, init) => {
          const headers = new Headers(init?.headers)
          headers.set("authorization", `Bearer ${token}`)
          return fetch(input, { ...init, headers })
        }
  )

/** Calls the API; an API that cannot be reached becomes a 503 page, not an unexpected 500. */
export const reach = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call()
  } catch (cause) {
    console.error(JSON.stringify({ level: "warn", msg: "API unreachable", apiUrl, error: String(cause) }))
    error(503, "Il servizio non è al momento disponibile: riprova tra poco (service unavailable)")
  }
}

/** The body of an API error: `{ _tag, message, issues?, code?, reasons? }`. */
export interface ApiError {
  readonly _tag: string
  readonly message: string
  readonly issues?: ReadonlyArray<{ path: string; message: string }>
  readonly code?: string
  readonly reasons?: ReadonlyArray<string>
}

/** Reads an error response (whatever its shape) as an `ApiError`. */
export const apiError = async (res: Response): Promise<ApiError> => {
  const body: unknown = await res.json().catch(() => undefined)
  if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") return body as ApiError
  return { _tag: "Unknown", message: `Errore ${res.status}` }
}

/** A fresh key for the forms of one rendered page (the `Idempotency-Key` base of its submissions). */
export const formKey = (): string => crypto.randomUUID()

/**
 * The `Idempotency-Key` of one submission: the page's form key and a digest of what is sent. The same
 * form sent twice (a double click, a retry after a dropped connection) replays the first answer; a
 * corrected form gets a key of its own.
 */
export const idempotencyKey = (formKeyValue: FormDataEntryValue | null, ...parts: ReadonlyArray<unknown>): string => {
  const base = typeof formKeyValue === "string" && /^[A-Za-z0-9-]{8,64}$/.test(formKeyValue) ? formKeyValue : crypto.randomUUID()
  const digest = createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 22)
  return `${base}.${digest}`
}
