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

/** A row another connection changed, as SQLite's triggers record it (migration 0006): what and which key. */
export interface RowChange {
  /** `session` (auth_sessions.id), `account` (accounts.id) or `household` (households.account_id). */
  readonly subject: "session" | "account" | "household"
  readonly key: string
}

/**
 * Commits by other connections (other API threads and processes, the `seed` command) that rows cached in
 * this process may have missed. On SQLite every such commit is seen (`PRAGMA data_version` of this
 * connection, polled every `POLL_MS`) together with the cached rows it changed (`row_changes`, written by
 * triggers), so a cache keeps rows until told which changed; PostgreSQL has no such cheap signal here, so
 * caches over it expire on their own.
 */
export interface Changes {
  /** Whether every commit of another connection is reported to subscribers (within `POLL_MS`). */
  readonly reported: boolean
  /**
   * Calls `listener` when another connection committed (`elsewhere`) changes to cached rows, named in
   * `changed`; or, with `changed` undefined (forget everything), when this process called `notify`, when
   * asking failed or when this connection fell too far behind to be told row by row.
   */
  readonly subscribe: (listener: (elsewhere: boolean, changed?: ReadonlyArray<RowChange>) => void) => () => void
  /** Tells every cache to forget what it holds: this process changed rows outside the service that caches them (erasure's cascade). */
  readonly notify: () => void
  /**
   * Deletes recorded row changes but the last `KEPT_CHANGES` (hourly housekeeping): every live connection
   * has read them within `POLL_MS`; one that had not would see the gap and forget everything.
   */
  readonly purge: () => number
}

/** Row changes kept by `purge`. */
const KEPT_CHANGES = 10_000

/** How often SQLite's connection asks whether another one committed. */
export const POLL_MS = 50

/**
 * What another connection changed since the last poll: nothing (`[]` when it committed only rows no cache
 * keeps, such as bookings), the rows, or `undefined` for "forget everything".
 */
type Poll = () => ReadonlyArray<RowChange> | undefined

const changeFeed = (reported: boolean, changedElsewhere?: Poll, purge: () => number = () => 0): Changes & { readonly stop: () => void } => {
  const listeners = new Set<(elsewhere: boolean, changed?: ReadonlyArray<RowChange>) => void>()
  const tell = (elsewhere: boolean, changed?: ReadonlyArray<RowChange>) => {
    for (const l of listeners) l(elsewhere, changed)
  }
  const poll = () => {
    if (listeners.size === 0) return
    let changed: ReadonlyArray<RowChange> | undefined
    try {
      changed = changedElsewhere!()
    } catch (error) {
      // A busy or failing file must not end the process from a timer: caches forget, the requests that
      // read it next meet the error themselves.
      log("warn", "could not ask SQLite for other connections' commits: caches forget", { why: String(error) })
      changed = undefined
    }
    if (changed === undefined || changed.length > 0) tell(true, changed)
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
    purge,
    stop: () => clearInterval(timer)
  }
}

/** Rows of `row_changes` read per poll at most: a connection further behind forgets everything. */
const MAX_CHANGES = 1_000

/**
 * The poll of one SQLite connection: `PRAGMA data_version` changes only when another connection commits
 * (not on this one's commits, nor on checkpoints); then the rows the triggers of migration 0006 recorded
 * since the last poll say which cached rows changed. Their sequence is gapless, so a gap (housekeeping
 * deleted rows this connection had not read) means "forget everything", as does a missing table (a
 * database not migrated yet).
 */
const sqlitePoll = (database: SQLite.Database): Poll => {
  const dataVersion = database.prepare("PRAGMA data_version").pluck()
  let seen = dataVersion.get()
  let since: number | undefined
  const latest = () => {
    try {
      return Number(database.prepare("SELECT coalesce(max(seq), 0) FROM row_changes").pluck().get())
    } catch {
      return undefined
    }
  }
  since = latest()
  let after: SQLite.Statement<[number, number], { seq: number; subject: RowChange["subject"]; key: string }> | undefined
  return () => {
    if (!database.open) return []
    const now = dataVersion.get()
    const committed = now !== seen
    seen = now
    // The table came with migrations run after this connection opened: nothing to forget unless another
    // connection committed meanwhile.
    if (since === undefined) {
      since = latest()
      return committed ? undefined : []
    }
    if (!committed) return []
    after ??= database.prepare("SELECT seq, subject, key FROM row_changes WHERE seq > ? ORDER BY seq LIMIT ?")
    const rows = after.all(since, MAX_CHANGES + 1)
    if (rows.length === 0) return []
    const gap = rows[0]!.seq !== since + 1
    since = rows.at(-1)!.seq
    if (gap || rows.length > MAX_CHANGES) {
      since = latest()
      return undefined
    }
    return rows.map((r) => ({ subject: r.subject, key: r.key }))
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
  const changes = changeFeed(true, sqlitePoll(database), () => database.prepare("DELETE FROM row_changes WHERE seq <= (SELECT max(seq) FROM row_changes) - ?").run(KEPT_CHANGES).changes)
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
