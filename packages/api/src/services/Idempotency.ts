/**
 * Idempotency keys for mutating POSTs: the first request with a key runs and its response is stored;
 * a retry with the same key and the same request gets the stored response; the same key with another
 * request is a conflict. The primary key (account, key) makes this safe across API processes.
 */
import { Context, Effect, Layer } from "effect"
import { Database } from "./Database.ts"

export type Begin =
  | { readonly _tag: "Fresh" }
  | { readonly _tag: "Replay"; readonly status: number; readonly body: string }
  | { readonly _tag: "InProgress" }
  | { readonly _tag: "Mismatch" }

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string }
  return err.code === "23505" || err.code === "SQLITE_CONSTRAINT_PRIMARYKEY" || /UNIQUE constraint failed/.test(err.message ?? "")
}

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
  static readonly layerSql = Layer.effect(
    Idempotency,
    Effect.gen(function* () {
      const { kysely } = yield* Database
      return Idempotency.of({
        begin: (scope, key, fingerprint, at) =>
          Effect.promise(async (): Promise<Begin> => {
            try {
              await kysely
                .insertInto("idempotency_keys")
                .values({ account_id: scope, key, fingerprint, status: null, body: null, created_at: at.toISOString() })
                .execute()
              return { _tag: "Fresh" }
            } catch (e) {
              if (!isUniqueViolation(e)) throw e
            }
            const row = await kysely
              .selectFrom("idempotency_keys")
              .select(["fingerprint", "status", "body"])
              .where("account_id", "=", scope)
              .where("key", "=", key)
              .executeTakeFirstOrThrow()
            if (row.fingerprint !== fingerprint) return { _tag: "Mismatch" }
            if (row.status === null || row.body === null) return { _tag: "InProgress" }
            return { _tag: "Replay", status: row.status, body: row.body }
          }),
        complete: (scope, key, status, body) =>
          Effect.promise(() =>
            kysely.updateTable("idempotency_keys").set({ status, body }).where("account_id", "=", scope).where("key", "=", key).execute()
          ).pipe(Effect.asVoid),
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
