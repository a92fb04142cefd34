/**
 * The API's configuration: the one module that reads `process.env`. Every value is validated at start;
 * a bad value stops the process with a message naming the variable.
 */
import { isIP } from "node:net"
import { Config, ConfigProvider, Effect, Option, Redacted, Schema } from "effect"
import { DEFAULT_TRUSTED_PROXIES } from "./http/edge.ts"

export interface AppConfig {
  readonly port: number
  readonly host: string
  /** PostgreSQL URL; when absent the embedded SQLite file is used. */
  readonly databaseUrl: Option.Option<Redacted.Redacted<string>>
  readonly sqlitePath: string
  /** Seconds between two sweeps of lapsed holds and offers (SMARTFAM_SWEEP_SECONDS). */
  readonly sweepSeconds: number
  /** The demo clock: the instant "now" is at start (SMARTFAM_CLOCK); then time runs normally. */
  readonly clock: Option.Option<Date>
  readonly logLevel: "debug" | "info" | "warn" | "error"
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number
  /** Session cookies carry `Secure`: default true, false when the API listens on loopback (the plain-http demo). */
  readonly cookieSecure: boolean
  /** How long a login lasts, in days. */
  readonly sessionDays: number
  /** Base of the links in emails (the families' portal). */
  readonly portalUrl: string
  /** Folder the development outbox writes `.eml` files to (when no SMTP server is configured). */
  readonly outboxDir: string
  /** `smtp(s)://user:pass@host:port`: send real email instead of writing the outbox. */
  readonly smtpUrl: Option.Option<Redacted.Redacted<string>>
  /** The sender of every email. */
  readonly mailFrom: string
  /** OIDC login (SPID/CIE gateways): enabled when `OIDC_ISSUER` is set. */
  readonly oidc: Option.Option<OidcConfig>
  /**
   * Addresses whose `X-Forwarded-For` is believed (SMARTFAM_TRUSTED_PROXIES, comma-separated): the portal's
   * server and any reverse proxy in front of the API; `none` trusts nobody. Default: loopback (the portal
   * on the same host). IPv4 peers of a dual-stack socket (`::ffff:a.b.c.d`) match their IPv4 address.
   */
  readonly trustedProxies: ReadonlyArray<string>
}

/** The relying party's settings for an OIDC provider. */
export interface OidcConfig {
  readonly issuer: string
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  readonly redirectUri: string
}

const loopback = new Set(["127.0.0.1", "localhost", "::1", "[::1]"])

const isHttpUrl = (s: string) => {
  try {
    const url = new URL(s)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

/** An absolute http(s) URL, as written. */
const httpUrl = (name: string) =>
  Config.schema(Schema.String.pipe(Schema.check(Schema.makeFilter((s) => isHttpUrl(s) || "deve essere un URL http(s) (must be an http(s) URL)"))), name)

const oidc = Config.option(httpUrl("OIDC_ISSUER")).pipe(
  Config.flatMap((issuer) =>
    Option.match(issuer, {
      onNone: () => Config.succeed(Option.none<OidcConfig>()),
      // Once the issuer is set, the other three are required: a half-configured login fails at start.
      onSome: (issuer) =>
        Config.all({
          issuer: Config.succeed(issuer),
          clientId: Config.String("OIDC_CLIENT_ID"),
          clientSecret: Config.Redacted("OIDC_CLIENT_SECRET"),
          redirectUri: httpUrl("OIDC_REDIRECT_URI")
        }).pipe(Config.map(Option.some))
    })
  )
)

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
  sweepSeconds: Config.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 3600 }))), "SMARTFAM_SWEEP_SECONDS").pipe(Config.withDefault(30)),
  clock: Config.option(
    Config.schema(
      Schema.String.pipe(
        Schema.check(
          Schema.makeFilter((s) => !Number.isNaN(Date.parse(s)) || "un istante ISO 8601, es. 2023-06-05T08:00:00+02:00 (an ISO 8601 instant)")
        )
      ),
      "SMARTFAM_CLOCK"
    ).pipe(Config.map((s) => new Date(s)))
  ),
  logLevel: Config.Literals(["debug", "info", "warn", "error"], "LOG_LEVEL").pipe(Config.withDefault("info" as const)),
  bodyLimit: Config.Int("SMARTFAM_BODY_LIMIT").pipe(Config.withDefault(64 * 1024)),
  cookieSecure: Config.option(Config.Boolean("SMARTFAM_COOKIE_SECURE")),
  sessionDays: Config.schema(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 365 }))), "SMARTFAM_SESSION_DAYS").pipe(
    Config.withDefault(30)
  ),
  portalUrl: httpUrl("SMARTFAM_PORTAL_URL").pipe(
    Config.map((s) => s.replace(/\/+$/, "")),
    Config.withDefault("http://127.0.0.1:3001")
  ),
  outboxDir: Config.String("SMARTFAM_OUTBOX_DIR").pipe(Config.withDefault("./data/outbox")),
  smtpUrl: Config.option(
    Config.schema(
      Schema.String.pipe(Schema.check(Schema.isPattern(/^smtps?:\/\//, { message: "deve iniziare con smtp:// o smtps:// (must start with smtp://)" }))),
      "SMTP_URL"
    ).pipe(Config.map(Redacted.make))
  ),
  mailFrom: Config.String("SMARTFAM_MAIL_FROM").pipe(Config.withDefault("Smartfam <noreply@smartfam.example>")),
  oidc,
  trustedProxies: Config.schema(
    Schema.String.pipe(
      Schema.check(
        Schema.makeFilter(
          (s) => s.trim() === "none" || s.split(",").every((a) => isIP(a.trim()) !== 0) || "indirizzi IP separati da virgole, o none (comma-separated IP addresses, or none)"
        )
      )
    ),
    "SMARTFAM_TRUSTED_PROXIES"
  ).pipe(
    Config.map((s) => (s.trim() === "none" ? [] : s.split(",").map((a) => a.trim()))),
    Config.withDefault(DEFAULT_TRUSTED_PROXIES)
  )
}).pipe(
  // Secure cookies unless told otherwise; on loopback (the plain-http demo) browsers would drop them.
  Config.map(({ cookieSecure, ...rest }) => ({
    ...rest,
    cookieSecure: Option.getOrElse(cookieSecure, () => !loopback.has(rest.host))
  }))
)

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
