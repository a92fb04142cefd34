/**
 * Request validation with the domain's Schemas through Standard Schema: one 400 body everywhere,
 * `{ _tag: "ValidationError", message, issues: [{ path, message }] }`, every issue reported.
 */
import { sValidator } from "@hono/standard-validator"
import { Result, Schema, SchemaIssue } from "effect"
import type { ValidationTargets } from "hono"
import { ValidationError } from "../services/errors.ts"

type Target = keyof ValidationTargets

/** A Hono validator for `target` ("json", "query", "param", "form", …) from an Effect Schema. */
export const validate = <T extends Target, S extends Schema.ConstraintDecoder<unknown>>(target: T, schema: S) =>
  sValidator(target, Schema.toStandardSchemaV1(schema, { parseOptions: { errors: "all" } }), (result, c) => {
    if (!result.success) {
      const issues = result.error.map((issue) => ({
        path: (issue.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)).join("."),
        message: issue.message
      }))
      return c.json(
        {
          _tag: "ValidationError" as const,
          message: `Dati non validi: ${issues.map((i) => `${i.path || "(corpo)"}: ${i.message}`).join("; ")} (invalid input)`,
          issues
        },
        400
      )
    }
    return undefined
  })

/** Decodes `input` with `schema`, reporting every issue as a `ValidationError` (for bodies assembled by the handler). */
export const decode = <S extends Schema.ConstraintDecoder<unknown>>(schema: S, input: unknown): Result.Result<S["Type"], ValidationError> => {
  const result = Schema.decodeUnknownResult(schema as never)(input, { errors: "all" }) as Result.Result<S["Type"], Schema.SchemaError>
  if (Result.isSuccess(result)) return Result.succeed(result.success)
  const { issues } = SchemaIssue.makeFormatterStandardSchemaV1()(result.failure.issue)
  const list = issues.map((i) => ({ path: (i.path ?? []).map((p) => String(typeof p === "object" && p !== null && "key" in p ? p.key : p)).join("."), message: i.message }))
  return Result.fail(
    new ValidationError({
      message: `Dati non validi: ${list.map((i) => `${i.path || "(corpo)"}: ${i.message}`).join("; ")} (invalid input)`,
      issues: list
    })
  )
}
