/**
 * Queries compiled once. Kysely builds SQL from a tree on every call, which costs more than running a
 * point lookup; the few queries every request runs (session, household) are compiled at start and only
 * bind new parameters per call, on either engine.
 */
import type { Compilable, Kysely } from "kysely"
import type { Database } from "./schema.ts"

/**
 * Compiles `build(kysely, ...sample)` and returns a function that runs it with other arguments. The
 * arguments must be the query's parameters in the order the SQL binds them: checked here against `sample`
 * (give distinct values), so a mismatch fails at start, not with wrong rows.
 */
export const prepared = <Args extends ReadonlyArray<string | number>, Row>(
  kysely: Kysely<Database>,
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
  ...sample: NoInfer<Args>
): ((...args: Args) => Promise<ReadonlyArray<Row>>) => {
  const compiled = build(kysely, ...sample).compile()
  if (compiled.parameters.length !== sample.length || compiled.parameters.some((p, i) => p !== sample[i])) {
    throw new Error(`prepared: parameters ${JSON.stringify(compiled.parameters)} do not match the arguments ${JSON.stringify(sample)} in ${compiled.sql}`)
  }
  return (...args) => kysely.executeQuery<Row>({ ...compiled, parameters: args }).then((r) => r.rows)
}
