/**
 * The contract: the OpenAPI document validates with an independent validator, and every endpoint answers
 * malformed input with a structured 4xx (never a 500, never a stack trace).
 */
import { Validator } from "@seriousme/openapi-schema-validator"
import { Calendar, Service } from "@smartfam/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { Catalogue } from "../src/services/Catalogue.ts"
import { Clock } from "../src/services/Clock.ts"
import { sqlite, type TestDatabase } from "./engines.ts"
import { families, type TestFamily } from "./families.ts"

configure("error", false)

const START = new Date("2023-06-05T06:00:00.000Z")

interface Doc {
  paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ in: string; name: string }>; security?: unknown }>>
}

describe("contract", () => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  let app: ReturnType<typeof makeApp>
  let family: TestFamily
  let doc: Doc

  beforeAll(async () => {
    db = sqlite()
    runtime = Runtime.make(db.config, Clock.layerManual(START).layer)
    await runtime.runPromise(Catalogue.use((c) => c.load("smartfam-voghera-2022", Service.smartfamVoghera, Calendar.voghera, START)))
    app = makeApp({ runtime, bodyLimit: 8 * 1024 })
    ;[family] = (await families(runtime, 1)) as [TestFamily]
    doc = (await (await app.request("/api/openapi.json")).json()) as Doc
  })
  afterAll(async () => {
    await runtime.dispose()
    await db.drop()
  })

  it("serves an OpenAPI 3.1 document that an independent validator accepts", async () => {
    const validator = new Validator()
    const result = await validator.validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe("3.1")
    expect(Object.keys(doc.paths).length).toBeGreaterThanOrEqual(15)
  })

  const bad: ReadonlyArray<[string, string | undefined, string]> = [
    ["not JSON", "{nope", "application/json"],
    ["a JSON array", "[1,2,3]", "application/json"],
    ["a JSON string", '"ciao"', "application/json"],
    ["wrong types", JSON.stringify({ sessionId: 42, childId: false, email: 7, password: [], serviceId: {}, facts: "x", token: 1, adults: "x" }), "application/json"],
    ["an empty body", "", "application/json"],
    ["plain text", "ciao", "text/plain"],
    ["a body over the limit", JSON.stringify({ x: "y".repeat(20_000) }), "application/json"]
  ]

  it("answers malformed input on every mutating endpoint with a structured 4xx", async () => {
    const seen: Array<string> = []
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // Endpoints that read no body (logout, booking actions, erasure) have nothing to be malformed.
        if (method === "get" || op.requestBody === undefined) continue
        const url = path.replace(/\{(\w+)\}/g, "nonexistent-id")
        for (const [label, body, type] of bad) {
          const res = await app.request(url, {
            method: method.toUpperCase(),
            headers: { "content-type": type, ...(op.security ? { cookie: family.cookie } : {}) },
            ...(body === undefined ? {} : { body })
          })
          seen.push(`${method} ${path} ${label} → ${res.status}`)
          expect(res.status, `${method} ${path} with ${label}`).toBeGreaterThanOrEqual(400)
          expect(res.status, `${method} ${path} with ${label}`).toBeLessThan(500)
          const json = (await res.json()) as { _tag?: unknown; message?: unknown }
          expect(typeof json._tag, `${method} ${path} with ${label}`).toBe("string")
          expect(typeof json.message).toBe("string")
          expect(JSON.stringify(json)).not.toMatch(/\bat .+\.(ts|js):\d+/)
        }
      }
    }
    expect(seen.length).toBeGreaterThanOrEqual(7 * 7)
  })

  it("answers malformed query strings on every listing with a structured 400", async () => {
    const cases = [
      "/api/v1/services?kind=zoo",
      "/api/v1/services?ageMonths=-3",
      "/api/v1/services?from=2023-02-30",
      "/api/v1/services?comune=Voghera",
      "/api/v1/services?closureOnly=forse",
      "/api/v1/services/nido-cresciamo/sessions?from=ieri",
      "/api/v1/eligibility/mine?date=2023-13-01"
    ]
    for (const url of cases) {
      const res = await app.request(url, { headers: { cookie: family.cookie } })
      expect(res.status, url).toBe(400)
      expect(await res.json(), url).toMatchObject({ _tag: "ValidationError", issues: expect.any(Array) })
    }
  })

  it("answers unknown ids with 404 NotFound", async () => {
    for (const url of ["/api/v1/services/nope", "/api/v1/services/nope/sessions"]) {
      const res = await app.request(url)
      expect(res.status).toBe(404)
      expect(await res.json()).toMatchObject({ _tag: "NotFound" })
    }
  })

  it("exposes Prometheus metrics", async () => {
    await app.request("/api/v1/services")
    const text = await (await app.request("/metrics")).text()
    expect(text).toContain('smartfam_http_requests_total{method="GET",route="/api/v1/services",status="200"}')
    expect(text).toContain("process_cpu_user_seconds_total")
  })
})
