/**
 * One repository layer for both engines: Kysely over better-sqlite3 (embedded default) or pg (PostgreSQL).
 *
 * Why Kysely and not effect/sql: Effect 4 has no stable SQLite client (only a beta that fails to import
 * with effect 4.1.0), while Kysely 0.29 runs the same typed queries and the same migrations on both
 * engines. Effect services wrap it (see services/); Kysely stays an implementation detail of the layer.
 */
import fs from "node:fs"
import path from "node:path"
import SQLite from "better-sqlite3"
import { Kysely, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { startCheckpointer } from "./checkpointer.ts"
import type { Database } from "./schema.ts"

export type Engine = "sqlite" | "postgres"

export interface Db {
  readonly engine: Engine
  readonly kysely: Kysely<Database>
  readonly close: () => Promise<void>
}

/** Opens the embedded SQLite file (created with its folder when missing), in WAL mode with a busy timeout. */
export const openSqlite = (file: string): Db => {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const database = new SQLite(file)
  database.pragma("busy_timeout = 5000")
  database.pragma("journal_mode = WAL")
  // In WAL mode NORMAL keeps the database consistent on a crash and skips an fsync per commit
  // (SQLite's own recommendation for WAL).
  database.pragma("synchronous = NORMAL")
  // Checkpoints run on a worker thread (db/checkpointer.ts); the commit that grows the WAL past ~80 MB
  // checkpoints itself, should the worker fall behind.
  const checkpointer =
    file === ":memory:"
      ? undefined
      : startCheckpointer(file, () => {
          if (database.open) database.pragma("wal_autocheckpoint = 4000")
        })
  database.pragma(`wal_autocheckpoint = ${checkpointer === undefined ? 4000 : 20_000}`)
  database.pragma("foreign_keys = ON")
  // A page cache big enough for a network's data (SQLite's default is 2 MB), and reads through a memory
  // map instead of a read() call per page: point lookups went from ~70 µs to a few µs on the bench data.
  database.pragma("cache_size = -65536")
  database.pragma("mmap_size = 268435456")
  database.pragma("temp_store = MEMORY")
  // Kysely prepares every statement anew; preparing costs more than running most of our queries, so the
  // same SQL text reuses its prepared statement (better-sqlite3 statements are reusable).
  const statements = new Map<string, SQLite.Statement>()
  const cached = {
    close: () => database.close(),
    prepare: (text: string) => {
      let statement = statements.get(text)
      if (statement === undefined) {
        if (statements.size >= 1_000) statements.clear()
        statement = database.prepare(text)
        statements.set(text, statement)
      }
      return statement
    }
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) })
  return {
    engine: "sqlite",
    kysely,
    close: async () => {
      await checkpointer?.stop()
      await kysely.destroy()
    }
  }
}

/** Opens a pool on PostgreSQL. */
export const openPostgres = (connectionString: string, max = 10): Db => {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 30_000 })
  // An idle client the server drops (restart, admin command) must not crash the process: the pool replaces it.
  pool.on("error", () => {})
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return { engine: "postgres", kysely, close: () => kysely.destroy() }
}
