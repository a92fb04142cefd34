/**
 * The API's configuration: the one module that reads `process.env`. Every value is validated at start;
 * a bad value stops the process with a message naming the variable.
 */
import { Config, ConfigProvider, Effect, Option, Redacted, Schema } from "effect"

export interface AppConfig {
  readonly port: number
  readonly host: string
  /** PostgreSQL URL; when absent the embedded SQLite file is used. */
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly sqlitePath: string
  readonly logLevel: "debug" | "info" | "warn" | "error"
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number
}

const config = Config.all({
  port: Config.Port("PORT").pipe(Config.withDefault(3000)),
  host: Config.String("HOST").pipe(Config.withDefault("127.0.0.1")),
  databaseUrl: Config.option(
    Config.schema(
      Schema.String.pipe(
        Schema.check(Schema.isPattern(/^postgres(ql)?:\/\//, { message: "deve iniziare con postgres:// (must start with postgres://)" }))
      ),
      "DATABASE_URL"
    ).pipe(Config.map(Redacted.make))
  ),
  sqlitePath: Config.String("SMARTFAM_SQLITE_PATH").pipe(Config.withDefault("./data/smartfam.db")),
  logLevel: Config.Literals(["debug", "info", "warn", "error"], "LOG_LEVEL").pipe(Config.withDefault("info" as const)),
  bodyLimit: Config.Int("SMARTFAM_BODY_LIMIT").pipe(Config.withDefault(64 * 1024))
})

/** Reads and validates the configuration from an environment (default: the process's). */
export const load = (env: Record<string, string | undefined> = process.env): Effect.Effect<AppConfig, Config.ConfigError> =>
  config.pipe(
    Effect.provide(
      ConfigProvider.layer(
        ConfigProvider.fromEnv({
          env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""))
        })
      )
    )
  )

/** Reads the configuration or exits with a readable message for each bad value. */
export const loadOrExit = (env?: Record<string, string | undefined>): AppConfig => {
  const exit = Effect.runSyncExit(load(env))
  if (exit._tag === "Success") return exit.value
  console.error(`Configurazione non valida (invalid configuration):\n${String(exit.cause)}`)
  process.exit(1)
}
