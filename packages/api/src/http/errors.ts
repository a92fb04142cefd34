/**
 * The one map from failures to HTTP. Every non-2xx body is `{ _tag, message, ...safe fields }`.
 * 400 bad shape, 401, 403, 404, 409 conflict, 422 rule broken, 429 too many attempts (with Retry-After),
 * 500 defect (logged, never detailed).
 */
import type { Context } from "hono"
import type { ClientErrorStatusCode, ServerErrorStatusCode } from "hono/utils/http-status"

/** The statuses an error can have: never a 2xx, so typed clients can narrow on `res.ok`. */
export type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode

/** A failure the API expects and reports to the caller. */
export interface ExpectedError {
  readonly _tag: string
  readonly message: string
}

const statusByTag: Record<string, ErrorStatus> = {
  BadRequest: 400,
  ValidationError: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Conflict: 409,
  PayloadTooLarge: 413,
  RuleViolation: 422,
  TooManyRequests: 429
}

/** The HTTP status for an expected error's tag (422 when a rule of the domain said no). */
export const statusOf = (tag: string): ErrorStatus => statusByTag[tag] ?? 422

/** The body of an expected error: its own serialisable fields, never a stack or a cause. */
export const bodyOf = (error: ExpectedError): Record<string, unknown> => {
  const body: Record<string, unknown> = { _tag: error._tag, message: error.message }
  for (const [key, value] of Object.entries(error)) {
    if (key === "stack" || key === "cause" || key === "name") continue
    if (value === null || ["string", "number", "boolean"].includes(typeof value) || Array.isArray(value)) body[key] = value
  }
  return body
}

/** Replies with an expected error. */
export const problem = (c: Context, error: ExpectedError) => {
  const retry = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds
  if (typeof retry === "number") c.header("retry-after", String(retry))
  return c.json(bodyOf(error) as { _tag: string; message: string }, statusOf(error._tag))
}
