/**
 * The one migration set, versioned by name, applied on start and by the `migrate` command on both engines.
 * A migration is never edited once released: add the next one.
 */
import { type Kysely, sql } from "kysely"
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration"
import type { Db, Engine } from "./database.ts"

const migrations = (engine: Engine): Record<string, Migration> => ({
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
  },
  /**
   * A version per session that every write to its bookings bumps, by trigger so that no path can forget
   * (cascading deletes included). A process may keep a session's booking state in memory and reuse it
   * while the version it reads under the session's lock is the one it cached (services/Bookings.ts).
   */
  "0003_session_versions": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("service_sessions").addColumn("version", "integer", (c) => c.notNull().defaultTo(0)).execute()
      if (engine === "postgres") {
        await sql`CREATE FUNCTION bookings_bump_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF TG_OP <> 'INSERT' THEN UPDATE service_sessions SET version = version + 1 WHERE id = OLD.session_id; END IF;
            IF TG_OP <> 'DELETE' THEN UPDATE service_sessions SET version = version + 1 WHERE id = NEW.session_id; END IF;
            RETURN NULL;
          END $$`.execute(db)
        await sql`CREATE TRIGGER bookings_session_version AFTER INSERT OR UPDATE OR DELETE ON bookings
          FOR EACH ROW EXECUTE FUNCTION bookings_bump_session_version()`.execute(db)
      } else {
        await sql`CREATE TRIGGER bookings_version_insert AFTER INSERT ON bookings
          BEGIN UPDATE service_sessions SET version = version + 1 WHERE id = NEW.session_id; END`.execute(db)
        await sql`CREATE TRIGGER bookings_version_update AFTER UPDATE ON bookings
          BEGIN UPDATE service_sessions SET version = version + 1 WHERE id IN (OLD.session_id, NEW.session_id); END`.execute(db)
        await sql`CREATE TRIGGER bookings_version_delete AFTER DELETE ON bookings
          BEGIN UPDATE service_sessions SET version = version + 1 WHERE id = OLD.session_id; END`.execute(db)
      }
    }
  },
  /** Housekeeping deletes by expiry and age (main.ts, hourly); attempts counted for rate limits. */
  "0004_housekeeping_rate_limits": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("rate_limits")
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("window_start", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("rate_limits_pk", ["key", "window_start"])
        .execute()
      await db.schema.createIndex("rate_limits_window").on("rate_limits").column("window_start").execute()
      await db.schema.createIndex("auth_sessions_expires").on("auth_sessions").column("expires_at").execute()
      await db.schema.createIndex("email_tokens_expires").on("email_tokens").column("expires_at").execute()
      await db.schema.createIndex("idempotency_keys_created").on("idempotency_keys").column("created_at").execute()
    }
  },
  /** A secret calendar address per family account, for calendar apps that cannot log in (hash only). */
  "0005_calendar_feeds": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("calendar_feeds")
        .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute()
    }
  },
  /**
   * SQLite: which rows that API processes and threads keep in memory another connection changed (sessions,
   * accounts, households), recorded by triggers so that no path can forget, cascades included. Each
   * connection reads the rows added since its last poll when `PRAGMA data_version` says another one
   * committed (db/database.ts), and its caches forget just those keys: a commit of bookings alone costs
   * them nothing. PostgreSQL's caches expire on their own and need no table.
   */
  "0006_row_changes": {
    async up(db: Kysely<unknown>) {
      if (engine === "postgres") return
      await sql`CREATE TABLE row_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, subject TEXT NOT NULL, key TEXT NOT NULL)`.execute(db)
      const watched = [
        ["auth_sessions", "session", "id"],
        ["accounts", "account", "id"],
        ["households", "household", "account_id"]
      ] as const
      for (const [table, subject, column] of watched) {
        await sql.raw(`CREATE TRIGGER ${table}_changed_insert AFTER INSERT ON ${table} BEGIN INSERT INTO row_changes (subject, key) VALUES ('${subject}', NEW.${column}); END`).execute(db)
        await sql
          .raw(
            `CREATE TRIGGER ${table}_changed_update AFTER UPDATE ON ${table} BEGIN INSERT INTO row_changes (subject, key) VALUES ('${subject}', OLD.${column}); ` +
              `INSERT INTO row_changes (subject, key) SELECT '${subject}', NEW.${column} WHERE NEW.${column} IS NOT OLD.${column}; END`
          )
          .execute(db)
        await sql.raw(`CREATE TRIGGER ${table}_changed_delete AFTER DELETE ON ${table} BEGIN INSERT INTO row_changes (subject, key) VALUES ('${subject}', OLD.${column}); END`).execute(db)
      }
    }
  },
  /**
   * Applications to admission rounds (places allotted by ranking). One live application per child and
   * round, whatever the number of concurrent requests or processes: a unique index over the rows not
   * withdrawn (partial indexes work the same on both engines).
   */
  "0007_applications": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("applications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("round_id", "text", (c) => c.notNull())
        .addColumn("household_id", "text", (c) => c.notNull().references("households.id").onDelete("cascade"))
        .addColumn("child_id", "text", (c) => c.notNull())
        .addColumn("child_birth_date", "text", (c) => c.notNull())
        .addColumn("facts", "text", (c) => c.notNull())
        .addColumn("declarations", "text", (c) => c.notNull())
        .addColumn("pending_documents", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text", (c) => c.notNull())
        .addColumn("withdrawn_at", "text")
        .execute()
      await sql`CREATE UNIQUE INDEX applications_live ON applications (round_id, household_id, child_id) WHERE withdrawn_at IS NULL`.execute(db)
      await db.schema.createIndex("applications_household").on("applications").column("household_id").execute()
    }
  }
})

/** Applies every pending migration; safe when several processes start at once (Kysely takes a lock). */
export const migrate = async (db: Db): Promise<ReadonlyArray<string>> => {
  const provider: MigrationProvider = { getMigrations: async () => migrations(db.engine) }
  const migrator = new Migrator({ db: db.kysely, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName)
}
