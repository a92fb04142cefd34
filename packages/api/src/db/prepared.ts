/**
 * Queries compiled once. Kysely builds SQL from a tree on every call, which costs more than running a
 * point lookup; the few queries every request runs (session, household) are compiled at start and only
 * bind new parameters per call, on either engine.
 */
import type { Compilable, CompiledQuery, Kysely, Transaction } from "kysely"
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

/**
 * Queries whose SQL depends only on the lengths of their lists (`IN (…)`, multi-row inserts), compiled
 * once per shape: `shape(input)` names the shape, `parameters(input)` lists what the SQL binds, in its
 * order. Kysely's own compilation is checked against `parameters` the first time each shape runs, so a
 * mismatch fails at once, not with wrong rows. Kept per dialect. A booking batch runs four such queries: compiling them
 * each time cost more than running them.
 */
export const preparedShapes = <Input, Row>(
  build: (db: Kysely<Database> | Transaction<Database>, input: Input) => Compilable<Row>,
  shape: (input: Input) => string,
  parameters: (input: Input) => ReadonlyArray<unknown>
): ((db: Kysely<Database> | Transaction<Database>, input: Input) => Promise<ReadonlyArray<Row>>) => {
  // Per dialect (the SQL text differs between engines): a transaction shares its database's adapter.
  const byDialect = new WeakMap<object, Map<string, CompiledQuery<Row>>>()
  return async (db, input) => {
    const adapter = db.getExecutor().adapter
    let shapes = byDialect.get(adapter)
    if (shapes === undefined) byDialect.set(adapter, (shapes = new Map()))
    const key = shape(input)
    const values = parameters(input)
    let compiled = shapes.get(key)
    if (compiled === undefined) {
      compiled = build(db, input).compile()
      if (compiled.parameters.length !== values.length || compiled.parameters.some((p, i) => p !== values[i])) {
        throw new Error(`preparedShapes: parameters ${JSON.stringify(compiled.parameters)} do not match ${JSON.stringify(values)} in ${compiled.sql}`)
      }
      if (shapes.size >= 1_000) shapes.clear()
      shapes.set(key, compiled)
    }
    return (await db.executeQuery<Row>({ ...compiled, parameters: values })).rows
  }
}
