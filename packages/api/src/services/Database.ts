/** The open database as an Effect service: opened and migrated when the layer builds, closed on release. */
import { Context, Effect, Layer, Option, Redacted } from "effect"
import type { AppConfig } from "../config.ts"
import { type Db, openPostgres, openSqlite } from "../db/database.ts"
import { migrate } from "../db/migrations.ts"

export class Database extends Context.Service<Database, Db>()("smartfam/Database") {
  /** Opens the engine the configuration names and applies pending migrations. */
  static readonly layer = (config: Pick<AppConfig, "databaseUrl" | "sqlitePath">) =>
    Layer.effect(
      Database,
      Effect.acquireRelease(
        Effect.promise(async () => {
          const db = Option.match(config.databaseUrl, {
            onNone: () => openSqlite(config.sqlitePath),
            onSome: (url) => openPostgres(Redacted.value(url))
          })
          await migrate(db)
          return db
        }),
        (db) => Effect.promise(() => db.close())
      )
    )
}
