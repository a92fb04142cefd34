/**
 * Real engines for tests: a fresh SQLite file, and a fresh PostgreSQL database on the server at
 * TEST_DATABASE_URL (default: the local one these machines run). A Postgres that cannot be reached fails
 * the tests: it never skips them.
 */
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { Option, Redacted } from "effect"
import pg from "pg"
import type { AppConfig } from "../src/config.ts"

export const ADMIN_URL = process.env["TEST_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres"

export interface TestDatabase {
  readonly name: "sqlite" | "postgres"
  readonly config: Pick<AppConfig, "databaseUrl" | "sqlitePath">
  readonly drop: () => Promise<void>
}

/** A new, empty SQLite file in a temporary folder. */
export const sqlite = (): TestDatabase => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smartfam-test-"))
  return {
    name: "sqlite",
    config: { databaseUrl: Option.none(), sqlitePath: path.join(dir, "smartfam.db") },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** A new, empty PostgreSQL database, dropped afterwards. */
export const postgres = async (): Promise<TestDatabase> => {
  const name = `smartfam_test_${crypto.randomBytes(6).toString("hex")}`
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 })
  await admin.connect().catch((cause: unknown) => {
    throw new Error(`PostgreSQL non raggiungibile su ${ADMIN_URL}: avvialo (see README, PostgreSQL)`, { cause })
  })
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    name: "postgres",
    config: { databaseUrl: Option.some(Redacted.make(url.toString())), sqlitePath: "" },
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    }
  }
}

/** Both engines, by name, for `describe.each`. */
export const engines = [
  ["sqlite", async () => sqlite()],
  ["postgres", postgres]
] as const
