/**
 * OIDC login as a relying party (openid-client), for SPID/CIE gateways: authorization code flow with PKCE,
 * state and nonce. Enabled when `OIDC_ISSUER` (and its client settings) are configured.
 *
 * Between the redirect and the callback, the PKCE verifier, state and nonce travel in a short-lived
 * cookie sealed with an HMAC keyed from the client secret: every API process can check it (they share
 * the configuration) and nothing is stored server-side. The provider is discovered on first use and
 * remembered, so an unreachable provider does not stop the API from starting.
 */
import crypto from "node:crypto"
import { Context, Effect, Layer, Option, Redacted } from "effect"
import * as client from "openid-client"
import type { OidcConfig } from "../config.ts"
import { log } from "../http/log.ts"
import { Clock } from "./Clock.ts"
import { Unauthorized } from "./errors.ts"

/** Who the provider says logged in. */
export interface OidcIdentity {
  readonly subject: string
  readonly email: string | undefined
  readonly displayName: string | undefined
}

/** How long the browser has to come back from the provider. */
export const STATE_TTL_MS = 10 * 60_000

export class Oidc extends Context.Service<
  Oidc,
  {
    /** False when no provider is configured: the routes answer 404. */
    readonly enabled: boolean
    /** The provider's authorization URL, and the sealed state the callback needs (keep it in a cookie). */
    start(): Effect.Effect<{ readonly url: string; readonly sealed: string }>
    /** Checks the provider's redirect against the sealed state, redeems the code, returns the identity. */
    finish(callback: URL, sealed: string | undefined): Effect.Effect<OidcIdentity, Unauthorized>
  }
>()("smartfam/Oidc") {
  /** The relying party for `config`, or a disabled service when there is none. */
  static readonly layer = (config: Option.Option<OidcConfig>) =>
    Layer.effect(
      Oidc,
      Effect.gen(function* () {
        const clock = yield* Clock
        return Option.match(config, { onNone: () => disabled, onSome: (c) => make(c, clock.now) })
      })
    )
}

const disabled = Oidc.of({
  enabled: false,
  start: () => Effect.die(new Error("OIDC is not configured")),
  finish: () => Effect.die(new Error("OIDC is not configured"))
})

const isLoopback = (url: URL) => ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)

const make = (config: OidcConfig, now: Effect.Effect<Date>) => {
  const issuer = new URL(config.issuer)
  const secret = Redacted.value(config.clientSecret)
  const key = crypto.createHmac("sha256", secret).update("smartfam/oidc-state").digest()
  const mac = (payload: string) => crypto.createHmac("sha256", key).update(payload).digest("base64url")

  // Discovered once; forgotten after a failure so the next login tries again.
  let discovered: Promise<client.Configuration> | undefined
  const configuration = () =>
    (discovered ??= client
      .discovery(
        issuer,
        config.clientId,
        { redirect_uris: [config.redirectUri] },
        client.ClientSecretBasic(secret),
        {
          // Plain http only for a provider on this machine (development and tests); real gateways use https.
          ...(issuer.protocol === "http:" && isLoopback(issuer)
            ? { execute: [client.allowInsecureRequests] }
            : {})
        }
      )
      .catch((error: unknown) => {
        discovered = undefined
        throw error
      }))

  interface State {
    readonly state: string
    readonly verifier: string
    readonly nonce: string
    readonly expires: number
  }
  const seal = (s: State) => {
    const payload = Buffer.from(JSON.stringify(s)).toString("base64url")
    return `${payload}.${mac(payload)}`
  }
  const unseal = (sealed: string): State | undefined => {
    const [payload, signature] = sealed.split(".")
    if (payload === undefined || signature === undefined) return undefined
    const expected = Buffer.from(mac(payload))
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return undefined
    try {
      return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as State
    } catch {
      return undefined
    }
  }

  const refused = (why: string) =>
    new Unauthorized({ message: `Accesso con identità digitale non riuscito: ${why} (OIDC login failed)` })

  return Oidc.of({
    enabled: true,
    start: () =>
      Effect.gen(function* () {
        const rp = yield* Effect.promise(configuration)
        const verifier = client.randomPKCECodeVerifier()
        const state = client.randomState()
        const nonce = client.randomNonce()
        const challenge = yield* Effect.promise(() => client.calculatePKCECodeChallenge(verifier))
        const url = client.buildAuthorizationUrl(rp, {
          redirect_uri: config.redirectUri,
          scope: "openid email profile",
          code_challenge: challenge,
          code_challenge_method: "S256",
          state,
          nonce
        })
        const expires = (yield* now).getTime() + STATE_TTL_MS
        return { url: url.href, sealed: seal({ state, verifier, nonce, expires }) }
      }).pipe(Effect.withSpan("Oidc.start")),

    finish: (callback, sealed) =>
      Effect.gen(function* () {
        const checks = sealed === undefined ? undefined : unseal(sealed)
        if (checks === undefined) return yield* refused("sessione di accesso mancante o alterata")
        if ((yield* now).getTime() > checks.expires) return yield* refused("tempo scaduto, riprova")
        const rp = yield* Effect.promise(configuration)
        // The callback as registered (the request may have come through a proxy), with the provider's answer.
        const current = new URL(config.redirectUri)
        current.search = callback.search
        const tokens = yield* Effect.tryPromise({
          try: () =>
            client.authorizationCodeGrant(rp, current, {
              pkceCodeVerifier: checks.verifier,
              expectedState: checks.state,
              expectedNonce: checks.nonce
            }),
          catch: (error) => {
            log("warn", "oidc callback refused", {
              error: error instanceof Error ? error.message : String(error)
            })
            return refused("risposta del fornitore non valida")
          }
        })
        const claims = tokens.claims()
        if (claims === undefined) return yield* refused("nessun id_token")
        let profile: Record<string, unknown> = claims
        if (typeof claims["email"] !== "string") {
          profile = yield* Effect.tryPromise({
            try: () => client.fetchUserInfo(rp, tokens.access_token, claims.sub),
            catch: () => refused("profilo non disponibile")
          })
        }
        const text = (k: string) =>
          typeof profile[k] === "string" && profile[k] !== "" ? profile[k] : undefined
        const given = [text("given_name"), text("family_name")].filter((s) => s !== undefined).join(" ")
        // Subjects are unique per issuer: the stored one names its issuer, so a second gateway cannot collide.
        return {
          subject: `${config.issuer} ${claims.sub}`,
          email: text("email"),
          displayName: text("name") ?? (given === "" ? undefined : given)
        }
      }).pipe(Effect.withSpan("Oidc.finish"))
  })
}
