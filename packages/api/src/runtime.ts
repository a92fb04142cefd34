/** The services the API runs on, built once into one ManagedRuntime per process. */
import { Layer, ManagedRuntime, Option } from "effect"
import type { AppConfig } from "./config.ts"
import { network } from "./network.ts"
import { Accounts } from "./services/Accounts.ts"
import { Applications } from "./services/Applications.ts"
import { Audit } from "./services/Audit.ts"
import { Bookings } from "./services/Bookings.ts"
import { CalendarFeeds } from "./services/CalendarFeeds.ts"
import { Catalogue } from "./services/Catalogue.ts"
import { Clock } from "./services/Clock.ts"
import { Database } from "./services/Database.ts"
import { Households } from "./services/Households.ts"
import { Idempotency } from "./services/Idempotency.ts"
import { Mailer } from "./services/Mailer.ts"
import { Oidc } from "./services/Oidc.ts"
import { ProjectRepo } from "./services/ProjectRepo.ts"
import { RateLimits } from "./services/RateLimits.ts"

export type AppServices = Database | ProjectRepo | Clock | Accounts | Idempotency | Households | Audit | Bookings | Applications | Catalogue | Mailer | Oidc | RateLimits | CalendarFeeds
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, never>

export type RuntimeConfig = Pick<AppConfig, "databaseUrl" | "sqlitePath"> &
  Partial<Pick<AppConfig, "sessionDays" | "portalUrl" | "outboxDir" | "smtpUrl" | "mailFrom" | "oidc">>

/** Accounts, email and OIDC: their settings, with the configuration's defaults when left out (tests). */
const accountLayers = (config: RuntimeConfig) =>
  Layer.mergeAll(
    Accounts.layerSql({
      sessionTtlMs: (config.sessionDays ?? 30) * 86_400_000,
      ...(config.portalUrl === undefined ? {} : { portalUrl: config.portalUrl })
    }),
    Oidc.layer(config.oidc ?? Option.none())
  ).pipe(
    Layer.provideMerge(
      Mailer.layer({
        outboxDir: config.outboxDir ?? "./data/outbox",
        smtpUrl: config.smtpUrl ?? Option.none(),
        mailFrom: config.mailFrom ?? "Smartfam <noreply@smartfam.example>"
      })
    )
  )

/** The live layer: the configured engine, migrated, with the SQL repositories on top. */
export const layer = (config: RuntimeConfig, clock: Layer.Layer<Clock> = Clock.layer()) =>
  Layer.mergeAll(ProjectRepo.layerSql, Idempotency.layerSql, RateLimits.layerSql, CalendarFeeds.layerSql, Households.layerSql, Audit.layerSql, Bookings.layerSql(), Applications.layerSql(network.admissions, network.rankingRules), Catalogue.layerSql, accountLayers(config)).pipe(Layer.provideMerge(Database.layer(config)), Layer.provideMerge(clock))

/** Builds the runtime; dispose it on shutdown to close the database. */
export const make = (config: RuntimeConfig, clock?: Layer.Layer<Clock>): AppRuntime => ManagedRuntime.make(layer(config, clock))
