/**
 * The HTTP edge as served by `main.ts serve` (a real Node server): request id and security headers on
 * every response; the catalogue's listing cache with gzip, ETag and 304; bodies over the limit refused
 * whether their length is declared or streamed; queries compiled once check their parameters.
 */
import http, { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { gunzipSync } from "node:zlib"
import { getRequestListener } from "@hono/node-server"
import { Calendar, Service } from "@smartfam/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"
import { prepared } from "../src/db/prepared.ts"
import { atEdge, SECURITY_HEADERS } from "../src/http/edge.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Catalogue } from "../src/services/Catalogue.ts"
import { Clock } from "../src/services/Clock.ts"
import { Database } from "../src/services/Database.ts"
import { Effect } from "effect"
import { sqlite, type TestDatabase } from "./engines.ts"

configure("error", false)

const START = new Date("2023-06-05T06:00:00.000Z")

describe("the HTTP edge", () => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  let server: Server
  let base: string

  beforeAll(async () => {
    db = sqlite()
    runtime = Runtime.make(db.config, Clock.layerManual(START).layer)
    await runtime.runPromise(Catalogue.use((c) => c.load("smartfam-voghera-2022", Service.smartfamVoghera, Calendar.voghera, START)))
    const app = makeApp({ runtime, bodyLimit: 1024 })
    server = createServer(atEdge(getRequestListener(app.fetch)))
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await runtime.dispose()
    await db.drop()
  })

  it("gives every response a request id and the security headers, keeping a proxy's id", async () => {
    for (const path of ["/health", "/api/v1/services", "/api/v1/none"]) {
      const res = await fetch(`${base}${path}`)
      expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/)
      for (const [name, value] of SECURITY_HEADERS) {
        if (!(path === "/api/v1/services" && name === "cache-control")) expect(res.headers.get(name), `${path} ${name}`).toBe(value)
      }
    }
    const res = await fetch(`${base}/health`, { headers: { "x-request-id": "proxy-abc-12345" } })
    expect(res.headers.get("x-request-id")).toBe("proxy-abc-12345")
    const bad = await fetch(`${base}/health`, { headers: { "x-request-id": "no spaces allowed" } })
    expect(bad.headers.get("x-request-id")).not.toBe("no spaces allowed")
  })

  it("serves the catalogue gzipped to clients that accept it, with an ETag and 304 on revalidation", async () => {
    const raw = await fetch(`${base}/api/v1/services?kind=closure-childcare`, { headers: { "accept-encoding": "identity" } })
    const plain = Buffer.from(await raw.arrayBuffer())
    expect(raw.headers.get("content-encoding")).toBeNull()
    expect(raw.headers.get("cache-control")).toBe("public, no-cache")
    const listing = JSON.parse(plain.toString()) as { items: Array<{ kind: string }> }
    expect(listing.items.length).toBeGreaterThan(0)
    expect(listing.items.every((i) => i.kind === "closure-childcare")).toBe(true)

    // Node's http client does not decompress: the bytes on the wire are gzip, and unzip to the same listing.
    const zipped = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = http.get(`${base}/api/v1/services?kind=closure-childcare`, { headers: { "accept-encoding": "gzip, br" } }, (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }))
      })
      req.on("error", reject)
    })
    expect(zipped.headers["content-encoding"]).toBe("gzip")
    expect(zipped.headers["vary"]).toBe("accept-encoding")
    expect(zipped.body.length).toBeLessThan(plain.length)
    expect(gunzipSync(zipped.body).equals(plain)).toBe(true)

    const etag = raw.headers.get("etag")!
    expect(etag).toMatch(/^".+"$/)
    const again = await fetch(`${base}/api/v1/services?kind=closure-childcare`, { headers: { "accept-encoding": "identity", "if-none-match": etag } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe("")
  })

  it("answers a bad catalogue query with a structured 400, also right after a cached listing", async () => {
    await fetch(`${base}/api/v1/services`)
    const res = await fetch(`${base}/api/v1/services?ageMonths=-3`)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ _tag: "ValidationError" })
  })

  it("refuses bodies over the limit, declared or streamed, with a structured 413", async () => {
    const big = JSON.stringify({ email: "x".repeat(2000) })
    const declared = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: big })
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ _tag: "PayloadTooLarge" })
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big))
        controller.close()
      }
    })
    const streamed = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(await streamed.json()).toMatchObject({ _tag: "PayloadTooLarge" })
  })

  it("checks at start that a compiled query binds its arguments in order", async () => {
    const { kysely } = await runtime.runPromise(Database.use((d) => Effect.succeed(d)))
    const byDate = prepared(kysely, (k, from: string, to: string) => k.selectFrom("service_sessions").select("id").where("date", ">=", from).where("date", "<=", to), "a", "b")
    expect((await byDate("2023-06-12", "2023-06-12")).length).toBeGreaterThan(0)
    expect(() => prepared(kysely, (k, from: string, to: string) => k.selectFrom("service_sessions").select("id").where("date", "<=", to).where("date", ">=", from), "a", "b")).toThrow(/do not match/)
  })
})
