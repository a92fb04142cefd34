/**
 * A process's cache of rows that every request reads (a session, a household): on SQLite kept until the
 * rows change, on PostgreSQL for at most `ttlMs`. Rows may change here (the owning service deletes or
 * clears what it writes) or elsewhere (db/database.ts `Changes`: another connection's commit, seen within
 * `POLL_MS`, with the keys it changed, or this process's erasure). A change to a row it keeps forgets that
 * row (`forget` says which subjects are its keys, and which change everything it keeps); a change it cannot
 * name forgets everything.
 *
 * A read that started before a change must not store what it read after it: `read` stores only if no
 * change came in between (the generation it started with is still current).
 */
import { LRUCache } from "lru-cache"
import type { Db, RowChange } from "./database.ts"

export interface RowCache<V extends NonNullable<unknown>> {
  readonly get: (key: string) => V | undefined
  /** `load`'s value for `key`, cached unless it is undefined (nothing to keep) or a change came while it ran. */
  readonly read: (key: string, load: () => Promise<V | undefined>) => Promise<V | undefined>
  readonly delete: (key: string) => void
  /** Forgets everything, including what reads under way would store. */
  readonly clear: () => void
}

export interface RowCacheOptions {
  readonly max: number
  readonly ttlMs: number
  /**
   * What a reported row change does here, by subject: `key` forgets the row kept under the change's key,
   * `all` forgets everything; other subjects leave the cache alone. Without it, every change forgets everything.
   */
  readonly forget?: Partial<Record<RowChange["subject"], "key" | "all">>
}

export const rowCache = <V extends NonNullable<unknown>>(db: Pick<Db, "changes">, options: RowCacheOptions): RowCache<V> => {
  const lru = new LRUCache<string, V>({ max: options.max, ...(db.changes.reported ? {} : { ttl: options.ttlMs }) })
  let generation = 0
  const clear = () => {
    generation++
    lru.clear()
  }
  const { forget } = options
  db.changes.subscribe((_elsewhere, changed) => {
    if (changed === undefined || forget === undefined) return clear()
    for (const change of changed) {
      const what = forget[change.subject]
      if (what === "all") return clear()
      if (what === "key") {
        generation++
        lru.delete(change.key)
      }
    }
  })
  return {
    get: (key) => lru.get(key),
    read: async (key, load) => {
      const hit = lru.get(key)
      if (hit !== undefined) return hit
      const started = generation
      const value = await load()
      if (value !== undefined && generation === started) lru.set(key, value)
      return value
    },
    delete: (key) => {
      generation++
      lru.delete(key)
    },
    clear
  }
}
