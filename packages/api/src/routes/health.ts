/** Liveness and readiness: the process answers and its database too. */
import { Effect } from "effect"
import { sql } from "kysely"
import { Hono } from "hono"
import type { AppEnv } from "../http/env.ts"
import { Database } from "../services/Database.ts"

export const health = new Hono<AppEnv>().get("/", async (c) => {
  const result = await c.get("run")(
    Database.use(({ kysely, engine }) =>
      Effect.tryPromise(() => sql`SELECT 1 AS ok`.execute(kysely)).pipe(Effect.as({ status: "ok" as const, database: engine }))
    )
  )
  if (result._tag === "Success") return c.json(result.success, 200)
  return c.json({ _tag: "Unavailable", message: "Database non raggiungibile (database unreachable)" }, 503)
})
