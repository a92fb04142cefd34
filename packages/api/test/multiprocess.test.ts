/**
 * Several API processes on one PostgreSQL, as deployments that outgrow one machine run: 200 concurrent
 * booking requests spread over two real processes on a 10-place session → exactly 10 confirmed.
 */
import { type ChildProcess, spawn } from "node:child_process"
import net from "node:net"
import path from "node:path"
import { Calendar, Service } from "@smartfam/domain"
import { Effect, Option, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Catalogue } from "../src/services/Catalogue.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { postgres, type TestDatabase } from "./engines.ts"
import { families, type TestFamily } from "./families.ts"

configure("error", false)

const START = new Date("2023-06-05T06:00:00.000Z")
/** A port nothing listens on now (asked of the OS), so a leftover process elsewhere cannot collide. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
    server.on("error", reject)
  })
const PORTS: Array<number> = []
const main = path.resolve(import.meta.dirname, "../src/main.ts")

const waitForHealth = async (port: number, child: ChildProcess) => {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`API on ${port} exited with ${child.exitCode}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`API on ${port} did not start`)
}

describe("two API processes on PostgreSQL", () => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  const processes: Array<ChildProcess> = []
  let fams: ReadonlyArray<TestFamily>
  const sessionId = "centro-estivo-staffora:multi-1"

  beforeAll(async () => {
    db = await postgres()
    runtime = Runtime.make(db.config, Clock.layerManual(START).layer)
    await runtime.runPromise(Catalogue.use((c) => c.load("smartfam-voghera-2022", Service.smartfamVoghera, Calendar.voghera, START)))
    await runtime.runPromise(
      Database.use(({ kysely }) =>
        Effect.promise(() =>
          kysely
            .insertInto("service_sessions")
            .values({ id: sessionId, service_id: "centro-estivo-staffora", date: "2023-06-12", start_time: "08:00", end_time: "16:00", starts_at: "2023-06-12T06:00:00.000Z", ends_at: "2023-06-12T14:00:00.000Z", capacity: 10 })
            .execute()
        )
      )
    )
    fams = await families(runtime, 200)
    const url = Redacted.value(Option.getOrThrow(db.config.databaseUrl))
    PORTS.push(await freePort(), await freePort())
    for (const port of PORTS) {
      // Node 24 runs the TypeScript sources directly (type stripping): no build needed for the test.
      const child = spawn(process.execPath, [main, "serve"], {
        env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "error", SMARTFAM_CLOCK: START.toISOString(), SMARTFAM_SWEEP_SECONDS: "3600" },
        stdio: ["ignore", "ignore", "inherit"]
      })
      processes.push(child)
    }
    await Promise.all(PORTS.map((port, i) => waitForHealth(port, processes[i]!)))
  }, 120_000)

  afterAll(async () => {
    for (const p of processes) p.kill("SIGKILL")
    await Promise.all(processes.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once("exit", r)))))
    await runtime.dispose()
    await db.drop()
  })

  it("200 concurrent bookings over both processes: exactly 10 confirmed, 190 waitlisted", async () => {
    const responses = await Promise.all(
      fams.map((f, i) =>
        fetch(`http://127.0.0.1:${PORTS[i % 2]}/api/v1/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie: f.cookie },
          body: JSON.stringify({ sessionId, childId: f.childId })
        })
      )
    )
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{ status: string; waitlistPosition: number | null }>
    expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([])
    expect(bodies.filter((b) => b.status === "confirmed")).toHaveLength(10)
    expect(bodies.filter((b) => b.status === "waitlisted")).toHaveLength(190)
    expect(bodies.map((b) => b.waitlistPosition).filter((p) => p !== null).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1))
  })
})
