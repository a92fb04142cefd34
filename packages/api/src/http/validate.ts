/**
 * Request validation with the domain's Schemas through Standard Schema: one 400 body everywhere,
 * `{ _tag: "ValidationError", message, issues: [{ path, message }] }`, every issue reported.
 */
import { sValidator } from "@hono/standard-validator"
import { Result, Schema, SchemaIssue } from "effect"
import type { Context, Next, ValidationTargets } from "hono"
import { ValidationError } from "../services/errors.ts"
import { bodyText, headerOf } from "./edge.ts"
import type { AppEnv } from "./env.ts"

type Target = keyof ValidationTargets

interface StandardIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** Standard Schema issues as one `ValidationError`: dotted field paths, Italian summary first. */
const toValidationError = (standard: ReadonlyArray<StandardIssue>): ValidationError => {
  const issues = standard.map((i) => ({
    path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)).join("."),
    message: i.message
  }))
  return new ValidationError({
    message: `Dati non validi: ${issues.map((i) => `${i.path || "(corpo)"}: ${i.message}`).join("; ")} (invalid input)`,
    issues
  })
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i

/**
 * The JSON body validator: what Hono's validator does (a body that is not declared JSON is `{}`; malformed
 * JSON is a 400), reading the body and its content type from Node directly when served by Node (see
 * `bodyText`), and decoding with the Schema without the Standard Schema round trip.
 */
const jsonBody = <S extends Schema.ConstraintDecoder<unknown>>(schema: S) =>
  async (c: Context<AppEnv>, next: Next) => {
    const mediaType = (headerOf(c, "content-type") ?? "").split(";")[0]!.trim()
    let value: unknown = {}
    if (JSON_TYPE.test(mediaType)) {
      try {
        value = JSON.parse(await bodyText(c))
      } catch {
        return c.json({ _tag: "BadRequest", message: "Richiesta non valida: JSON malformato nel corpo (malformed JSON in request body)" }, 400)
      }
    }
    const result = decode(schema, value)
    if (Result.isFailure(result)) return c.json({ _tag: "ValidationError" as const, message: result.failure.message, issues: result.failure.issues }, 400)
    c.req.addValidatedData("json", result.success as object)
    return next()
  }

/** A Hono validator for `target` ("json", "query", "param", "form", …) from an Effect Schema. */
export const validate = <T extends Target, S extends Schema.ConstraintDecoder<unknown>>(target: T, schema: S) => {
  const standard = sValidator(target, Schema.toStandardSchemaV1(schema, { parseOptions: { errors: "all" } }), (result, c) => {
    if (result.success) return undefined
    const error = toValidationError(result.error)
    return c.json({ _tag: "ValidationError" as const, message: error.message, issues: error.issues }, 400)
  })
  // Same contract and types as the standard validator (the typed client reads them), a faster body path.
  return target === "json" ? (jsonBody(schema) as unknown as typeof standard) : standard
}

/** Decodes `input` with `schema`, reporting every issue as a `ValidationError` (for bodies assembled by the handler). */
export const decode = <S extends Schema.ConstraintDecoder<unknown>>(schema: S, input: unknown): Result.Result<S["Type"], ValidationError> => {
  const result = Schema.decodeUnknownResult(schema as never)(input, { errors: "all" }) as Result.Result<S["Type"], Schema.SchemaError>
  if (Result.isSuccess(result)) return Result.succeed(result.success)
  return Result.fail(toValidationError(SchemaIssue.makeFormatterStandardSchemaV1()(result.failure.issue).issues))
}
