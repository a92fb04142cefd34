/** The services the API runs on, built once into one ManagedRuntime per process. */
import { Layer, ManagedRuntime } from "effect"
import type { AppConfig } from "./config.ts"
import { Database } from "./services/Database.ts"
import { ProjectRepo } from "./services/ProjectRepo.ts"

export type AppServices = Database | ProjectRepo
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>

/** The live layer: the configured engine, migrated, with the SQL repositories on top. */
export const layer = (config: Pick<AppConfig, "databaseUrl" | "sqlitePath">) =>
  ProjectRepo.layerSql.pipe(Layer.provideMerge(Database.layer(config)))

/** Builds the runtime; dispose it on shutdown to close the database. */
export const make = (config: Pick<AppConfig, "databaseUrl" | "sqlitePath">): AppRuntime => ManagedRuntime.make(layer(config))
