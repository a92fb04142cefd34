/** Stored projects: the SQL layer for both engines and an in-memory layer for tests of other services. */
import { Fixtures, Project } from "@smartfam/domain"
import { Context, Effect, Layer, Ref, Schema } from "effect"
import { Database } from "./Database.ts"
import { NotFound } from "./errors.ts"

const decode = Schema.decodeUnknownSync(Schema.fromJsonString(Project.Project))
const encode = Schema.encodeSync(Schema.fromJsonString(Project.Project))

export class ProjectRepo extends Context.Service<
  ProjectRepo,
  {
    readonly list: Effect.Effect<ReadonlyArray<Project.Project>>
    get(id: string): Effect.Effect<Project.Project, NotFound>
    save(project: Project.Project, at: Date): Effect.Effect<void>
  }
>()("smartfam/ProjectRepo") {
  static readonly layerSql = Layer.effect(
    ProjectRepo,
    Effect.gen(function* () {
      const { kysely, engine } = yield* Database
      return ProjectRepo.of({
        list: Effect.promise(() => kysely.selectFrom("projects").select("data").orderBy("id").execute()).pipe(
          Effect.map((rows) => rows.map((r) => decode(r.data)))
        ),
        get: (id) =>
          Effect.promise(() => kysely.selectFrom("projects").select("data").where("id", "=", id).executeTakeFirst()).pipe(
            Effect.flatMap((row) =>
              row === undefined ? Effect.fail(new NotFound({ resource: "project", id })) : Effect.succeed(decode(row.data))
            )
          ),
        save: (project, at) =>
          Effect.promise(() =>
            kysely
              .insertInto("projects")
              .values({ id: project.id, data: encode(project), updated_at: at.toISOString() })
              .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ data: eb.ref("excluded.data"), updated_at: eb.ref("excluded.updated_at") })))
              .execute()
          ).pipe(Effect.asVoid, Effect.withSpan("ProjectRepo.save", { attributes: { engine } }))
      })
    })
  )

  static readonly layerMemory = Layer.effect(
    ProjectRepo,
    Effect.gen(function* () {
      const store = yield* Ref.make(new Map<string, Project.Project>([[Fixtures.smartfamVoghera.id, Fixtures.smartfamVoghera]]))
      return ProjectRepo.of({
        list: Ref.get(store).pipe(Effect.map((m) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id)))),
        get: (id) =>
          Ref.get(store).pipe(
            Effect.flatMap((m) => {
              const p = m.get(id)
              return p === undefined ? Effect.fail(new NotFound({ resource: "project", id })) : Effect.succeed(p)
            })
          ),
        save: (project) => Ref.update(store, (m) => new Map(m).set(project.id, project))
      })
    })
  )
}
