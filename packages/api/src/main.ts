/**
 * The API's command line: `serve` (default), `migrate`, `seed`.
 * Configuration comes from the environment (see config.ts and the README's table).
 */
import type { AddressInfo } from "node:net"
import { Fixtures } from "@smartfam/domain"
import { Effect } from "effect"
import { nodeListener } from "./app.ts"
import { edgeServer } from "./http/edge.ts"
import { makeMetrics } from "./http/metrics.ts"
import * as Config from "./config.ts"
import { seedAccounts } from "./db/demoAccounts.ts"
import { seedDemo } from "./db/demoData.ts"
import { Clock } from "./services/Clock.ts"
import { configure, log } from "./http/log.ts"
import * as Runtime from "./runtime.ts"
import { Accounts } from "./services/Accounts.ts"
import { Bookings } from "./services/Bookings.ts"
import { Idempotency } from "./services/Idempotency.ts"
import { RateLimits } from "./services/RateLimits.ts"
import { Database } from "./services/Database.ts"
import { ProjectRepo } from "./services/ProjectRepo.ts"

const config = Config.loadOrExit()
configure(config.logLevel)
const command = process.argv[2] ?? "serve"
// The demo clock: "now" starts at SMARTFAM_CLOCK and runs on from there.
const clockOffset = config.clock._tag === "Some" ? config.clock.value.getTime() - Date.now() : 0
const runtime = Runtime.make(config, Clock.layer(clockOffset))
const where = config.databaseUrl._tag === "Some" ? "postgres" : `sqlite:${config.sqlitePath}`

const commands: Record<string, () => Promise<void>> = {
  async migrate() {
    // Building the Database layer applies pending migrations.
    await runtime.runPromise(Database.use(() => Effect.void))
    log("info", "migrated", { database: where })
    await runtime.dispose()
  },
  async seed() {
    await runtime.runPromise(ProjectRepo.use((repo) => repo.save(Fixtures.smartfamVoghera, new Date())))
    const accounts = await runtime.runPromise(seedAccounts)
    const catalogue = await runtime.runPromise(Clock.use((clock) => clock.now).pipe(Effect.flatMap(seedDemo)))
    log("info", "seeded", { database: where, project: Fixtures.smartfamVoghera.id, accountsCreated: accounts.length, ...catalogue })
    await runtime.dispose()
  },
  async serve() {
    await runtime.runPromise(Database.use(() => Effect.void))
    const metrics = makeMetrics()
    const server = edgeServer(nodeListener({ runtime, metrics, bodyLimit: config.bodyLimit, cookieSecure: config.cookieSecure, portalUrl: config.portalUrl, trustedProxies: config.trustedProxies, hostname: config.host }))
    server.listen(config.port, config.host, () =>
      log("info", "listening", {
        url: `http://${config.host}:${(server.address() as AddressInfo).port}`,
        database: where,
        ...(config.clock._tag === "Some" ? { demoClock: config.clock.value.toISOString() } : {})
      })
    )
    // The sweeper: lapsed holds and offers expire and freed places go to the waitlist. Every process runs
    // it; each session is swept under its lock and a second sweep finds nothing to do, so N processes are safe.
    // Once an hour it also deletes expired sessions and email links, and idempotency keys and rate-limit
    // windows older than a day.
    let housekept = 0
    const sweep = () =>
      runtime
        .runPromise(
          Effect.gen(function* () {
            const now = yield* (yield* Clock).now
            const changed = yield* (yield* Bookings).sweep(now)
            if (changed > 0) {
              log("info", "swept", { changed })
              metrics.decided("swept", changed)
            }
            if (Date.now() - housekept < 3_600_000) return
            housekept = Date.now()
            const expired = yield* (yield* Accounts).purgeExpired(now)
            const dayAgo = new Date(now.getTime() - 86_400_000)
            const keys = yield* (yield* Idempotency).purge(dayAgo)
            const windows = yield* (yield* RateLimits).purge(dayAgo)
            const changes = (yield* Database).changes.purge()
            if (expired + keys + windows + changes > 0) log("info", "housekeeping", { expiredSessionsAndLinks: expired, idempotencyKeys: keys, rateLimitWindows: windows, rowChanges: changes })
          })
        )
        .catch((error: unknown) => log("error", "sweep failed", { error: String(error) }))
    const sweeper = setInterval(sweep, config.sweepSeconds * 1000)
    sweeper.unref()
    void sweep()
    const stop = (signal: string) => {
      clearInterval(sweeper)
      log("info", "shutting down", { signal })
      server.close(() => void runtime.dispose().then(() => process.exit(0)))
      setTimeout(() => process.exit(0), 10_000).unref()
    }
    process.once("SIGTERM", () => stop("SIGTERM"))
    process.once("SIGINT", () => stop("SIGINT"))
  }
}

const run = commands[command]
if (run === undefined) {
  console.error(`Comando sconosciuto: ${command} (unknown command). Usa: serve | migrate | seed`)
  process.exit(2)
}
run().catch((error: unknown) => {
  log("error", "failed", { command, error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
