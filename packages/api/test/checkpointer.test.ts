/**
 * The embedded database's WAL is checkpointed by a worker thread, not by the commits of the main one: pages
 * written on the main connection reach the database file while that connection never crosses its (high)
 * automatic threshold.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { startCheckpointer } from "../src/db/checkpointer.ts"
import { openSqlite } from "../src/db/database.ts"

describe("the SQLite checkpointer", () => {
  it("copies committed pages into the database file from its own thread", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smartfam-ckpt-"))
    const file = path.join(dir, "db.sqlite")
    const db = openSqlite(file)
    try {
      await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(db.kysely)
      const before = fs.statSync(file).size
      // ~2 MB in 20 commits: far below the main connection's automatic threshold (~80 MB).
      for (let batch = 0; batch < 20; batch++) {
        await db.kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < 50; i++) await sql`INSERT INTO t (body) VALUES (${"x".repeat(2000)})`.execute(trx)
        })
      }
      let after = fs.statSync(file).size
      for (let i = 0; i < 50 && after < before + 1_000_000; i++) {
        await new Promise((r) => setTimeout(r, 100))
        after = fs.statSync(file).size
      }
      expect(after).toBeGreaterThan(before + 1_000_000)
    } finally {
      await db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("hands checkpoints back to the main connection when the worker cannot run", async () => {
    let fellBack = 0
    startCheckpointer(path.join(os.tmpdir(), "no-such-folder-smartfam", "db.sqlite"), () => fellBack++)
    for (let i = 0; i < 50 && fellBack === 0; i++) await new Promise((r) => setTimeout(r, 100))
    expect(fellBack).toBe(1)
  })
})
