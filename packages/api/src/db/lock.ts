/**
 * One transaction that holds a session's lock, on either engine. This is what keeps a session from being
 * oversubscribed under concurrency (verified with 200 concurrent requests on 10 places, also from two
 * processes on PostgreSQL):
 * - PostgreSQL: READ COMMITTED + `SELECT … FOR UPDATE` on the session row, then, as separate statements,
 *   read the session's bookings and write the decision. Counting in the same statement as the lock would
 *   read a snapshot taken before the lock and oversubscribe.
 * - SQLite: `BEGIN IMMEDIATE` takes the database's write lock up front (WAL + busy_timeout let other
 *   processes wait for it), on a pinned connection since Kysely's SQLite driver only sends plain BEGIN.
 */
import { type Kysely, sql, type Transaction } from "kysely"
import type { Db } from "./database.ts"
import type { Database } from "./schema.ts"

export type Tx = Kysely<Database> | Transaction<Database>

/** Runs `fn` in a transaction holding the lock of session `sessionId`; false from `lock` when it does not exist. */
export const withSessionLock = async <A>(db: Db, sessionId: string, fn: (tx: Tx, exists: boolean) => Promise<A>): Promise<A> => {
  if (db.engine === "postgres") {
    return db.kysely.transaction().execute(async (trx) => {
      const row = await sql<{ id: string }>`SELECT id FROM service_sessions WHERE id = ${sessionId} FOR UPDATE`.execute(trx)
      return fn(trx, row.rows.length > 0)
    })
  }
  return db.kysely.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn)
    try {
      const row = await conn.selectFrom("service_sessions").select("id").where("id", "=", sessionId).executeTakeFirst()
      const result = await fn(conn, row !== undefined)
      await sql`COMMIT`.execute(conn)
      return result
    } catch (error) {
      await sql`ROLLBACK`.execute(conn)
      throw error
    }
  })
}
