/**
 * Attempts counted per subject in fixed windows, in the database so that every API process counts the
 * same attempts: login tries per email (online password guessing) and per client address (credential
 * stuffing), reset emails per address (mail bombing), new verification links per account. Subjects are stored as SHA-256 hashes, never as emails.
 */
import { createHash } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { Database } from "./Database.ts"
import { TooManyRequests } from "./errors.ts"

/** At most `limit` attempts per `windowSeconds`. */
export interface Rule {
  readonly name: string
  readonly limit: number
  readonly windowSeconds: number
}

export const rules = {
  login: { name: "login", limit: 10, windowSeconds: 15 * 60 },
  /**
   * Failed logins from one address, whatever the email (credential stuffing across many accounts). Only
   * failures count, and generously: the families of one employer may share an office's address, and a
   * portal behind a proxy that does not pass the visitor's address on would share one for everybody.
   */
  loginAddress: { name: "login-address", limit: 100, windowSeconds: 15 * 60 },
  resetEmail: { name: "reset-email", limit: 3, windowSeconds: 60 * 60 },
  verificationEmail: { name: "verification-email", limit: 3, windowSeconds: 60 * 60 }
} as const satisfies Record<string, Rule>

export class RateLimits extends Context.Service<
  RateLimits,
  {
    /** Counts one attempt of `subject` under `rule`; fails once the window's limit is passed. */
    hit(rule: Rule, subject: string, now: Date): Effect.Effect<void, TooManyRequests>
    /** Fails when `subject` has used up `rule`'s limit in this window, without counting (for rules that count only failures). */
    check(rule: Rule, subject: string, now: Date): Effect.Effect<void, TooManyRequests>
    /** Forgets windows that started before `before` (housekeeping, with `before` a day ago). */
    purge(before: Date): Effect.Effect<number>
  }
>()("smartfam/RateLimits") {
  static readonly layerSql = Layer.effect(
    RateLimits,
    Effect.gen(function* () {
      const { kysely } = yield* Database
      const windowOf = (rule: Rule, subject: string, now: Date) => {
        const windowMs = rule.windowSeconds * 1000
        const start = Math.floor(now.getTime() / windowMs) * windowMs
        return { start, windowStart: new Date(start).toISOString(), end: start + windowMs, key: createHash("sha256").update(`${rule.name}\n${subject}`).digest("base64url") }
      }
      const tooMany = (end: number, now: Date) => {
        const retryAfterSeconds = Math.max(1, Math.ceil((end - now.getTime()) / 1000))
        return new TooManyRequests({
          message: `Troppi tentativi: riprova tra ${Math.ceil(retryAfterSeconds / 60)} minuti (too many attempts, retry later)`,
          retryAfterSeconds
        })
      }
      return RateLimits.of({
        hit: (rule, subject, now) =>
          Effect.gen(function* () {
            const w = windowOf(rule, subject, now)
            const row = yield* Effect.promise(() =>
              kysely
                .insertInto("rate_limits")
                .values({ key: w.key, window_start: w.windowStart, count: 1 })
                .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet((eb) => ({ count: eb("rate_limits.count", "+", 1) })))
                .returning("count")
                .executeTakeFirstOrThrow()
            )
            if (row.count <= rule.limit) return
            return yield* tooMany(w.end, now)
          }),
        check: (rule, subject, now) =>
          Effect.gen(function* () {
            const w = windowOf(rule, subject, now)
            const row = yield* Effect.promise(() =>
              kysely.selectFrom("rate_limits").select("count").where("key", "=", w.key).where("window_start", "=", w.windowStart).executeTakeFirst()
            )
            if (row === undefined || row.count < rule.limit) return
            return yield* tooMany(w.end, now)
          }),
        purge: (before) =>
          Effect.promise(() =>
            kysely
              .deleteFrom("rate_limits")
              .where("window_start", "<", before.toISOString())
              .executeTakeFirst()
          ).pipe(Effect.map((r) => Number(r.numDeletedRows)))
      })
    })
  )
}
