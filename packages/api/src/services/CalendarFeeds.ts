/**
 * Secret calendar addresses: a calendar app (Google, Apple, Outlook) subscribes to a URL and cannot log in,
 * so the URL carries a random token, as their own "secret address" does. Only its SHA-256 is stored; a new
 * address replaces the old one, and the family can revoke it.
 */
import { Context, Effect, Layer } from "effect"
import { newToken, tokenId } from "./Accounts.ts"
import { Clock } from "./Clock.ts"
import { Database } from "./Database.ts"

/** A token as it appears in URLs: 43 base64url characters. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/

export class CalendarFeeds extends Context.Service<
  CalendarFeeds,
  {
    /** Issues the account's secret address token, replacing any earlier one (shown once). */
    issue(accountId: string): Effect.Effect<string>
    /** Revokes the account's address. */
    revoke(accountId: string): Effect.Effect<void>
    /** The account a token opens, if any. */
    accountOf(token: string): Effect.Effect<string | undefined>
  }
>()("smartfam/CalendarFeeds") {
  static readonly layerSql = Layer.effect(
    CalendarFeeds,
    Effect.gen(function* () {
      const { kysely } = yield* Database
      const clock = yield* Clock
      return CalendarFeeds.of({
        issue: (accountId) =>
          Effect.gen(function* () {
            const now = yield* clock.now
            const token = newToken()
            const row = { account_id: accountId, token_hash: tokenId(token), created_at: now.toISOString() }
            yield* Effect.promise(() =>
              kysely
                .insertInto("calendar_feeds")
                .values(row)
                .onConflict((oc) => oc.column("account_id").doUpdateSet({ token_hash: row.token_hash, created_at: row.created_at }))
                .execute()
            )
            return token
          }),
        revoke: (accountId) => Effect.promise(() => kysely.deleteFrom("calendar_feeds").where("account_id", "=", accountId).execute()).pipe(Effect.asVoid),
        accountOf: (token) =>
          FEED_TOKEN.test(token)
            ? Effect.promise(() => kysely.selectFrom("calendar_feeds").select("account_id").where("token_hash", "=", tokenId(token)).executeTakeFirst()).pipe(
                Effect.map((r) => r?.account_id)
              )
            : Effect.succeed(undefined)
      })
    })
  )
}
