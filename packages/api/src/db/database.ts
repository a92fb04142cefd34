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
import { log } from "../http/log.ts"
import { startCheckpointer } from "./checkpointer.ts"
import type { Database } from "./schema.ts"

export type Engine = "sqlite" | "postgres"

export interface Db {
  readonly engine: Engine
  readonly kysely: Kysely<Database>
  /** What in-process caches of rows need to know to stay true (db/rowCache.ts). */
  readonly changes: Changes
  readonly close: () => Promise<void>
}

/**
 * Commits by other connections (other API processes, the `seed` command) that rows cached in this process
 * may have missed. On SQLite every such commit is seen (`PRAGMA data_version` of this connection, polled
 * every `POLL_MS`), so a cache can keep rows until told; PostgreSQL has no such cheap signal here, so
 * caches over it expire on their own.
 */
export interface Changes {
  /** Whether every commit of another connection is reported to subscribers (within `POLL_MS`). */
  readonly reported: boolean
  /**
   * Calls `listener` when another connection committed (`elsewhere`), or when this process called
   * `notify`; also when asking failed (forgetting is the safe answer).
   */
  readonly subscribe: (listener: (elsewhere: boolean) => void) => () => void
  /** Tells every cache to forget what it holds: this process changed rows outside the service that caches them (erasure's cascade). */
  readonly notify: () => void
}

/** How often SQLite's connection asks whether another one committed. */
export const POLL_MS = 50

const changeFeed = (reported: boolean, changedElsewhere?: () => boolean): Changes & { readonly stop: () => void } => {
  const listeners = new Set<(elsewhere: boolean) => void>()
  const tell = (elsewhere: boolean) => {
    for (const l of listeners) l(elsewhere)
  }
  const poll = () => {
    if (listeners.size === 0) return
    let changed: boolean
    try {
      changed = changedElsewhere!()
    } catch (error) {
      // A busy or failing file must not end the process from a timer: caches forget, the requests that
      // read it next meet the error themselves.
      log("warn", "could not ask SQLite for other connections' commits: caches forget", { why: String(error) })
      changed = true
    }
    if (changed) tell(true)
  }
  const timer = changedElsewhere === undefined ? undefined : setInterval(poll, POLL_MS)
  timer?.unref()
  const notify = () => tell(false)
  return {
    reported,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    notify,
    stop: () => clearInterval(timer)
  }
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
  // Changes only when another connection commits (not on this one's commits, nor on checkpoints).
  const dataVersion = database.prepare("PRAGMA data_version").pluck()
  let seen = dataVersion.get()
  const changes = changeFeed(true, () => {
    if (!database.open) return false
    const now = dataVersion.get()
    if (now === seen) return false
    seen = now
    return true
  })
  return {
    engine: "sqlite",
    kysely,
    changes,
    close: async () => {
      changes.stop()
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
  return { engine: "postgres", kysely, changes: changeFeed(false), close: () => kysely.destroy() }
}
