/** Expected failures of the API's services: tagged, serialisable, with Italian text first. */
import { Schema } from "effect"

export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  resource: Schema.String,
  id: Schema.String
}) {
  override get message() {
    return `Risorsa non trovata: ${this.resource} ${this.id} (not found)`
  }
}

/** The request has a bad shape: `issues` lists each field path and what is wrong. */
export class ValidationError extends Schema.TaggedError<ValidationError>()("ValidationError", {
  message: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {}

/** Not logged in, or the credentials/token are wrong. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {
  message: Schema.String
}) {}

/** Logged in, but not allowed to do this. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {
  message: Schema.String
}) {}

/** The request conflicts with the current state (email taken, idempotency key reused for another request). */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", {
  message: Schema.String,
  code: Schema.String
}) {}

/** A rule of the domain said no; `code` is the rule's machine code. */
export class RuleViolation extends Schema.TaggedError<RuleViolation>()("RuleViolation", {
  message: Schema.String,
  code: Schema.String,
  /** Every reason, in Italian, when the rule gives several (eligibility). */
  reasons: Schema.optionalKey(Schema.Array(Schema.String))
}) {}

/** The request is malformed in a way no schema describes (not JSON, wrong content type). */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  message: Schema.String
}) {}

/** Too many attempts of one kind in a window (login, reset emails): try again after `retryAfterSeconds`. */
export class TooManyRequests extends Schema.TaggedError<TooManyRequests>()("TooManyRequests", {
  message: Schema.String,
  retryAfterSeconds: Schema.Number
}) {}
