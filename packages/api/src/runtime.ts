/** The services the API runs on, built once into one ManagedRuntime per process. */
import { Layer, ManagedRuntime } from "effect"
import type { AppConfig } from "./config.ts"
import type { Accounts } from "./services/Accounts.ts"
import { Audit } from "./services/Audit.ts"
import { Bookings } from "./services/Bookings.ts"
import { Clock } from "./services/Clock.ts"
import { Database } from "./services/Database.ts"
import { Households } from "./services/Households.ts"
import { Idempotency } from "./services/Idempotency.ts"
import { ProjectRepo } from "./services/ProjectRepo.ts"

export type AppServices = Database | ProjectRepo | Clock | Accounts | Idempotency | Households | Audit | Bookings
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>

export type RuntimeConfig = Pick<AppConfig, "databaseUrl" | "sqlitePath">

/** The live layer: the configured engine, migrated, with the SQL repositories on top. */
export const layer = (config: RuntimeConfig, clock: Layer.Layer<Clock> = Clock.layer()) =>
  Layer.mergeAll(ProjectRepo.layerSql, Idempotency.layerSql, Households.layerSql, Audit.layerSql, Bookings.layerSql()).pipe(Layer.provideMerge(Database.layer(config)), Layer.provideMerge(clock))

/** Builds the runtime; dispose it on shutdown to close the database. */
export const make = (config: RuntimeConfig, clock?: Layer.Layer<Clock>): AppRuntime => ManagedRuntime.make(layer(config, clock))
