/** The project the network runs, with its partners and budget: public. */
import { Project } from "@smartfam/domain"
import { Schema } from "effect"
import { Hono } from "hono"
import type { AppEnv } from "../http/env.ts"
import { problem } from "../http/errors.ts"
import { errors, type Operation } from "../http/openapi.ts"
import { ProjectRepo } from "../services/ProjectRepo.ts"

const encode = Schema.encodeSync(Project.Project)

/** The project served by default: the first one stored (one network per deployment). */
export const DEFAULT_PROJECT = "smartfam-voghera-2022"

export const project = new Hono<AppEnv>()
  .get("/", async (c) => {
    const result = await c.get("run")(ProjectRepo.use((repo) => repo.get(DEFAULT_PROJECT)))
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(encode(result.success), 200)
  })
  .get("/partners", async (c) => {
    const result = await c.get("run")(ProjectRepo.use((repo) => repo.get(DEFAULT_PROJECT)))
    if (result._tag === "Failure") return problem(c, result.failure)
    return c.json(encode(result.success).partners, 200)
  })

/** The OpenAPI description of these routes. */
export const projectOperations: ReadonlyArray<Operation> = [
  {
    method: "get",
    path: "/api/v1/project",
    operationId: "getProject",
    summary: "Il progetto: partner, budget, date (the project)",
    tags: ["project"],
    responses: { 200: { description: "The project", schema: Project.Project }, ...errors(404) }
  },
  {
    method: "get",
    path: "/api/v1/project/partners",
    operationId: "listPartners",
    summary: "I partner della rete (partners)",
    tags: ["project"],
    responses: { 200: { description: "The partners", schema: Schema.Array(Project.Partner) }, ...errors(404) }
  }
]
