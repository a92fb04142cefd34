/** Households, one per family account, stored as the domain's encoded `Household`. */
import { randomUUID } from "node:crypto"
import { Household } from "@smartfam/domain"
import { Context, Effect, Layer, Schema } from "effect"
import { LRUCache } from "lru-cache"
import { prepared } from "../db/prepared.ts"
import { rowCache } from "../db/rowCache.ts"
import { Clock } from "./Clock.ts"
import { Database } from "./Database.ts"
import { Forbidden, NotFound } from "./errors.ts"

/**
 * A stored household, read back. Households are decoded with every check when they are written (the
 * route validates the body; `save` takes a decoded value); reading checks their structure and types again
 * but not the checks they passed (`disableChecks`: every codice fiscale, date and range), which made a
 * family's first request after start ~3× slower.
 */
const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Household.Household), { disableChecks: true })
const encode = Schema.encodeSync(Schema.fromJsonString(Household.Household))

export class Households extends Context.Service<
  Households,
  {
    /** The household of an account. */
    ofAccount(accountId: string): Effect.Effect<Household.Household, NotFound>
    /** The id the account's household has or will have (stable once created). */
    idFor(accountId: string): Effect.Effect<string>
    /** Creates or replaces the account's household. */
    save(accountId: string, household: Household.Household): Effect.Effect<void>
  }
>()("smartfam/Households") {
  static readonly layerSql = Layer.effect(
    Households,
    Effect.gen(function* () {
      const db = yield* Database
      const { kysely } = db
      const clock = yield* Clock
      // Keep the last decoded value per account and decode again only when the stored text changed (any
      // process may have written it).
      // Sized for a network's families: a smaller cache that cycles (every family booking in turn) decodes
      // on nearly every request.
      const decoded = new LRUCache<string, { data: string; household: Household.Household }>({ max: 50_000 })
      // Decoded values outlive the rows' cache (they are used only while the stored text is the same), but
      // not a change this process made outside this service: erasure forgets them at once.
      db.changes.subscribe((elsewhere) => {
        if (!elsewhere) decoded.clear()
      })
      const decodeFor = (accountId: string, data: string) => {
        const hit = decoded.get(accountId)
        if (hit !== undefined && hit.data === data) return hit.household
        const household = decode(data)
        decoded.set(accountId, { data, household })
        return household
      }
      // The row of each account, kept as db/rowCache.ts says (a family's every request reads it). A save
      // here replaces it at once; erasure forgets it; one by another process shows within POLL_MS on SQLite
      // and within the second on PostgreSQL.
      const byAccount = prepared(kysely, (k, accountId: string) => k.selectFrom("households").select(["id", "data"]).where("account_id", "=", accountId), "?")
      const rows = rowCache<{ id: string; data: string } | "none">(db, { max: 50_000, ttlMs: 1_000, forget: { household: "key" } })
      // A kept row answers without going through a promise.
      const row = (accountId: string) =>
        Effect.suspend(() => {
          const kept = rows.get(accountId)
          return kept !== undefined ? Effect.succeed(kept) : Effect.promise(() => rows.read(accountId, async () => (await byAccount(accountId))[0] ?? "none"))
        }).pipe(Effect.map((r) => (r === "none" || r === undefined ? undefined : r)))
      return Households.of({
        ofAccount: (accountId) =>
          row(accountId).pipe(
            Effect.flatMap((r) => (r === undefined ? Effect.fail(new NotFound({ resource: "household", id: accountId })) : Effect.succeed(decodeFor(accountId, r.data))))
          ),
        idFor: (accountId) => row(accountId).pipe(Effect.map((r) => r?.id ?? `h-${randomUUID()}`)),
        save: (accountId, household) =>
          clock.now.pipe(
            Effect.flatMap((now) =>
              Effect.promise(() =>
                kysely
                  .insertInto("households")
                  .values({ id: household.id, account_id: accountId, data: encode(household), updated_at: now.toISOString() })
                  .onConflict((oc) => oc.column("account_id").doUpdateSet({ data: encode(household), updated_at: now.toISOString() }))
                  .execute()
              )
            ),
            Effect.ensuring(Effect.sync(() => rows.delete(accountId))),
            Effect.asVoid
          )
      })
    })
  )
}

/** The household of a logged-in family, which must exist before booking or applying: 403 otherwise. */
export const householdRequired = (accountId: string) =>
  Households.use((h) => h.ofAccount(accountId)).pipe(
    Effect.catchTag("NotFound", () => Effect.fail(new Forbidden({ message: "Compila prima il tuo nucleo familiare (fill in your household first)" })))
  )
