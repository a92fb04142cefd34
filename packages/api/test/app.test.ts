import { Fixtures } from "@smartfam/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.ts"
import { configure } from "../src/http/log.ts"
import * as Runtime from "../src/runtime.ts"
import { ProjectRepo } from "../src/services/ProjectRepo.ts"
import { engines, type TestDatabase } from "./engines.ts"

configure("error", false)

describe.each(engines)("API on %s", (_name, open) => {
  let db: TestDatabase
  let runtime: Runtime.AppRuntime
  let app: ReturnType<typeof makeApp>

  beforeAll(async () => {
    db = await open()
    runtime = Runtime.make(db.config)
    await runtime.runPromise(ProjectRepo.use((repo) => repo.save(Fixtures.smartfamVoghera, new Date("2026-01-01T00:00:00Z"))))
    app = makeApp({ runtime, bodyLimit: 1024 })
  })
  afterAll(async () => {
    await runtime.dispose()
    await db.drop()
  })

  it("reports health with the engine it runs on", async () => {
    const res = await app.request("/health")
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: "ok", database: db.name })
  })

  it("serves the seeded project with its partners and money", async () => {
    const res = await app.request("/api/v1/project")
    expect(res.status).toBe(200)
    const body = (await res.json()) as { title: string; totalCost: number; grant: number; partners: Array<{ role: string; legalName: string }> }
    expect(body.title).toBe("Famiglie Smart – Smartfam Voghera")
    expect(body.totalCost).toBe(10_544_029)
    expect(body.grant).toBe(5_000_000)
    expect(body.partners.find((p) => p.role === "capofila")?.legalName).toBe("CresciAmo Società Cooperativa Sociale")
    expect(res.headers.get("x-request-id")).toMatch(/.+/)
  })

  it("serves the partners", async () => {
    const res = await app.request("/api/v1/project/partners")
    expect(res.status).toBe(200)
    expect(((await res.json()) as Array<unknown>).length).toBe(4)
  })

  it("answers an unknown route with a structured 404", async () => {
    const res = await app.request("/api/v1/nope")
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ _tag: "NotFound", message: expect.stringContaining("non trovato") })
  })

  it("refuses a body over the limit with a structured 413", async () => {
    const res = await app.request("/api/v1/project", { method: "POST", body: "x".repeat(4096), headers: { "content-length": "4096" } })
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ _tag: "PayloadTooLarge" })
  })

  it("keeps data across a restart of the runtime", async () => {
    const again = Runtime.make(db.config)
    const list = await again.runPromise(ProjectRepo.use((repo) => repo.list))
    await again.dispose()
    expect(list.map((p) => p.id)).toEqual([Fixtures.smartfamVoghera.id])
  })
})

describe("the project is missing", () => {
  it("answers 404 NotFound, not 500", async () => {
    const { sqlite } = await import("./engines.ts")
    const db = sqlite()
    const runtime = Runtime.make(db.config)
    const app = makeApp({ runtime })
    const res = await app.request("/api/v1/project")
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ _tag: "NotFound", resource: "project" })
    await runtime.dispose()
    await db.drop()
  })
})
