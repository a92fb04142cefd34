/**
 * OpenAPI 3.1 built from the same Effect Schemas the routes validate with: each route module lists its
 * operations next to its handlers, and this file turns them into one document served at /api/openapi.json.
 */
import { JsonSchema, Schema } from "effect"

type AnySchema = Schema.Top

export interface Operation {
  readonly method: "get" | "post" | "put" | "patch" | "delete"
  /** OpenAPI path, with `{param}` placeholders. */
  readonly path: string
  readonly operationId: string
  readonly summary: string
  readonly tags: ReadonlyArray<string>
  /** Requires a session cookie. */
  readonly auth?: boolean
  readonly pathParams?: ReadonlyArray<string>
  /** A Struct whose fields become query parameters. */
  readonly query?: Schema.Struct<Schema.Struct.Fields>
  readonly body?: AnySchema
  /** Accepts an `Idempotency-Key` header. */
  readonly idempotent?: boolean
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: AnySchema; readonly contentType?: string }>>
}

/** The body of every non-2xx response. */
export const ErrorBody = Schema.Struct({
  _tag: Schema.String,
  message: Schema.String
}).annotate({ identifier: "Error", description: "Every non-2xx body: { _tag, message, ...safe fields }" })

/** The responses every operation may give besides its own. */
export const errors = (...statuses: ReadonlyArray<number>) =>
  Object.fromEntries(statuses.map((s) => [s, { description: describeStatus(s), schema: ErrorBody }]))

const describeStatus = (s: number): string =>
  ({ 400: "Bad input", 401: "Login required", 403: "Forbidden", 404: "Not found", 409: "Conflict", 413: "Payload too large", 422: "A rule said no", 429: "Too many attempts: retry after the Retry-After seconds", 503: "Unavailable" })[s] ?? "Error"

/** Builds the OpenAPI 3.1 document. */
export const document = (operations: ReadonlyArray<Operation>, info: { title: string; version: string }) => {
  const schemas: Array<AnySchema> = []
  const indexOf = (s: AnySchema) => {
    const i = schemas.indexOf(s)
    if (i >= 0) return i
    schemas.push(s)
    return schemas.length - 1
  }
  const plan = operations.map((op) => ({
    op,
    body: op.body === undefined ? undefined : indexOf(op.body),
    query: op.query === undefined ? [] : Object.entries(op.query.fields).map(([name, s]) => ({ name, i: indexOf(s as AnySchema), optional: isOptional(s) })),
    responses: Object.entries(op.responses).map(([status, r]) => ({ status, r, i: r.schema === undefined ? undefined : indexOf(r.schema) }))
  }))
  const docs = schemas.map((s) => Schema.toJsonSchemaDocument(s as never))
  const multi = JsonSchema.toMultiDocumentOpenApi3_1({
    dialect: "draft-2020-12",
    schemas: docs.map((d) => d.schema),
    definitions: Object.assign({}, ...docs.map((d) => d.definitions))
  } as never) as { schemas: ReadonlyArray<unknown>; definitions: Record<string, unknown> }
  const at = (i: number) => multi.schemas[i]

  const paths: Record<string, Record<string, unknown>> = {}
  for (const { op, body, query, responses } of plan) {
    const parameters = [
      ...(op.pathParams ?? []).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...query.map((q) => ({ name: q.name, in: "query", required: !q.optional, schema: at(q.i) })),
      ...(op.idempotent ? [{ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", pattern: "^[A-Za-z0-9_.:-]{8,128}$" } }] : [])
    ]
    paths[op.path] ??= {}
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: op.tags,
      ...(op.auth ? { security: [{ session: [] }] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body === undefined ? {} : { requestBody: { required: true, content: { "application/json": { schema: at(body) } } } }),
      responses: Object.fromEntries(
        responses.map(({ status, r, i }) => [
          status,
          { description: r.description, ...(i === undefined ? {} : { content: { [r.contentType ?? "application/json"]: { schema: at(i) } } }) }
        ])
      )
    }
  }
  return {
    openapi: "3.1.0",
    info: { ...info, description: "Smartfam API: the platform of a Lombardy work-life balance network. Errors: { _tag, message }." },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: multi.definitions,
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "smartfam_session" } }
    }
  }
}

const isOptional = (s: unknown): boolean => {
  const ast = (s as { ast?: { context?: { isOptional?: boolean } } }).ast
  return ast?.context?.isOptional === true
}
