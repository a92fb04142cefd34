/** What every route can reach through `c.get(…)` (not `c.var`, which copies every variable on each access): the request id, a runner for the services, the account. */
import type { Effect, Result } from "effect"
import type { RequestIdVariables } from "hono/request-id"
import type { AppServices } from "../runtime.ts"
import type { Account } from "../services/Accounts.ts"

/** Runs an effect on the app's runtime: expected failures come back as a Result, defects throw to `onError`. */
export type Run = <A, E>(effect: Effect.Effect<A, E, AppServices>) => Promise<Result.Result<A, E>>

export interface AppEnv {
  Variables: RequestIdVariables & {
    run: Run
    /** The logged-in account, when the request carries a live session. */
    account?: Account
  }
}
