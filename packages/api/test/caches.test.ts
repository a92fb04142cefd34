/**
 * Rows every request reads (the session, the family's household) are kept in the process: on SQLite
 * until they change, here or in another process (db/rowCache.ts, db/database.ts `Changes`).
 */
import { Household } from "@smartfam/domain"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { POLL_MS } from "../src/db/database.ts"
import { rowCache } from "../src/db/rowCache.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Accounts } from "../src/services/Accounts.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { Households } from "../src/services/Households.ts"
import { sqlite, type TestDatabase } from "./engines.ts"
import { families, householdOf } from "./families.ts"

configure("error", false)

const settle = () => new Promise((r) => setTimeout(r, 3 * POLL_MS))
const tokenOf = (cookie: string) => decodeURIComponent(cookie.replace(/^[^=]+=/, ""))

describe("caches of rows on SQLite", () => {
  let db: TestDatabase
  let here: Runtime.AppRuntime
  let other: Runtime.AppRuntime
  beforeAll(() => {
    db = sqlite()
    const clock = Clock.layerManual(new Date("2023-06-05T06:00:00.000Z"))
    here = Runtime.make(db.config, clock.layer)
    // Another API process on the same file: its own connection, its own caches.
    other = Runtime.make(db.config, clock.layer)
  })
  afterAll(async () => {
    await here.dispose()
    await other.dispose()
    await db.drop()
  })

  const sessionOf = (runtime: Runtime.AppRuntime, token: string) => runtime.runPromise(Accounts.use((a) => a.fromSession(token)))
  const householdOfAccount = (runtime: Runtime.AppRuntime, accountId: string) =>
    runtime.runPromise(Households.use((h) => h.ofAccount(accountId)).pipe(Effect.option))

  it("a logout in another process ends the session here too", async () => {
    const [f] = await families(here, 1)
    const token = tokenOf(f!.cookie)
    expect((await sessionOf(here, token))?.id).toBe(f!.accountId)
    await other.runPromise(Accounts.use((a) => a.logout(token)))
    await settle()
    expect(await sessionOf(here, token)).toBeUndefined()
  })

  it("a household saved by another process is read here, and one erased here is gone at once", async () => {
    const [f] = await families(here, 1)
    const before = await householdOfAccount(here, f!.accountId)
    expect(before._tag === "Some" && before.value.children[0]?.name).toBe("Bimbo 0")
    const renamed = householdOf(f!.householdId, 7)
    await other.runPromise(Households.use((h) => h.save(f!.accountId, renamed)))
    await settle()
    const after = await householdOfAccount(here, f!.accountId)
    expect(after._tag === "Some" && after.value.children[0]?.name).toBe("Bimbo 7")
    // The session is kept here too (read once): erasure must forget it, not only the database.
    expect((await sessionOf(here, tokenOf(f!.cookie)))?.id).toBe(f!.accountId)
    await here.runPromise(Accounts.use((a) => a.erase(f!.accountId)))
    expect((await householdOfAccount(here, f!.accountId))._tag).toBe("None")
    expect(await sessionOf(here, tokenOf(f!.cookie))).toBeUndefined()
  })

  it("another connection's commits forget only the rows they changed: bookings and other tables forget nothing", async () => {
    // Families written by the other connection, seen here before anything is kept.
    const [a, b] = await families(other, 2)
    await settle()
    const db = await here.runPromise(Database.use((d) => Effect.succeed(d)))
    const cache = rowCache<string>(db, { max: 10, ttlMs: 1000, forget: { household: "key" } })
    await cache.read(a!.accountId, async () => "a")
    await cache.read(b!.accountId, async () => "b")
    // A commit that touches no watched table (the audit log, as every household read writes).
    await other.runPromise(Database.use(({ kysely }) => Effect.promise(() => kysely.insertInto("audit_log").values({ id: `t-${Date.now()}`, at: "2023-06-05T06:00:00.000Z", actor: "test", action: "read", subject: "x", detail: null }).execute())))
    await settle()
    expect([cache.get(a!.accountId), cache.get(b!.accountId)]).toEqual(["a", "b"])
    // Family A's household saved elsewhere: A's row is forgotten, B's kept.
    await other.runPromise(Households.use((h) => h.save(a!.accountId, householdOf(a!.householdId, 3))))
    await settle()
    expect([cache.get(a!.accountId), cache.get(b!.accountId)]).toEqual([undefined, "b"])
    // A cache that names no subjects forgets everything on any reported change.
    const coarse = rowCache<string>(db, { max: 10, ttlMs: 1000 })
    await coarse.read("k", async () => "v")
    await other.runPromise(Households.use((h) => h.save(b!.accountId, householdOf(b!.householdId, 4))))
    await settle()
    expect([coarse.get("k"), cache.get(b!.accountId)]).toEqual([undefined, undefined])
  })

  it("a read under way when a change comes does not keep what it read", async () => {
    const listeners: Array<(elsewhere: boolean) => void> = []
    const cache = rowCache<Household.HouseholdId>({ changes: { reported: true, subscribe: (l) => (listeners.push(l), () => {}), notify: () => listeners.forEach((l) => l(false)), purge: () => 0 } }, { max: 10, ttlMs: 1000 })
    const value = await cache.read("k", async () => {
      listeners.forEach((l) => l(true))
      return Household.HouseholdId.make("old")
    })
    expect(value).toBe("old")
    expect(cache.get("k")).toBeUndefined()
    await cache.read("k", async () => Household.HouseholdId.make("new"))
    expect(cache.get("k")).toBe("new")
  })
})
