/**
 * The one migration set, versioned by name, applied on start and by the `migrate` command on both engines.
 * A migration is never edited once released: add the next one.
 */
import type { Kysely } from "kysely"
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration"
import type { Db } from "./database.ts"

const migrations: Record<string, Migration> = {
  "0001_projects": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("projects")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute()
    }
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Applies every pending migration; safe when several processes start at once (Kysely takes a lock). */
export const migrate = async (db: Db): Promise<ReadonlyArray<string>> => {
  const migrator = new Migrator({ db: db.kysely, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
}
