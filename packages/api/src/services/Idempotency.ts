/**
 * Idempotency keys for mutating POSTs: the first request with a key runs and its response is stored;
 * a retry with the same key and the same request gets the stored response; the same key with another
 * request is a conflict. The primary key (account, key) makes this safe across API processes.
 */
import { Context, Effect, Layer } from "effect"
import { grouped } from "../db/group.ts"
import { preparedShapes } from "../db/prepared.ts"
import { Database } from "./Database.ts"

export type Begin =
  | { readonly _tag: "Fresh" }
  | { readonly _tag: "Replay"; readonly status: number; readonly body: string }
  | { readonly _tag: "InProgress" }
  | { readonly _tag: "Mismatch" }

export class Idempotency extends Context.Service<
  Idempotency,
  {
    begin(scope: string, key: string, fingerprint: string, at: Date): Effect.Effect<Begin>
    complete(scope: string, key: string, status: number, body: string): Effect.Effect<void>
    abandon(scope: string, key: string): Effect.Effect<void>
    /** Forgets keys first used before `before` (a retry comes within minutes; a day is plenty). */
    purge(before: Date): Effect.Effect<number>
  }
>()("smartfam/Idempotency") {
  /**
   * Keys in the database. A rush of POSTs with keys (the portal sends one with every booking) is
   * group-committed: the keys claimed while a transaction runs are claimed together in the next one, and
   * so are the responses stored; one commit per batch instead of two per request. A batch takes its rows in
   * key order, so two processes' batches cannot deadlock on PostgreSQL.
   */
  static readonly layerSql = Layer.effect(
    Idempotency,
    Effect.gen(function* () {
      const { kysely } = yield* Database
      type Claim = { readonly scope: string; readonly key: string; readonly fingerprint: string; readonly at: Date }
      // The batch's items in (scope, key) order, each with its place in the batch. Keys cannot hold "\u0000".
      const order = <T extends { readonly scope: string; readonly key: string }>(batch: ReadonlyArray<T>) =>
        batch.map((item, i) => ({ item, i, by: `${item.scope}\u0000${item.key}` })).sort((a, b) => (a.by < b.by ? -1 : a.by > b.by ? 1 : 0))
      // The statements each item of a batch runs, compiled once (Kysely builds SQL anew on every call).
      const insertKey = preparedShapes(
        (tx, c: Claim) =>
          tx
            .insertInto("idempotency_keys")
            .values({ account_id: c.scope, key: c.key, fingerprint: c.fingerprint, status: null, body: null, created_at: c.at.toISOString() })
            .onConflict((oc) => oc.columns(["account_id", "key"]).doNothing())
            .returning("key"),
        () => "",
        (c) => [c.scope, c.key, c.fingerprint, null, null, c.at.toISOString()]
      )
      const keyRow = preparedShapes(
        (tx, c: { readonly scope: string; readonly key: string }) =>
          tx.selectFrom("idempotency_keys").select(["fingerprint", "status", "body"]).where("account_id", "=", c.scope).where("key", "=", c.key),
        () => "",
        (c) => [c.scope, c.key]
      )
      const claim = grouped<Claim, Begin>((batch) =>
        kysely.transaction().execute(async (trx) => {
          const out: Array<Begin> = new Array(batch.length)
          for (const { item: c, i } of order(batch)) {
            if ((await insertKey(trx, c)).length > 0) {
              out[i] = { _tag: "Fresh" }
              continue
            }
            const [row] = await keyRow(trx, c)
            if (row === undefined) throw new Error("idempotency key neither inserted nor found")
            out[i] =
              row.fingerprint !== c.fingerprint
                ? { _tag: "Mismatch" }
                : row.status === null || row.body === null
                  ? { _tag: "InProgress" }
                  : { _tag: "Replay", status: row.status, body: row.body }
          }
          return out
        })
      )
      type Answer = { readonly scope: string; readonly key: string; readonly status: number; readonly body: string }
      const storeAnswer = preparedShapes(
        (tx, a: Answer) => tx.updateTable("idempotency_keys").set({ status: a.status, body: a.body }).where("account_id", "=", a.scope).where("key", "=", a.key),
        () => "",
        (a) => [a.status, a.body, a.scope, a.key]
      )
      const store = grouped<Answer, void>((batch) =>
        kysely.transaction().execute(async (trx) => {
          for (const { item: a } of order(batch)) await storeAnswer(trx, a)
          return batch.map(() => undefined)
        })
      )
      return Idempotency.of({
        begin: (scope, key, fingerprint, at) => Effect.promise(() => claim({ scope, key, fingerprint, at })),
        complete: (scope, key, status, body) => Effect.promise(() => store({ scope, key, status, body })),
        abandon: (scope, key) =>
          Effect.promise(() =>
            kysely.deleteFrom("idempotency_keys").where("account_id", "=", scope).where("key", "=", key).execute()
          ).pipe(Effect.asVoid),
        purge: (before) =>
          Effect.promise(() => kysely.deleteFrom("idempotency_keys").where("created_at", "<", before.toISOString()).executeTakeFirst()).pipe(
            Effect.map((r) => Number(r.numDeletedRows))
          )
      })
    })
  )
}
