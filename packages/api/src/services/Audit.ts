/**
 * Who read or changed personal data, and when: children's data and disability information are special
 * categories under GDPR, so every read of a household by anyone, and every change, is logged.
 */
import { randomUUID } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import { Clock } from "./Clock.ts"
import { Database } from "./Database.ts"

export interface AuditEntry {
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subject: string
  readonly detail: string | null
}

export class Audit extends Context.Service<
  Audit,
  {
    record(entry: { actor: string; action: string; subject: string; detail?: string }): Effect.Effect<void>
    about(subject: string): Effect.Effect<ReadonlyArray<AuditEntry>>
  }
>()("smartfam/Audit") {
  static readonly layerSql = Layer.effect(
    Audit,
    Effect.gen(function* () {
      const { kysely } = yield* Database
      const clock = yield* Clock
      return Audit.of({
        record: (entry) =>
          clock.now.pipe(
            Effect.flatMap((now) =>
              Effect.promise(() =>
                kysely
                  .insertInto("audit_log")
                  .values({ id: randomUUID(), at: now.toISOString(), actor: entry.actor, action: entry.action, subject: entry.subject, detail: entry.detail ?? null })
                  .execute()
              )
            ),
            Effect.asVoid
          ),
        about: (subject) =>
          Effect.promise(() =>
            kysely.selectFrom("audit_log").select(["at", "actor", "action", "subject", "detail"]).where("subject", "=", subject).orderBy("at").execute()
          )
      })
    })
  )
}
