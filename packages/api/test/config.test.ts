import { Effect, Option } from "effect"
import { describe, expect, it } from "vitest"
import * as Config from "../src/config.ts"

describe("config", () => {
  it("has working defaults: embedded SQLite on port 3000", () => {
    const c = Effect.runSync(Config.load({}))
    expect(c.port).toBe(3000)
    expect(Option.isNone(c.databaseUrl)).toBe(true)
    expect(c.sqlitePath).toBe("./data/smartfam.db")
  })

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SMARTFAM_TRUSTED_PROXIES: "10.0.0.1,portal.local" }, "SMARTFAM_TRUSTED_PROXIES"]
  ])("rejects %j naming the variable", (env, name) => {
    const exit = Effect.runSyncExit(Config.load(env))
    expect(exit._tag).toBe("Failure")
    expect(String(exit._tag === "Failure" ? exit.cause : "")).toContain(name)
  })

  it("believes X-Forwarded-For from loopback by default, or from the proxies listed", () => {
    expect(Effect.runSync(Config.load({})).trustedProxies).toEqual(["127.0.0.1", "::1"])
    expect(Effect.runSync(Config.load({ SMARTFAM_TRUSTED_PROXIES: "none" })).trustedProxies).toEqual([])
    expect(Effect.runSync(Config.load({ SMARTFAM_TRUSTED_PROXIES: "10.0.0.1, fd00::2" })).trustedProxies).toEqual(["10.0.0.1", "fd00::2"])
  })

  it("reads a PostgreSQL URL and keeps it redacted", () => {
    const c = Effect.runSync(Config.load({ DATABASE_URL: "postgres://u:secret@db/x" }))
    expect(String(Option.getOrThrow(c.databaseUrl))).not.toContain("secret")
  })
})
