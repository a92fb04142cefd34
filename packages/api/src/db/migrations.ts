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
  },
  "0002_accounts_households_bookings": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text")
        .addColumn("email_verified_at", "text")
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("partner_id", "text")
        .addColumn("oidc_subject", "text", (c) => c.unique())
        .addColumn("display_name", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("auth_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("auth_sessions_account").on("auth_sessions").column("account_id").execute()
      await db.schema
        .createTable("email_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("purpose", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute()
      await db.schema
        .createTable("households")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().unique().references("accounts.id").onDelete("cascade"))
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("services")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("project_id", "text", (c) => c.notNull())
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute()
      await db.schema
        .createTable("service_sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("service_id", "text", (c) => c.notNull().references("services.id").onDelete("cascade"))
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("start_time", "text", (c) => c.notNull())
        .addColumn("end_time", "text", (c) => c.notNull())
        .addColumn("starts_at", "text", (c) => c.notNull())
        .addColumn("ends_at", "text", (c) => c.notNull())
        .addColumn("capacity", "integer", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("service_sessions_service_date").on("service_sessions").columns(["service_id", "date"]).execute()
      await db.schema
        .createTable("bookings")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("session_id", "text", (c) => c.notNull().references("service_sessions.id").onDelete("cascade"))
        .addColumn("household_id", "text", (c) => c.notNull().references("households.id").onDelete("cascade"))
        .addColumn("child_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("arrival", "integer", (c) => c.notNull())
        .addColumn("hold_expires_at", "text")
        .addColumn("offer_expires_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("bookings_session_status").on("bookings").columns(["session_id", "status"]).execute()
      await db.schema.createIndex("bookings_household").on("bookings").column("household_id").execute()
      await db.schema
        .createTable("idempotency_keys")
        .addColumn("account_id", "text", (c) => c.notNull())
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("status", "integer")
        .addColumn("body", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("idempotency_keys_pk", ["account_id", "key"])
        .execute()
      await db.schema
        .createTable("audit_log")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .execute()
      await db.schema.createIndex("audit_log_subject").on("audit_log").column("subject").execute()
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
