/**
 * The HTTP edge as served by `main.ts serve` (a real Node server): request id and security headers on
 * every response; the catalogue's listing cache with gzip, ETag and 304; bodies over the limit refused
 * whether their length is declared or streamed; queries compiled once check their parameters.
 */
import http, { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { gunzipSync } from "node:zlib"
import { Calendar, Service } from "@smartfam/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { nodeListener } from "../src/app.ts"
import { prepared, preparedShapes } from "../src/db/prepared.ts"
import { getRequestListener } from "@hono/node-server"
import { Hono } from "hono"
import { atEdge, clientAddress, edgeServer, HSTS, makeMicrocache, responseText, SECURITY_HEADERS } from "../src/http/edge.ts"
import type { AppEnv } from "../src/http/env.ts"
import { sessionCookieIn } from "../src/http/auth.ts"
import { makeMetrics } from "../src/http/metrics.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Accounts } from "../src/services/Accounts.ts"
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
    server = edgeServer(nodeListener({ runtime, bodyLimit: 1024 }))
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
    // HSTS only where the client came over HTTPS (RFC 6797 §7.2), here through a TLS-terminating proxy.
    expect((await fetch(`${base}/health`)).headers.get(HSTS[0])).toBeNull()
    for (const path of ["/health", "/api/v1/services", "/api/v1/none"]) {
      expect((await fetch(`${base}${path}`, { headers: { "x-forwarded-proto": "https" } })).headers.get(HSTS[0]), path).toBe(HSTS[1])
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

  it("compiles a query once per shape of its lists, and checks the first of each shape binds in order", async () => {
    const { kysely } = await runtime.runPromise(Database.use((d) => Effect.succeed(d)))
    let compiled = 0
    const onDates = preparedShapes(
      (k, dates: ReadonlyArray<string>) => (compiled++, k.selectFrom("service_sessions").select("date").where("date", "in", dates).where("capacity", ">", 0)),
      (dates) => String(dates.length),
      (dates) => [...dates, 0]
    )
    const days = async (dates: ReadonlyArray<string>) => new Set((await onDates(kysely, dates)).map((r) => r.date))
    expect(await days(["2023-06-12"])).toEqual(new Set(["2023-06-12"]))
    // Same shape, other values: the SQL compiled for the first call, with these parameters.
    expect(await days(["2023-06-13"])).toEqual(new Set(["2023-06-13"]))
    expect(await days(["2023-06-12", "2023-06-14"])).toEqual(new Set(["2023-06-12", "2023-06-14"]))
    expect(compiled).toBe(2)
    const misordered = preparedShapes(
      (k, dates: ReadonlyArray<string>) => k.selectFrom("service_sessions").select("date").where("date", "in", dates).where("capacity", ">", 0),
      (dates) => String(dates.length),
      (dates) => [0, ...dates]
    )
    await expect(misordered(kysely, ["2023-06-12"])).rejects.toThrow(/do not match/)
  })

  it("reads JSON bodies from Node: malformed is 400, not declared JSON is a validation 400, a retry with its key is replayed", async () => {
    const login = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body })
    const malformed = await login("{not json")
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toMatchObject({ _tag: "BadRequest" })
    const text = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" })
    expect(text.status).toBe(400)
    expect(await text.json()).toMatchObject({ _tag: "ValidationError" })
    // The idempotency fingerprint and the validator read the same body once.
    const body = JSON.stringify({ email: "nobody@example.org", password: "wrong-password-1" })
    const first = await login(body, { "idempotency-key": "edge-test-key-1" })
    expect(first.status).toBe(401)
    const again = await login(body, { "idempotency-key": "edge-test-key-1" })
    expect(again.status).toBe(401)
    expect(again.headers.get("idempotent-replayed")).toBe("true")
    expect(await again.json()).toEqual(await first.json())
    const other = await login(JSON.stringify({ email: "other@example.org", password: "wrong-password-1" }), { "idempotency-key": "edge-test-key-1" })
    expect(other.status).toBe(409)
  })

  it("reads a streamed body under the limit like a declared one", async () => {
    const small = JSON.stringify({ email: "nobody@example.org", password: "wrong-password-2" })
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(small.slice(0, 10)))
        controller.enqueue(new TextEncoder().encode(small.slice(10)))
        controller.close()
      }
    })
    const res = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ _tag: "Unauthorized" })
  })

  it("replays a micro-cached response before the app runs, with the same headers, gzip and 304", async () => {
    const microcache = makeMicrocache(60_000)
    const metrics = makeMetrics()
    let appCalls = 0
    const edge = createServer(
      atEdge(
        (_req, res) => {
          appCalls++
          res.writeHead(404).end()
        },
        { microcache, metrics }
      )
    )
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`
    try {
      const body = Buffer.from(JSON.stringify({ items: [1, 2, 3] }))
      microcache.set("/api/v1/services?kind=x", { route: "/api/v1/services", contentType: "application/json", plain: { body, etag: '"p"' }, gzip: { body: Buffer.from("zipped"), etag: '"g"' } })
      const plain = await fetch(`${url}/api/v1/services?kind=x`, { headers: { "accept-encoding": "identity" } })
      expect(plain.status).toBe(200)
      expect(Buffer.from(await plain.arrayBuffer()).equals(body)).toBe(true)
      expect(plain.headers.get("etag")).toBe('"p"')
      expect(plain.headers.get("cache-control")).toBe("public, no-cache")
      expect(plain.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/)
      for (const [name, value] of SECURITY_HEADERS) if (name !== "cache-control") expect(plain.headers.get(name), name).toBe(value)
      const zipped = await new Promise<http.IncomingMessage>((resolve) => http.get(`${url}/api/v1/services?kind=x`, { headers: { "accept-encoding": "gzip" } }, resolve))
      expect(zipped.headers["content-encoding"]).toBe("gzip")
      expect(zipped.headers["etag"]).toBe('"g"')
      zipped.resume()
      const unchanged = await fetch(`${url}/api/v1/services?kind=x`, { headers: { "accept-encoding": "identity", "if-none-match": '"p"' } })
      expect(unchanged.status).toBe(304)
      // Two requests ids, two answers: the shared header list carries each request's own id.
      const [a, b] = await Promise.all([fetch(`${url}/api/v1/services?kind=x`), fetch(`${url}/api/v1/services?kind=x`)])
      expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"))
      expect(appCalls).toBe(0)
      // Anything else goes to the app: another query, another method.
      expect((await fetch(`${url}/api/v1/services?kind=y`)).status).toBe(404)
      expect((await fetch(`${url}/api/v1/services?kind=x`, { method: "HEAD" })).status).toBe(404)
      expect(appCalls).toBe(2)
      const exposed = await metrics.registry.metrics()
      expect(exposed).toMatch(/smartfam_http_requests_total\{method="GET",route="\/api\/v1\/services",status="200"\} 4/)
      expect(exposed).toMatch(/smartfam_http_requests_total\{method="GET",route="\/api\/v1\/services",status="304"\} 1/)
      // The duration histogram in Prometheus's text format: cumulative buckets ending at +Inf = count.
      expect(exposed).toContain("# TYPE smartfam_http_request_duration_seconds histogram")
      expect(exposed).toMatch(/smartfam_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/services",le="\+Inf"\} 5\n/)
      expect(exposed).toMatch(/smartfam_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/services"\} 5\n/)
      const buckets = [...exposed.matchAll(/smartfam_http_request_duration_seconds_bucket\{method="GET",route="\/api\/v1\/services",le="([^"]+)"\} (\d+)/g)].map((m) => Number(m[2]))
      expect(buckets).toHaveLength(11)
      expect(buckets.every((n, i) => i === 0 || n >= buckets[i - 1]!)).toBe(true)
    } finally {
      await new Promise((resolve) => edge.close(resolve))
    }
  })

  it("finds the session cookie among others, by its whole name", () => {
    expect(sessionCookieIn("smartfam_session=abc")).toBe("abc")
    expect(sessionCookieIn("theme=dark; smartfam_session=abc; lang=it")).toBe("abc")
    expect(sessionCookieIn("theme=dark;smartfam_session=abc")).toBe("abc")
    expect(sessionCookieIn('smartfam_session="abc"')).toBe("abc")
    expect(sessionCookieIn("smartfam_session=a%2Fb")).toBe("a/b")
    expect(sessionCookieIn("xsmartfam_session=evil")).toBeUndefined()
    expect(sessionCookieIn("xsmartfam_session=evil; smartfam_session=good")).toBe("good")
    expect(sessionCookieIn("smartfam_session=%E0%A4%A")).toBeUndefined()
    expect(sessionCookieIn(undefined)).toBeUndefined()
    expect(sessionCookieIn("other=1")).toBeUndefined()
  })

  it("adds the edge's headers however a handler writes its head, keeping the handler's own", async () => {
    const SHARED = { "Cache-Control": "public, max-age=5", "content-type": "text/plain" }
    const handlers: Record<string, (res: http.ServerResponse) => void> = {
      "/implicit": (res) => res.end("hi"),
      "/record": (res) => res.writeHead(201, { "cache-control": "public, max-age=60", "content-type": "text/plain" }).end("hi"),
      "/message": (res) => res.writeHead(202, "Accepted", { "content-type": "text/plain" }).end("hi"),
      "/list": (res) => res.writeHead(200, ["content-type", "text/plain"]).end("hi"),
      "/set": (res) => {
        res.setHeader("x-frame-options", "SAMEORIGIN")
        res.end("hi")
      },
      "/shared": (res) => res.writeHead(200, SHARED).end("hi")
    }
    const edge = edgeServer(atEdge((req, res) => handlers[req.url ?? ""]!(res)))
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve))
    const url = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`
    try {
      for (const path of Object.keys(handlers)) {
        const res = await fetch(`${url}${path}`, { headers: { "x-forwarded-proto": "https" } })
        expect(await res.text()).toBe("hi")
        expect(res.headers.get("x-request-id"), path).toMatch(/^[\w-]{8,}$/)
        expect(res.headers.get(HSTS[0]), path).toBe(HSTS[1])
        for (const [name, value] of SECURITY_HEADERS) {
          const own = ((path === "/record" || path === "/shared") && name === "cache-control") || (path === "/set" && name === "x-frame-options")
          if (!own) expect(res.headers.get(name), `${path} ${name}`).toBe(value)
        }
      }
      expect((await fetch(`${url}/record`)).headers.get("cache-control")).toBe("public, max-age=60")
      expect((await fetch(`${url}/set`)).headers.get("x-frame-options")).toBe("SAMEORIGIN")
      expect((await fetch(`${url}/message`)).status).toBe(202)
      // A shared header record is left as it was, and its own names count whatever their case.
      const [one, two] = [await fetch(`${url}/shared`), await fetch(`${url}/shared`)]
      expect(one.headers.get("x-request-id")).not.toBe(two.headers.get("x-request-id"))
      expect(two.headers.get("cache-control")).toBe("public, max-age=5")
      expect(Object.keys(SHARED)).toEqual(["Cache-Control", "content-type"])
    } finally {
      await new Promise((resolve) => edge.close(resolve))
    }
  })

  it("limits login tries per client address too, the address a trusted proxy forwards", async () => {
    const login = (n: number, forwardedFor: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
        body: JSON.stringify({ email: `stuffing-${n}@example.org`, password: "wrong-password-3" })
      })
    // The test's peer is loopback, trusted by default: the forwarded address is the client.
    for (let n = 0; n < 100; n++) expect((await login(n, "203.0.113.7")).status).toBe(401)
    const limited = await login(100, "203.0.113.7")
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ _tag: "TooManyRequests" })
    // Another address (a proxy's own hop after it does not count) is not limited.
    expect((await login(101, "203.0.113.8, 127.0.0.1")).status).toBe(401)
  }, 60_000)

  it("counts only failed logins against an address: an office's families logging in are not locked out", async () => {
    await runtime.runPromise(Accounts.use((a) => a.createFamily({ email: "ufficio@example.org", password: "una-password-lunga" })))
    const attempt = (email: string, password: string) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.20" },
        body: JSON.stringify({ email, password })
      })
    for (let n = 0; n < 99; n++) expect((await attempt(`office-${n}@example.org`, "wrong-password-4")).status).toBe(401)
    expect((await attempt("ufficio@example.org", "una-password-lunga")).status).toBe(200)
    // The success did not count: this is failure 100, still answered.
    expect((await attempt("office-99@example.org", "wrong-password-4")).status).toBe(401)
    expect((await attempt("office-100@example.org", "wrong-password-4")).status).toBe(429)
    // Once the address has used up its failures, even the right password waits for the window.
    expect((await attempt("ufficio@example.org", "una-password-lunga")).status).toBe(429)
  }, 60_000)

  it("names the client: the peer, or the nearest untrusted hop a trusted peer forwards", async () => {
    const seen = (trusted: ReadonlyArray<string>) => {
      const app = new Hono<AppEnv>().get("/", (c) => c.text(clientAddress(c, new Set(trusted)) ?? "unknown"))
      return edgeServer(atEdge(getRequestListener(app.fetch)))
    }
    for (const [trusted, forwarded, expected] of [
      [[], "198.51.100.1", "127.0.0.1"],
      [["127.0.0.1", "::ffff:127.0.0.1"], "198.51.100.1", "198.51.100.1"],
      [["127.0.0.1", "::ffff:127.0.0.1", "10.0.0.2"], "198.51.100.1, 198.51.100.9, 10.0.0.2", "198.51.100.9"],
      [["127.0.0.1", "::ffff:127.0.0.1"], undefined, "127.0.0.1"]
    ] as const) {
      const server = seen(trusted)
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded } })
        expect((await res.text()).replace("::ffff:", ""), `${trusted.join(" ")} ${forwarded}`).toBe(expected)
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
    }
  })

  it("reads a response's text for the idempotency store without losing the server's fast path", async () => {
    // What the middleware read, and whether the response still had its parts when it was sent.
    const seen: Array<{ text: string; fast: boolean }> = []
    const fast = (res: Response) => Object.getOwnPropertySymbols(res).some((s) => s.description === "cache")
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        await next()
        seen.push({ text: await responseText(c.res), fast: fast(c.res) })
      })
      .post("/json", (c) => c.json({ status: "confirmed", note: "è" }, 201))
      .post("/stream", (c) => c.body(new Blob(["a streamed ", "body"]).stream(), 200))
    const edge = edgeServer(atEdge(getRequestListener(app.fetch)))
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve))
    try {
      const base = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`
      const json = await fetch(`${base}/json`, { method: "POST" })
      expect(json.status).toBe(201)
      expect(await json.text()).toBe('{"status":"confirmed","note":"è"}')
      // Any other body is read from a clone, and the client still gets all of it.
      const stream = await fetch(`${base}/stream`, { method: "POST" })
      expect(await stream.text()).toBe("a streamed body")
      expect(seen).toEqual([
        { text: '{"status":"confirmed","note":"è"}', fast: true },
        { text: "a streamed body", fast: false }
      ])
    } finally {
      await new Promise((resolve) => edge.close(resolve))
    }
  })

  it("believes X-Forwarded-Proto for HSTS only from a trusted proxy", async () => {
    for (const [trusted, expected] of [
      [new Set<string>(), null],
      [new Set(["127.0.0.1"]), HSTS[1]]
    ] as const) {
      const edge = edgeServer(atEdge((_req, res) => res.end("hi"), { trusted }))
      await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve))
      try {
        const res = await fetch(`http://127.0.0.1:${(edge.address() as AddressInfo).port}/`, { headers: { "x-forwarded-proto": "https" } })
        expect(res.headers.get(HSTS[0])).toBe(expected)
      } finally {
        await new Promise((resolve) => edge.close(resolve))
      }
    }
  })
})
